CREATE TABLE IF NOT EXISTS directives (
    directive_id   VARCHAR PRIMARY KEY,
    doc_id         VARCHAR NOT NULL,
    meeting_id     VARCHAR,
    speaker        VARCHAR,
    seq            INTEGER NOT NULL,
    kind           VARCHAR NOT NULL,
    ordinal        INTEGER,
    parent_id      VARCHAR,
    marker         VARCHAR,
    headline       VARCHAR NOT NULL,
    text           VARCHAR NOT NULL,
    strength       VARCHAR,
    strength_rank  INTEGER,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL
);
COMMENT ON TABLE directives IS 'Directives of every document: items of numbered lists (kind enumerated) and imperative sentences (kind imperative), with speaker, nesting, strength and offsets: body[char_start:char_end] = text.';
COMMENT ON COLUMN directives.directive_id IS 'Stable id: doc_id and seq.';
COMMENT ON COLUMN directives.doc_id IS 'The document; offsets index its body.';
COMMENT ON COLUMN directives.meeting_id IS 'The meeting when the document reports one.';
COMMENT ON COLUMN directives.speaker IS 'Whose words: a person, 会议 for 会议强调/会议要求/会议确定, a document for itself (通知, 政府工作报告), or null where a report of no meeting names no one.';
COMMENT ON COLUMN directives.seq IS 'Order in the document, from 0.';
COMMENT ON COLUMN directives.kind IS 'enumerated (an item of a numbered list) or imperative (a sentence led by 要, 必须, 确保…).';
COMMENT ON COLUMN directives.ordinal IS 'Number in its list (一要 → 1); null for imperative directives.';
COMMENT ON COLUMN directives.parent_id IS 'The enclosing directive for a list or sentence nested in a numbered item.';
COMMENT ON COLUMN directives.marker IS 'The list marker as written (一要, 一是, 第一, （一）, 1., 首先).';
COMMENT ON COLUMN directives.headline IS 'Words after the marker up to the first 。 ； or ;.';
COMMENT ON COLUMN directives.text IS 'The whole item or sentence.';
COMMENT ON COLUMN directives.strength IS 'mandatory, strong, ordinary, moderate or soft (lexicon/strength.txt).';
COMMENT ON COLUMN directives.strength_rank IS '5 (mandatory: 必须, 坚决, 确保) to 1 (soft: 鼓励, 探索).';
COMMENT ON COLUMN directives.char_start IS 'Start offset in documents.body.';
COMMENT ON COLUMN directives.char_end IS 'End offset in documents.body.';
