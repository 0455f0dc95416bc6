-- Each meeting with its place in its series and the meeting before it: what the change marts compare.
CREATE OR REPLACE VIEW meeting_sequence AS
SELECT
    meeting_id, series, meeting_date, report_doc_id,
    row_number() OVER w AS k,
    lag(meeting_id) OVER w AS prev_meeting_id,
    lag(meeting_date) OVER w AS prev_meeting_date,
    lag(report_doc_id) OVER w AS prev_doc_id
FROM meetings
WINDOW w AS (PARTITION BY series ORDER BY meeting_date, meeting_id);
COMMENT ON VIEW meeting_sequence IS 'Every meeting with its position k in its series (1 = first, by date) and the previous meeting of the series.';
COMMENT ON COLUMN meeting_sequence.meeting_id IS 'The meeting.';
COMMENT ON COLUMN meeting_sequence.series IS 'Its series.';
COMMENT ON COLUMN meeting_sequence.meeting_date IS 'Its date.';
COMMENT ON COLUMN meeting_sequence.report_doc_id IS 'Its fullest report.';
COMMENT ON COLUMN meeting_sequence.k IS 'Position in the series by date: 1 for the first meeting.';
COMMENT ON COLUMN meeting_sequence.prev_meeting_id IS 'The previous meeting of the series (null for the first).';
COMMENT ON COLUMN meeting_sequence.prev_meeting_date IS 'Its date.';
COMMENT ON COLUMN meeting_sequence.prev_doc_id IS 'Its fullest report.';
