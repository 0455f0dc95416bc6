-- Theme shifts from one meeting of a series to the next: each theme's share in the meeting and in the
-- previous one, the change, and its rank by size of change within the meeting (1 = moved most).
-- Incremental, keyed by meeting (sql/marts/theme_shifts_inputs.sql): the step fills the temporary tables
-- mart_scope (meetings to compute: those whose inputs changed) and mart_stale (those and the ones gone);
-- every other meeting keeps its rows. A first build, or a change to this SQL, computes them all. Rows
-- are appended as they are computed: query with ORDER BY.
CREATE TABLE IF NOT EXISTS mart_theme_shifts (
    meeting_id VARCHAR, series VARCHAR, meeting_date DATE, prev_meeting_id VARCHAR, prev_meeting_date DATE, theme_id VARCHAR,
    name_zh VARCHAR, share DOUBLE, prev_share DOUBLE, delta DOUBLE, rank INTEGER
);
DELETE FROM mart_theme_shifts WHERE meeting_id IN (SELECT key FROM mart_stale);
INSERT INTO mart_theme_shifts
WITH shifts AS (
    SELECT o.meeting_id, o.series, o.meeting_date, o.prev_meeting_id, o.prev_meeting_date, t.theme_id, t.name_zh,
           coalesce(s.share, 0) AS share, coalesce(p.share, 0) AS prev_share,
           coalesce(s.share, 0) - coalesce(p.share, 0) AS delta
    FROM meeting_sequence o
    CROSS JOIN themes t
    LEFT JOIN theme_scores s ON s.doc_id = o.report_doc_id AND s.theme_id = t.theme_id
    LEFT JOIN theme_scores p ON p.doc_id = o.prev_doc_id AND p.theme_id = t.theme_id
    WHERE o.prev_meeting_id IS NOT NULL AND (s.share IS NOT NULL OR p.share IS NOT NULL)
      AND o.meeting_id IN (SELECT key FROM mart_scope)
)
SELECT *, row_number() OVER (PARTITION BY meeting_id ORDER BY abs(delta) DESC, theme_id)::INTEGER AS rank
FROM shifts
ORDER BY series, meeting_date, rank;
COMMENT ON TABLE mart_theme_shifts IS 'Theme shares of each meeting against the previous meeting of its series, ranked by how far they moved.';
COMMENT ON COLUMN mart_theme_shifts.meeting_id IS 'The meeting.';
COMMENT ON COLUMN mart_theme_shifts.series IS 'Its series.';
COMMENT ON COLUMN mart_theme_shifts.meeting_date IS 'Its date.';
COMMENT ON COLUMN mart_theme_shifts.prev_meeting_id IS 'The previous meeting of the series.';
COMMENT ON COLUMN mart_theme_shifts.prev_meeting_date IS 'Its date.';
COMMENT ON COLUMN mart_theme_shifts.theme_id IS 'The theme.';
COMMENT ON COLUMN mart_theme_shifts.name_zh IS 'Its Chinese name.';
COMMENT ON COLUMN mart_theme_shifts.share IS 'Share in this meeting.';
COMMENT ON COLUMN mart_theme_shifts.prev_share IS 'Share in the previous meeting.';
COMMENT ON COLUMN mart_theme_shifts.delta IS 'share - prev_share.';
COMMENT ON COLUMN mart_theme_shifts.rank IS '1 = the theme that moved most in this meeting.';
