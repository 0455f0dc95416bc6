CREATE TABLE IF NOT EXISTS participants (
    doc_id      VARCHAR NOT NULL,
    meeting_id  VARCHAR,
    name        VARCHAR NOT NULL,
    title       VARCHAR,
    role        VARCHAR NOT NULL
);
COMMENT ON TABLE participants IS 'People of a meeting as each report names them: the chair, every person whose words are reported (speaker), listed attendees.';
COMMENT ON COLUMN participants.doc_id IS 'The report naming the person.';
COMMENT ON COLUMN participants.meeting_id IS 'The meeting (meetings.meeting_id).';
COMMENT ON COLUMN participants.name IS 'The person''s name.';
COMMENT ON COLUMN participants.title IS 'The title the report gives.';
COMMENT ON COLUMN participants.role IS 'chair, speaker or attendee.';
