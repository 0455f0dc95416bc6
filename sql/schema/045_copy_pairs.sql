-- What the copy marks were made from, so that a run that only adds documents adds their pairs to
-- these instead of comparing the whole corpus again (defs/ingest.py mark_copies).
CREATE TABLE IF NOT EXISTS copy_pairs (
    a    VARCHAR NOT NULL,
    b    VARCHAR NOT NULL,
    why  VARCHAR NOT NULL
);
COMMENT ON TABLE copy_pairs IS 'Pairs of documents found to be copies of each other when copies were last marked: documents.duplicate_of and canonical_id are made from them.';
COMMENT ON COLUMN copy_pairs.a IS 'A document.';
COMMENT ON COLUMN copy_pairs.b IS 'The document it is a copy of (for exact and same_item, the smallest id of the group).';
COMMENT ON COLUMN copy_pairs.why IS 'exact (same letters and digits), same_item (the publisher''s own id), or near (MinHash, confirmed).';

-- No primary key: a document is added here only when it is missing, and rewriting the index of every
-- document when the whole corpus is compared cost 1.3 s of 1.7 s on the full corpus.
CREATE TABLE IF NOT EXISTS copy_inputs (
    doc_id      VARCHAR NOT NULL,
    input_hash  UBIGINT NOT NULL
);
COMMENT ON TABLE copy_inputs IS 'Each document as the copy marks last saw it: a hash of what copy detection reads of it. A document missing here is new; one whose hash differs was changed, and one gone from documents was removed.';
COMMENT ON COLUMN copy_inputs.doc_id IS 'The document.';
COMMENT ON COLUMN copy_inputs.input_hash IS 'hash(content_hash, native_id, n_chars, is_report, published_at, format, body_md5).';

-- A document the copy marks saw, as it was when its file was removed or read again (before its rows were
-- deleted): what the next marking needs to tell whether its leaving changes pairs among the documents
-- that stay (sql/steps/copy_removal_blocked.sql), instead of comparing the whole corpus again.
CREATE TABLE IF NOT EXISTS copy_gone (
    doc_id     VARCHAR NOT NULL,
    in_bodies  BOOLEAN NOT NULL,
    band       TINYINT,
    bucket     UBIGINT
);
COMMENT ON TABLE copy_gone IS 'Documents the copy marks saw whose file was since removed or read again, as they were then: one row per MinHash band (one row with band null for a document without a signature). Emptied each time copies are marked.';
COMMENT ON COLUMN copy_gone.doc_id IS 'The document.';
COMMENT ON COLUMN copy_gone.in_bodies IS 'Whether copy detection compared it (a report of at least 20 characters).';
COMMENT ON COLUMN copy_gone.band IS 'A MinHash band of its signature (doc_minhash.band), or null.';
COMMENT ON COLUMN copy_gone.bucket IS 'Its bucket in that band (doc_minhash.bucket), or null.';
