-- What each meeting's rows of mart_theme_shifts are computed from (key: meeting_id): the meeting and the
-- one before it in its series (meeting_sequence), each with its report and the hash and version that
-- report's theme scores were made from. A meeting added before another changes that one's previous.
SELECT o.meeting_id AS key,
       md5(concat_ws('|', o.series, coalesce(CAST(o.meeting_date AS VARCHAR), ''), o.report_doc_id,
                     coalesce(t.content_hash, ''), coalesce(t.version, ''),
                     coalesce(o.prev_meeting_id, ''), coalesce(CAST(o.prev_meeting_date AS VARCHAR), ''), coalesce(o.prev_doc_id, ''),
                     coalesce(p.content_hash, ''), coalesce(p.version, ''))) AS fingerprint
FROM meeting_sequence o
LEFT JOIN themed_docs t ON t.doc_id = o.report_doc_id
LEFT JOIN themed_docs p ON p.doc_id = o.prev_doc_id
