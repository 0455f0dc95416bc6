-- What each meeting's distinctive terms are computed from: the meeting's place, date and report, and the
-- reports of its baseline (the previous getvariable('baseline_meetings') meetings of its series), each
-- with the hash and version its term counts were made from. A meeting whose fingerprint is unchanged
-- keeps its rows; a meeting added before it shifts its baseline and so changes it.
WITH s AS (
    SELECT m.meeting_id, m.series, m.meeting_date, m.report_doc_id, m.k,
           concat_ws(':', m.report_doc_id, coalesce(c.content_hash, ''), coalesce(c.version, '')) AS made_from
    FROM meeting_sequence m LEFT JOIN counted_docs c ON c.doc_id = m.report_doc_id
)
SELECT t.meeting_id AS key,
       md5(concat_ws('|', t.series, coalesce(CAST(t.meeting_date AS VARCHAR), ''), t.made_from,
                     coalesce(string_agg(b.made_from, ',' ORDER BY b.k), ''))) AS fingerprint
FROM s t LEFT JOIN s b ON b.series = t.series AND b.k BETWEEN t.k - getvariable('baseline_meetings') AND t.k - 1
GROUP BY t.meeting_id, t.series, t.meeting_date, t.made_from
