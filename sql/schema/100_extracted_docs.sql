CREATE TABLE IF NOT EXISTS extracted_docs (
    doc_id     VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    version    VARCHAR NOT NULL,
    done_at    TIMESTAMP NOT NULL DEFAULT CAST(current_timestamp AS TIMESTAMP)
);
COMMENT ON TABLE extracted_docs IS 'Ledger of extraction: documents whose meetings, directives and formulations are in the tables, and the extractor version that made them.';
COMMENT ON COLUMN extracted_docs.doc_id IS 'The document.';
COMMENT ON COLUMN extracted_docs.content_hash IS 'Hash of what extraction read (title, body, publication time, page chrome): a change to any of it extracts the document again.';
COMMENT ON COLUMN extracted_docs.version IS 'Hash of the extractor code and lexicon: a change re-extracts every document.';
COMMENT ON COLUMN extracted_docs.done_at IS 'When its rows were written: the offsets check verifies the documents done since it last passed.';
