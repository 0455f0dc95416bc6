CREATE TABLE IF NOT EXISTS formulations (
    doc_id      VARCHAR NOT NULL,
    surface     VARCHAR NOT NULL,
    canonical   VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL
);
COMMENT ON TABLE formulations IS 'Every occurrence of a political formulation (提法) in every document: quoted slogans, numbered formulas, lexicon hits; whole formulations only. body[char_start:char_end] = surface.';
COMMENT ON COLUMN formulations.doc_id IS 'The document.';
COMMENT ON COLUMN formulations.surface IS 'The formulation as written.';
COMMENT ON COLUMN formulations.canonical IS 'One spelling for its variants (separators, dropped quotes, lexicon variants).';
COMMENT ON COLUMN formulations.kind IS 'quoted, numbered or lexicon.';
COMMENT ON COLUMN formulations.char_start IS 'Start offset in documents.body.';
COMMENT ON COLUMN formulations.char_end IS 'End offset in documents.body.';
