-- When a check that verifies only what changed last passed.
CREATE TABLE IF NOT EXISTS huiyi_checks (
    check_name  VARCHAR PRIMARY KEY,
    checked_at  TIMESTAMP NOT NULL
);
COMMENT ON TABLE huiyi_checks IS 'Bookkeeping of the incremental checks: when each last passed; the next run verifies the rows written since (all of them while the check fails). Not data to query.';
COMMENT ON COLUMN huiyi_checks.check_name IS 'The check (directive_offsets_point_at_text).';
COMMENT ON COLUMN huiyi_checks.checked_at IS 'The start of its last passing run (database clock, as extracted_docs.done_at).';
