-- What each series and month of mart_term_rates is computed from (key: series, chr(31), month): its
-- meetings and their reports, each with the hash and version its term counts and length were made from.
-- Series 全部会议 gathers every meeting of the month.
WITH reports AS (
    SELECT m.series, coalesce(CAST(date_trunc('month', m.meeting_date)::DATE AS VARCHAR), '') AS month,
           concat_ws(':', m.meeting_id, m.report_doc_id, coalesce(c.content_hash, ''), coalesce(c.version, '')) AS made_from
    FROM meetings m JOIN document_lengths l ON l.doc_id = m.report_doc_id
    LEFT JOIN counted_docs c ON c.doc_id = m.report_doc_id
),
grouped AS (
    SELECT series, month, made_from FROM reports
    UNION ALL
    SELECT '全部会议', month, made_from FROM reports
)
SELECT series || chr(31) || month AS key, md5(string_agg(made_from, ',' ORDER BY made_from)) AS fingerprint
FROM grouped GROUP BY series, month
