-- Near-copy signatures live here, not in memory, so memory stays flat as the corpus grows.
CREATE TABLE IF NOT EXISTS doc_minhash (
    doc_id   VARCHAR NOT NULL,
    band     TINYINT NOT NULL,
    bucket   UBIGINT NOT NULL,
    sig      UBIGINT[] NOT NULL
);
COMMENT ON TABLE doc_minhash IS 'MinHash signature of each document body (5-character shingles), one row per LSH band: documents sharing a (band, bucket) are near-copy candidates.';
COMMENT ON COLUMN doc_minhash.doc_id IS 'The document.';
COMMENT ON COLUMN doc_minhash.band IS 'LSH band number (0-7).';
COMMENT ON COLUMN doc_minhash.bucket IS 'Hash of the band''s four MinHash values.';
COMMENT ON COLUMN doc_minhash.sig IS 'The four MinHash values of this band (the whole signature is the bands in order).';
