-- What each meeting's rows of mart_formulation_changes are computed from (key: meeting_id): the meeting
-- and the one before it in its series (meeting_sequence), each with its report and the hash and version
-- that report's formulations were extracted from.
SELECT o.meeting_id AS key,
       md5(concat_ws('|', o.series, coalesce(CAST(o.meeting_date AS VARCHAR), ''), o.report_doc_id,
                     coalesce(e.content_hash, ''), coalesce(e.version, ''),
                     coalesce(o.prev_meeting_id, ''), coalesce(CAST(o.prev_meeting_date AS VARCHAR), ''), coalesce(o.prev_doc_id, ''),
                     coalesce(p.content_hash, ''), coalesce(p.version, ''))) AS fingerprint
FROM meeting_sequence o
LEFT JOIN extracted_docs e ON e.doc_id = o.report_doc_id
LEFT JOIN extracted_docs p ON p.doc_id = o.prev_doc_id
