CREATE TABLE IF NOT EXISTS term_counts (
    doc_id  VARCHAR NOT NULL,
    term    VARCHAR NOT NULL,
    n       INTEGER NOT NULL
);
COMMENT ON TABLE term_counts IS 'How often each term occurs in each document: rjieba segmentation with the project user dictionary (lexicon/user_dict.txt) and the formulations of lexicon/formulas.txt kept whole; stop words and punctuation left out; numbers folded to 〈数〉 and written-out dates to 〈日期〉. Divide by document_lengths.chars for rates.';
COMMENT ON COLUMN term_counts.doc_id IS 'The document.';
COMMENT ON COLUMN term_counts.term IS 'The term (a lexicon formulation appears as its canonical form).';
COMMENT ON COLUMN term_counts.n IS 'Occurrences of the term in the document body.';

CREATE TABLE IF NOT EXISTS document_lengths (
    doc_id     VARCHAR PRIMARY KEY,
    chars      INTEGER NOT NULL,
    tokens     INTEGER NOT NULL,
    sentences  INTEGER NOT NULL
);
COMMENT ON TABLE document_lengths IS 'Length of every document body with terms counted: the denominators of rates per 10,000 characters and of theme shares.';
COMMENT ON COLUMN document_lengths.doc_id IS 'The document.';
COMMENT ON COLUMN document_lengths.chars IS 'Characters of documents.body (length(body)).';
COMMENT ON COLUMN document_lengths.tokens IS 'Words segmentation produced, punctuation excluded, stop words included.';
COMMENT ON COLUMN document_lengths.sentences IS 'Sentences (ended by 。！？ or a line break), as theme shares count them.';

CREATE TABLE IF NOT EXISTS counted_docs (
    doc_id       VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    version      VARCHAR NOT NULL
);
COMMENT ON TABLE counted_docs IS 'Ledger of term counting: documents whose terms are in term_counts, and the segmenter version (code, user dictionary, stop words, formulas) that counted them.';
COMMENT ON COLUMN counted_docs.doc_id IS 'The document.';
COMMENT ON COLUMN counted_docs.content_hash IS 'Hash of the body counted: a changed body is counted again.';
COMMENT ON COLUMN counted_docs.version IS 'Hash of terms.py and the lexicon files it reads: a change counts every document again.';
