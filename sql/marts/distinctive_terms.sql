-- Distinctive terms of each meeting against its series' baseline (the previous N meetings of the
-- same series, N = getvariable('baseline_meetings')): the log-odds ratio with an informative Dirichlet
-- prior of Monroe, Colaresi and Quinn (2008), the prior proportional to the meeting and its baseline
-- together (so a meeting's scores do not move as later meetings arrive) and summing to
-- getvariable('prior_size'). The same formula as core/keyness.compare with its default background.
-- Top getvariable('top_terms') terms in each direction: 'meeting' (more than the baseline) and 'baseline'.
-- Incremental: the step fills the temporary tables mart_scope (meetings to compute: those whose inputs,
-- distinctive_terms_inputs.sql, changed) and mart_stale (the rows to delete: those meetings, and the
-- meetings that are gone); the rows of every other meeting are kept. A first build, or a change to this
-- SQL or the settings, drops the table and computes every meeting. Many meetings to compute are done in
-- passes of 2,000 (the step runs this file once per pass, with that pass's meetings in both tables and
-- the gone ones in the first pass's mart_stale), so one pass's working set stays small. Parts are
-- appended as they are computed: query with ORDER BY.
CREATE TABLE IF NOT EXISTS mart_distinctive_terms (
    meeting_id VARCHAR, series VARCHAR, meeting_date DATE, baseline_meetings INTEGER, direction VARCHAR, rank INTEGER,
    term VARCHAR, n_meeting INTEGER, n_baseline INTEGER, delta DOUBLE, z DOUBLE
);
DELETE FROM mart_distinctive_terms WHERE meeting_id IN (SELECT key FROM mart_stale);
INSERT INTO mart_distinctive_terms
WITH m AS (
    SELECT meeting_id, series, meeting_date, report_doc_id, k FROM meeting_sequence
),
base AS (
    SELECT t.meeting_id, b.report_doc_id AS doc_id
    FROM m t JOIN m b ON b.series = t.series AND b.k BETWEEN t.k - getvariable('baseline_meetings') AND t.k - 1
    WHERE t.meeting_id IN (SELECT key FROM mart_scope)
),
docs AS (
    SELECT doc_id FROM base UNION SELECT report_doc_id FROM m WHERE meeting_id IN (SELECT meeting_id FROM base)
),
content AS (
    SELECT doc_id, term, n FROM term_counts WHERE term NOT LIKE '〈%' AND doc_id IN (SELECT doc_id FROM docs)
),
target AS (
    SELECT m.meeting_id, c.term, c.n::DOUBLE AS y FROM m JOIN content c ON c.doc_id = m.report_doc_id
    WHERE m.meeting_id IN (SELECT meeting_id FROM base)
),
reference AS (
    SELECT b.meeting_id, c.term, sum(c.n)::DOUBLE AS y FROM base b JOIN content c ON c.doc_id = b.doc_id GROUP BY ALL
),
pairs AS (
    SELECT coalesce(t.meeting_id, r.meeting_id) AS meeting_id, coalesce(t.term, r.term) AS term,
           coalesce(t.y, 0) AS y_t, coalesce(r.y, 0) AS y_r
    FROM target t FULL JOIN reference r ON r.meeting_id = t.meeting_id AND r.term = t.term
),
-- each meeting's totals grouped and joined back, not as window sums: the same numbers, and at ten times
-- xwlb the windows over every (meeting, term) pair at once spilled gigabytes under the memory cap
totals AS (
    SELECT meeting_id, sum(y_t) AS n_t, sum(y_r) AS n_r FROM pairs GROUP BY meeting_id
),
with_prior AS (
    SELECT p.*, m.series, m.meeting_date,
           getvariable('prior_size') * (p.y_t + p.y_r) / (s.n_t + s.n_r) AS a, s.n_t, s.n_r
    FROM pairs p JOIN totals s USING (meeting_id) JOIN m USING (meeting_id)
    WHERE p.meeting_id IN (SELECT meeting_id FROM target)
),
scored AS (
    SELECT meeting_id, series, meeting_date, term, y_t::INTEGER AS n_meeting, y_r::INTEGER AS n_baseline,
           ln((y_t + a) / (n_t + getvariable('prior_size') - y_t - a)) - ln((y_r + a) / (n_r + getvariable('prior_size') - y_r - a)) AS delta,
           1.0 / (y_t + a) + 1.0 / (y_r + a) AS variance
    FROM with_prior
    WHERE y_t + y_r >= getvariable('min_count')
),
nonzero AS (
    SELECT * FROM scored WHERE abs(delta) > 1e-9  -- a term used alike in both is distinctive of neither
),
ranked AS (
    SELECT *, delta / sqrt(variance) AS z,
           CASE WHEN delta > 0 THEN 'meeting' ELSE 'baseline' END AS direction,
           row_number() OVER (PARTITION BY meeting_id, delta > 0 ORDER BY abs(delta / sqrt(variance)) DESC, term) AS rank
    FROM nonzero
)
SELECT r.meeting_id, r.series, r.meeting_date,
       (SELECT count(*) FROM base b WHERE b.meeting_id = r.meeting_id)::INTEGER AS baseline_meetings,
       r.direction, r.rank::INTEGER AS rank, r.term, r.n_meeting, r.n_baseline,
       round(r.delta, 6) AS delta, round(r.z, 6) AS z
FROM ranked r
WHERE r.rank <= getvariable('top_terms')
ORDER BY r.series, r.meeting_date, r.direction DESC, r.rank;
COMMENT ON TABLE mart_distinctive_terms IS 'Distinctive terms of each meeting against the previous N meetings of its series: log-odds ratio with informative Dirichlet prior (Monroe et al. 2008), top terms each way. Kept up to date part by part, so the rows are in no particular order: use ORDER BY.';
COMMENT ON COLUMN mart_distinctive_terms.meeting_id IS 'The meeting.';
COMMENT ON COLUMN mart_distinctive_terms.series IS 'Its series.';
COMMENT ON COLUMN mart_distinctive_terms.meeting_date IS 'Its date.';
COMMENT ON COLUMN mart_distinctive_terms.baseline_meetings IS 'Meetings in the baseline (up to N).';
COMMENT ON COLUMN mart_distinctive_terms.direction IS 'meeting (used more than in the baseline) or baseline (used less).';
COMMENT ON COLUMN mart_distinctive_terms.rank IS '1 = most distinctive in its direction.';
COMMENT ON COLUMN mart_distinctive_terms.term IS 'The term.';
COMMENT ON COLUMN mart_distinctive_terms.n_meeting IS 'Occurrences in the meeting''s report.';
COMMENT ON COLUMN mart_distinctive_terms.n_baseline IS 'Occurrences in the baseline reports together.';
COMMENT ON COLUMN mart_distinctive_terms.delta IS 'Log-odds ratio, meeting minus baseline.';
COMMENT ON COLUMN mart_distinctive_terms.z IS 'delta over its standard error: the ranking score.';
