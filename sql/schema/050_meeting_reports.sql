-- What each document says about its meeting; meetings are built from these by sql/steps/meetings.sql.
CREATE TABLE IF NOT EXISTS meeting_reports (
    doc_id           VARCHAR PRIMARY KEY,
    is_meeting       BOOLEAN NOT NULL,
    meeting_id       VARCHAR,
    meeting_name     VARCHAR,
    meeting_date     DATE,
    organ            VARCHAR,
    series           VARCHAR,
    session_no       INTEGER,
    chair            VARCHAR,
    chair_title      VARCHAR,
    level            VARCHAR,
    province         VARCHAR,
    city             VARCHAR,
    upstream_meeting VARCHAR
);
COMMENT ON TABLE meeting_reports IS 'One row per document: whether it reports a meeting and what it says of it. Several reports of one meeting share meeting_id; the meetings table keeps one row per meeting.';
COMMENT ON COLUMN meeting_reports.doc_id IS 'The document (documents.doc_id).';
COMMENT ON COLUMN meeting_reports.is_meeting IS 'True when the report''s main subject is a meeting of a Chinese body (ANNOTATION.md §1).';
COMMENT ON COLUMN meeting_reports.meeting_id IS 'Stable id of the meeting: a hash of series and meeting_date.';
COMMENT ON COLUMN meeting_reports.meeting_name IS 'The meeting''s name as this report gives it (市委新冠肺炎疫情防控工作第九次专题会议).';
COMMENT ON COLUMN meeting_reports.meeting_date IS 'Day the meeting was held, resolved against the publication date.';
COMMENT ON COLUMN meeting_reports.organ IS 'Body that convened it, without people''s names.';
COMMENT ON COLUMN meeting_reports.series IS 'Recurring series, without ordinal or date.';
COMMENT ON COLUMN meeting_reports.session_no IS 'Ordinal in its series when stated (第九次 → 9, 总第107次 → 107).';
COMMENT ON COLUMN meeting_reports.chair IS 'Who presided (主持).';
COMMENT ON COLUMN meeting_reports.chair_title IS 'The chair''s title as the report gives it.';
COMMENT ON COLUMN meeting_reports.level IS 'central, provincial, municipal, county or other.';
COMMENT ON COLUMN meeting_reports.province IS 'Province short name for a local meeting.';
COMMENT ON COLUMN meeting_reports.city IS 'City short name for a municipal or county meeting.';
COMMENT ON COLUMN meeting_reports.upstream_meeting IS 'The higher-level meeting this one follows (收听收看…之后, 传达学习…精神).';
