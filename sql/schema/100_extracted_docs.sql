-- Numbers the ledger's rows in the order they were written (a clock could go back, or another time zone
-- write the next run): the offsets check verifies the rows numbered after those it last verified.
CREATE SEQUENCE IF NOT EXISTS extracted_docs_seq;
CREATE TABLE IF NOT EXISTS extracted_docs (
    doc_id     VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    version    VARCHAR NOT NULL,
    done_seq   BIGINT NOT NULL DEFAULT nextval('extracted_docs_seq')
);
COMMENT ON TABLE extracted_docs IS 'Ledger of extraction: documents whose meetings, directives and formulations are in the tables, and the extractor version that made them.';
COMMENT ON COLUMN extracted_docs.doc_id IS 'The document.';
COMMENT ON COLUMN extracted_docs.content_hash IS 'Hash (DuckDB hash) of what extraction read (title, body, publication time, page chrome): a change to any of it extracts the document again.';
COMMENT ON COLUMN extracted_docs.version IS 'Hash of the extractor code and lexicon: a change re-extracts every document.';
COMMENT ON COLUMN extracted_docs.done_seq IS 'Order in which its rows were written (a sequence): the offsets check verifies the documents numbered after those it last verified.';
