CREATE TABLE IF NOT EXISTS themes (
    theme_id     VARCHAR PRIMARY KEY,
    name_zh      VARCHAR NOT NULL,
    description  VARCHAR,
    position     INTEGER NOT NULL
);
COMMENT ON TABLE themes IS 'The theme taxonomy in use (lexicon/themes.yaml; by default the 15 themes of ANNOTATION.md §4).';
COMMENT ON COLUMN themes.theme_id IS 'Stable id of the theme (epidemic, growth, …).';
COMMENT ON COLUMN themes.name_zh IS 'Chinese name of the theme.';
COMMENT ON COLUMN themes.description IS 'What the theme covers.';
COMMENT ON COLUMN themes.position IS 'Order of the theme in the taxonomy file (for charts).';

CREATE TABLE IF NOT EXISTS theme_scores (
    doc_id               VARCHAR NOT NULL,
    theme_id             VARCHAR NOT NULL,
    sentences            INTEGER NOT NULL,
    directive_sentences  INTEGER NOT NULL,
    score                INTEGER NOT NULL,
    share                DOUBLE NOT NULL,
    weighted_share       DOUBLE NOT NULL,
    is_primary           BOOLEAN NOT NULL
);
COMMENT ON TABLE theme_scores IS 'Themes each document addresses (every document, meeting or not): one row per (document, theme) the document is tagged with. A theme is tagged when enough whole sentences carry it (lexicon/themes.yaml says how); the primary theme has the highest share (in a State Council executive meeting''s report, the theme of its first item counts three sentences more).';
COMMENT ON COLUMN theme_scores.doc_id IS 'The document.';
COMMENT ON COLUMN theme_scores.theme_id IS 'The theme (themes.theme_id).';
COMMENT ON COLUMN theme_scores.sentences IS 'Sentences of the document carrying the theme.';
COMMENT ON COLUMN theme_scores.directive_sentences IS 'Of those, sentences inside one of the document''s directives.';
COMMENT ON COLUMN theme_scores.score IS 'Sum of the theme''s phrase scores over those sentences (breaks ties).';
COMMENT ON COLUMN theme_scores.share IS 'sentences / the document''s sentences (0–1). The highest share is the primary theme.';
COMMENT ON COLUMN theme_scores.weighted_share IS 'Share with sentences inside directives counted twice: the emphasis of what the meeting told others to do.';
COMMENT ON COLUMN theme_scores.is_primary IS 'The document''s primary theme: highest share, then weighted share, then score; a State Council executive meeting''s first item counts three sentences more.';

CREATE TABLE IF NOT EXISTS themed_docs (
    doc_id       VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    version      VARCHAR NOT NULL
);
COMMENT ON TABLE themed_docs IS 'Ledger of theme scoring: documents whose themes are in theme_scores, and the tagger version that scored them.';
COMMENT ON COLUMN themed_docs.doc_id IS 'The document.';
COMMENT ON COLUMN themed_docs.content_hash IS 'Hash of the body and of the extraction its directives came from (extracted_docs: what was read, and the version): a change to either scores the document again.';
COMMENT ON COLUMN themed_docs.version IS 'Hash of themes.py and the taxonomy file: a change scores every document again.';
