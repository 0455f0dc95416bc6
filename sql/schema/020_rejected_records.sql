-- One row per record or file that could not be read, with the reason: nothing is dropped silently.
CREATE TABLE IF NOT EXISTS rejected_records (
    raw_path    VARCHAR NOT NULL,
    record_key  VARCHAR,
    reason      VARCHAR NOT NULL,
    detail      VARCHAR NOT NULL,
    seen_at     TIMESTAMP NOT NULL
);
COMMENT ON TABLE rejected_records IS 'Records and files that could not be read, one row each, with a reason; valid records of the same file are in documents.';
COMMENT ON COLUMN rejected_records.raw_path IS 'Path of the raw file relative to the raw folder.';
COMMENT ON COLUMN rejected_records.record_key IS 'The record within the file (native id or 0-based position); null when the whole file was rejected.';
COMMENT ON COLUMN rejected_records.reason IS 'Short reason code: unsupported_type, empty_file, binary_file, unknown_encoding, undecodable, invalid_json, truncated_html, broken_line, no_body, too_large, no_records, not_a_record, unreadable_file, outside_raw, bad_source_yaml, parser_error.';
COMMENT ON COLUMN rejected_records.detail IS 'One sentence naming the file and the problem.';
COMMENT ON COLUMN rejected_records.seen_at IS 'When the file was read.';
