-- People as each report names them (per document), and merged: one row per (meeting, person, role).
CREATE TABLE IF NOT EXISTS report_participants (
    doc_id      VARCHAR NOT NULL,
    meeting_id  VARCHAR,
    name        VARCHAR NOT NULL,
    title       VARCHAR,
    role        VARCHAR NOT NULL
);
COMMENT ON TABLE report_participants IS 'People of a meeting as each report names them; participants merges them per meeting.';
COMMENT ON COLUMN report_participants.doc_id IS 'The report naming the person.';
COMMENT ON COLUMN report_participants.meeting_id IS 'The meeting the report is about, when it is a meeting report.';
COMMENT ON COLUMN report_participants.name IS 'The person''s name.';
COMMENT ON COLUMN report_participants.title IS 'The title this report gives.';
COMMENT ON COLUMN report_participants.role IS 'chair, speaker or attendee.';

CREATE TABLE IF NOT EXISTS participants (
    meeting_id  VARCHAR NOT NULL,
    name        VARCHAR NOT NULL,
    title       VARCHAR,
    role        VARCHAR NOT NULL,
    n_reports   INTEGER NOT NULL
);
COMMENT ON TABLE participants IS 'One row per (meeting, person, role): the chair, every person whose words are reported (speaker), listed attendees, across all reports of the meeting.';
COMMENT ON COLUMN participants.meeting_id IS 'The meeting (meetings.meeting_id).';
COMMENT ON COLUMN participants.name IS 'The person''s name.';
COMMENT ON COLUMN participants.title IS 'The fullest title the reports give.';
COMMENT ON COLUMN participants.role IS 'chair, speaker or attendee.';
COMMENT ON COLUMN participants.n_reports IS 'How many reports of the meeting name the person in this role.';
