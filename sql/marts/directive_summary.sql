-- Directives per meeting (from its fullest report), counted by speaker and strength.
CREATE OR REPLACE TABLE mart_directive_summary AS
SELECT
    m.meeting_id,
    m.series,
    m.meeting_date,
    coalesce(x.speaker, '（未标明）') AS speaker,
    x.strength,
    x.strength_rank,
    count(*)::INTEGER AS directives,
    count(*) FILTER (WHERE x.kind = 'enumerated')::INTEGER AS enumerated,
    count(*) FILTER (WHERE x.kind = 'imperative')::INTEGER AS imperative
FROM meetings m
JOIN directives x ON x.doc_id = m.report_doc_id
GROUP BY ALL
ORDER BY m.series, m.meeting_date, directives DESC;
COMMENT ON TABLE mart_directive_summary IS 'Directives per meeting (its fullest report), counted by speaker and strength.';
COMMENT ON COLUMN mart_directive_summary.meeting_id IS 'The meeting.';
COMMENT ON COLUMN mart_directive_summary.series IS 'Its series.';
COMMENT ON COLUMN mart_directive_summary.meeting_date IS 'Its date.';
COMMENT ON COLUMN mart_directive_summary.speaker IS 'Who gave the directives (（未标明） when no speaker was found).';
COMMENT ON COLUMN mart_directive_summary.strength IS 'Strength label of the directives (lexicon/strength.txt).';
COMMENT ON COLUMN mart_directive_summary.strength_rank IS 'Rank of the strength (higher is more forceful).';
COMMENT ON COLUMN mart_directive_summary.directives IS 'Directives of that speaker and strength.';
COMMENT ON COLUMN mart_directive_summary.enumerated IS 'Of those, items of numbered lists.';
COMMENT ON COLUMN mart_directive_summary.imperative IS 'Of those, imperative sentences.';
