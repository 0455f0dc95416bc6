-- How far a check that verifies only what changed had verified when it last passed.
CREATE TABLE IF NOT EXISTS huiyi_checks (
    check_name  VARCHAR PRIMARY KEY,
    checked_seq BIGINT NOT NULL
);
COMMENT ON TABLE huiyi_checks IS 'Bookkeeping of the incremental checks: how far each had verified when it last passed; the next run verifies the rows written after that, so a failure stays in view until the rows are fixed. Not data to query.';
COMMENT ON COLUMN huiyi_checks.check_name IS 'The check (directive_offsets_point_at_text).';
COMMENT ON COLUMN huiyi_checks.checked_seq IS 'The highest extracted_docs.done_seq it had verified when it last passed.';
