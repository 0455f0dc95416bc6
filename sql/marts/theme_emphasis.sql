-- Theme emphasis per meeting: the share of the meeting's fullest report given to each theme of the
-- taxonomy, every theme listed (0 where the report does not address it), with the series and date.
-- Incremental, keyed by meeting (sql/marts/theme_emphasis_inputs.sql): the step fills the temporary tables
-- mart_scope (meetings to compute: those whose inputs changed) and mart_stale (those and the ones gone);
-- every other meeting keeps its rows. A first build, or a change to this SQL, computes them all. Rows
-- are appended as they are computed: query with ORDER BY.
CREATE TABLE IF NOT EXISTS mart_theme_emphasis (
    meeting_id VARCHAR, series VARCHAR, meeting_date DATE, quarter VARCHAR, theme_id VARCHAR, name_zh VARCHAR, position INTEGER,
    sentences INTEGER, share DOUBLE, weighted_share DOUBLE, is_primary BOOLEAN, report_doc_id VARCHAR
);
DELETE FROM mart_theme_emphasis WHERE meeting_id IN (SELECT key FROM mart_stale);
INSERT INTO mart_theme_emphasis
SELECT
    m.meeting_id,
    m.series,
    m.meeting_date,
    year(m.meeting_date) || '-Q' || quarter(m.meeting_date) AS quarter,
    t.theme_id,
    t.name_zh,
    t.position,
    coalesce(s.sentences, 0) AS sentences,
    coalesce(s.share, 0) AS share,
    coalesce(s.weighted_share, 0) AS weighted_share,
    coalesce(s.is_primary, false) AS is_primary,
    m.report_doc_id
FROM meetings m
CROSS JOIN themes t
LEFT JOIN theme_scores s ON s.doc_id = m.report_doc_id AND s.theme_id = t.theme_id
WHERE m.meeting_id IN (SELECT key FROM mart_scope)
ORDER BY m.series, m.meeting_date, t.position;
COMMENT ON TABLE mart_theme_emphasis IS 'Theme emphasis per meeting: the share of its fullest report given to each theme, every theme of the taxonomy listed (0 where not addressed).';
COMMENT ON COLUMN mart_theme_emphasis.meeting_id IS 'The meeting.';
COMMENT ON COLUMN mart_theme_emphasis.series IS 'Its series.';
COMMENT ON COLUMN mart_theme_emphasis.meeting_date IS 'Its date.';
COMMENT ON COLUMN mart_theme_emphasis.quarter IS 'Its quarter, as 2020-Q1.';
COMMENT ON COLUMN mart_theme_emphasis.theme_id IS 'The theme.';
COMMENT ON COLUMN mart_theme_emphasis.name_zh IS 'The theme''s Chinese name.';
COMMENT ON COLUMN mart_theme_emphasis.position IS 'The theme''s order in the taxonomy.';
COMMENT ON COLUMN mart_theme_emphasis.sentences IS 'Sentences of the report carrying the theme (0 if none).';
COMMENT ON COLUMN mart_theme_emphasis.share IS 'Share of the report''s sentences (0–1).';
COMMENT ON COLUMN mart_theme_emphasis.weighted_share IS 'Share with directive sentences counted twice.';
COMMENT ON COLUMN mart_theme_emphasis.is_primary IS 'The report''s primary theme.';
COMMENT ON COLUMN mart_theme_emphasis.report_doc_id IS 'The report read (meetings.report_doc_id).';
