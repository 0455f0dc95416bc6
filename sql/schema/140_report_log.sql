CREATE TABLE IF NOT EXISTS report_log (
    report_id     VARCHAR PRIMARY KEY,
    generated_at  TIMESTAMP NOT NULL,
    path          VARCHAR NOT NULL,
    meeting_ids   VARCHAR[] NOT NULL
);
COMMENT ON TABLE report_log IS 'Every HTML report written, with the meetings it covered: a meeting in no earlier report is new to the next one.';
COMMENT ON COLUMN report_log.report_id IS 'The report''s folder name under reports/ (its date, with a time when several are written on one day).';
COMMENT ON COLUMN report_log.generated_at IS 'When it was written (Asia/Shanghai).';
COMMENT ON COLUMN report_log.path IS 'Its index.html.';
COMMENT ON COLUMN report_log.meeting_ids IS 'Every meeting in the database when it was written (so none of them is new to the next report).';
