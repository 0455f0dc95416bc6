-- Formulations added and dropped from one meeting of a series to the next: a formulation (canonical
-- form) the meeting's report uses and the previous meeting's did not is 'added'; the reverse 'dropped'.
-- Incremental, keyed by meeting (sql/marts/formulation_changes_inputs.sql): the step fills the temporary tables
-- mart_scope (meetings to compute: those whose inputs changed) and mart_stale (those and the ones gone);
-- every other meeting keeps its rows. A first build, or a change to this SQL, computes them all. Rows
-- are appended as they are computed: query with ORDER BY.
CREATE TABLE IF NOT EXISTS mart_formulation_changes (
    meeting_id VARCHAR, series VARCHAR, meeting_date DATE, prev_meeting_id VARCHAR, prev_meeting_date DATE, change VARCHAR,
    canonical VARCHAR, surface VARCHAR, occurrences INTEGER, meeting_formulations INTEGER, prev_formulations INTEGER
);
DELETE FROM mart_formulation_changes WHERE meeting_id IN (SELECT key FROM mart_stale);
INSERT INTO mart_formulation_changes
WITH scope AS (
    SELECT * FROM meeting_sequence WHERE meeting_id IN (SELECT key FROM mart_scope)
),
-- the formulations of the reports compared: those of the meetings computed and of their previous ones
used AS (
    SELECT doc_id, canonical, count(*)::INTEGER AS occurrences, min(surface) AS surface
    FROM formulations
    WHERE doc_id IN (SELECT report_doc_id FROM scope UNION ALL SELECT prev_doc_id FROM scope)
    GROUP BY doc_id, canonical
),
-- how many formulations each report uses: a report using none makes everything look dropped
per_doc AS (
    SELECT doc_id, count(*)::INTEGER AS n FROM used GROUP BY doc_id
),
changes AS (
SELECT o.meeting_id, o.series, o.meeting_date, o.prev_meeting_id, o.prev_meeting_date,
       'added' AS change, u.canonical, u.surface, u.occurrences
FROM scope o JOIN used u ON u.doc_id = o.report_doc_id
WHERE o.prev_meeting_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM used p WHERE p.doc_id = o.prev_doc_id AND p.canonical = u.canonical)
UNION ALL
SELECT o.meeting_id, o.series, o.meeting_date, o.prev_meeting_id, o.prev_meeting_date,
       'dropped', p.canonical, p.surface, p.occurrences
FROM scope o JOIN used p ON p.doc_id = o.prev_doc_id
WHERE NOT EXISTS (SELECT 1 FROM used u WHERE u.doc_id = o.report_doc_id AND u.canonical = p.canonical)

)
SELECT c.*, coalesce(a.n, 0) AS meeting_formulations, coalesce(b.n, 0) AS prev_formulations
FROM changes c
JOIN meetings m ON m.meeting_id = c.meeting_id
JOIN meetings p ON p.meeting_id = c.prev_meeting_id
LEFT JOIN per_doc a ON a.doc_id = m.report_doc_id
LEFT JOIN per_doc b ON b.doc_id = p.report_doc_id
ORDER BY c.series, c.meeting_date, c.change, c.canonical;
COMMENT ON TABLE mart_formulation_changes IS 'Formulations added and dropped between consecutive meetings of a series (canonical forms).';
COMMENT ON COLUMN mart_formulation_changes.meeting_id IS 'The meeting.';
COMMENT ON COLUMN mart_formulation_changes.series IS 'Its series.';
COMMENT ON COLUMN mart_formulation_changes.meeting_date IS 'Its date.';
COMMENT ON COLUMN mart_formulation_changes.prev_meeting_id IS 'The previous meeting of the series.';
COMMENT ON COLUMN mart_formulation_changes.prev_meeting_date IS 'Its date.';
COMMENT ON COLUMN mart_formulation_changes.change IS 'added (used now, not before) or dropped (used before, not now).';
COMMENT ON COLUMN mart_formulation_changes.canonical IS 'The formulation (formulations.canonical).';
COMMENT ON COLUMN mart_formulation_changes.surface IS 'A spelling of it as written.';
COMMENT ON COLUMN mart_formulation_changes.occurrences IS 'Times the meeting (added) or the previous meeting (dropped) used it.';
COMMENT ON COLUMN mart_formulation_changes.meeting_formulations IS 'Distinct formulations the meeting''s report uses (0: every earlier one shows as dropped).';
COMMENT ON COLUMN mart_formulation_changes.prev_formulations IS 'Distinct formulations the previous meeting''s report uses (0: every one shows as added).';
