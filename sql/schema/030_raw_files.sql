-- The ledger of raw files: an unchanged file is recognised from its size and time and never parsed again.
CREATE TABLE IF NOT EXISTS raw_files (
    raw_path      VARCHAR PRIMARY KEY,
    size_bytes    BIGINT NOT NULL,
    mtime_ns      BIGINT NOT NULL,
    file_hash     VARCHAR NOT NULL,
    n_documents   INTEGER NOT NULL,
    n_rejected    INTEGER NOT NULL,
    parsed_at     TIMESTAMP NOT NULL,
    checked_at    TIMESTAMP NOT NULL,
    reader_version VARCHAR NOT NULL,
    config_hash   VARCHAR NOT NULL
);
COMMENT ON TABLE raw_files IS 'Ledger of the raw folder: one row per file ingested, with the metadata and content hash that decide whether it must be read again.';
COMMENT ON COLUMN raw_files.raw_path IS 'Path relative to the raw folder.';
COMMENT ON COLUMN raw_files.size_bytes IS 'File size when last seen.';
COMMENT ON COLUMN raw_files.mtime_ns IS 'Modification time (ns since the epoch) when last seen.';
COMMENT ON COLUMN raw_files.file_hash IS 'SHA-1 of the file''s bytes when last parsed: a file touched but unchanged is not parsed again.';
COMMENT ON COLUMN raw_files.n_documents IS 'Documents the file yielded.';
COMMENT ON COLUMN raw_files.n_rejected IS 'Rejected records (or 1 for a rejected file) the file yielded.';
COMMENT ON COLUMN raw_files.parsed_at IS 'When the file was last parsed.';
COMMENT ON COLUMN raw_files.checked_at IS 'When the file was last looked at by a run.';
COMMENT ON COLUMN raw_files.reader_version IS 'Version (code hash) of the reader and cleaner that parsed the file: a file read by another version is read again.';
COMMENT ON COLUMN raw_files.config_hash IS 'Hash of the source.yaml files in force for the file when it was parsed: editing one re-reads the files it governs.';
