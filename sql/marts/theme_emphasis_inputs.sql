-- What each meeting's rows of mart_theme_emphasis are computed from (key: meeting_id): its series,
-- date and fullest report, with the hash and version the report's theme scores were made from (the
-- version covers the taxonomy, and so the themes listed).
SELECT m.meeting_id AS key,
       md5(concat_ws('|', m.series, coalesce(CAST(m.meeting_date AS VARCHAR), ''), m.report_doc_id,
                     coalesce(t.content_hash, ''), coalesce(t.version, ''))) AS fingerprint
FROM meetings m LEFT JOIN themed_docs t ON t.doc_id = m.report_doc_id
