-- Term rates per 10,000 characters by month and by series, over the fullest report of each meeting,
-- and the share of the month's meetings that use the term. Series '全部会议' is every meeting together.
-- Incremental: the step fills the temporary tables mart_scope (series and months to compute, keyed as in
-- term_rates_inputs.sql: those whose meetings or reports changed) and mart_stale (those and the ones
-- gone); every other series and month keeps its rows. A first build, or a change to this SQL, drops the
-- table and computes them all. Parts are appended as they are computed: query with ORDER BY.
CREATE TABLE IF NOT EXISTS mart_term_rates (
    series VARCHAR, month DATE, term VARCHAR, n INTEGER, chars BIGINT, rate_per_10k DOUBLE, meetings_using INTEGER,
    meetings BIGINT, share_of_meetings DOUBLE
);
DELETE FROM mart_term_rates WHERE series || chr(31) || coalesce(CAST(month AS VARCHAR), '') IN (SELECT key FROM mart_stale);
INSERT INTO mart_term_rates
WITH reports AS (
    SELECT m.meeting_id, m.series, date_trunc('month', m.meeting_date)::DATE AS month, m.report_doc_id, l.chars
    FROM meetings m JOIN document_lengths l ON l.doc_id = m.report_doc_id
),
grouped AS (
    SELECT * FROM (
        SELECT series, month, report_doc_id, chars FROM reports
        UNION ALL
        SELECT '全部会议', month, report_doc_id, chars FROM reports
    ) WHERE series || chr(31) || coalesce(CAST(month AS VARCHAR), '') IN (SELECT key FROM mart_scope)
),
denominators AS (
    SELECT series, month, sum(chars) AS chars, count(*) AS meetings FROM grouped GROUP BY ALL
)
SELECT
    g.series,
    g.month,
    c.term,
    sum(c.n)::INTEGER AS n,
    d.chars,
    round(sum(c.n) * 10000.0 / d.chars, 4) AS rate_per_10k,
    count(*)::INTEGER AS meetings_using,
    d.meetings,
    round(count(*) / d.meetings, 4) AS share_of_meetings
FROM grouped g
JOIN term_counts c ON c.doc_id = g.report_doc_id
JOIN denominators d USING (series, month)
GROUP BY g.series, g.month, c.term, d.chars, d.meetings
ORDER BY g.series, g.month, n DESC;
COMMENT ON TABLE mart_term_rates IS 'Term rates per 10,000 characters by month and series, over the fullest report of each meeting; series 全部会议 is all meetings together. Kept up to date part by part, so the rows are in no particular order: use ORDER BY.';
COMMENT ON COLUMN mart_term_rates.series IS 'The series, or 全部会议 for all meetings.';
COMMENT ON COLUMN mart_term_rates.month IS 'First day of the month.';
COMMENT ON COLUMN mart_term_rates.term IS 'The term (term_counts.term).';
COMMENT ON COLUMN mart_term_rates.n IS 'Occurrences in the month''s reports.';
COMMENT ON COLUMN mart_term_rates.chars IS 'Characters of all the month''s reports of the series (term or not).';
COMMENT ON COLUMN mart_term_rates.rate_per_10k IS 'n per 10,000 characters.';
COMMENT ON COLUMN mart_term_rates.meetings_using IS 'Meetings whose report uses the term.';
COMMENT ON COLUMN mart_term_rates.meetings IS 'Meetings of the series that month.';
COMMENT ON COLUMN mart_term_rates.share_of_meetings IS 'meetings_using / meetings.';
