-- One row per meeting, however many sources reported it (rebuilt by sql/steps/meetings.sql).
CREATE TABLE IF NOT EXISTS meetings (
    meeting_id       VARCHAR PRIMARY KEY,
    report_doc_id    VARCHAR NOT NULL,
    n_reports        INTEGER NOT NULL,
    meeting_date     DATE NOT NULL,
    organ            VARCHAR,
    series           VARCHAR NOT NULL,
    session_no       INTEGER,
    chair            VARCHAR,
    chair_title      VARCHAR,
    level            VARCHAR,
    province         VARCHAR,
    city             VARCHAR,
    upstream_meeting VARCHAR,
    meeting_name     VARCHAR
);
COMMENT ON TABLE meetings IS 'One row per meeting, however many sources reported it; attributes come from its fullest report (report_doc_id). Count meetings here, not in documents.';
COMMENT ON COLUMN meetings.meeting_id IS 'Stable id: a hash of series and meeting_date, the same on every run and for every report of the meeting.';
COMMENT ON COLUMN meetings.report_doc_id IS 'The fullest report of the meeting (longest canonical body), which marts read.';
COMMENT ON COLUMN meetings.n_reports IS 'How many documents report this meeting (across sources and copies).';
COMMENT ON COLUMN meetings.meeting_date IS 'Day the meeting was held.';
COMMENT ON COLUMN meetings.organ IS 'Body that convened it.';
COMMENT ON COLUMN meetings.series IS 'Recurring series, comparable over time (国务院常务会议, 中共中央政治局会议…).';
COMMENT ON COLUMN meetings.session_no IS 'Ordinal in its series when a report states it.';
COMMENT ON COLUMN meetings.chair IS 'Who presided.';
COMMENT ON COLUMN meetings.chair_title IS 'The chair''s title as the fullest report gives it.';
COMMENT ON COLUMN meetings.level IS 'central, provincial, municipal, county or other.';
COMMENT ON COLUMN meetings.province IS 'Province short name for a local meeting.';
COMMENT ON COLUMN meetings.city IS 'City short name for a municipal or county meeting.';
COMMENT ON COLUMN meetings.upstream_meeting IS 'The higher-level meeting this one follows.';
COMMENT ON COLUMN meetings.meeting_name IS 'The meeting''s name in its fullest report.';
