-- One row per raw record ingested: the cleaned text every later table points into.
CREATE TABLE IF NOT EXISTS documents (
    doc_id          VARCHAR PRIMARY KEY,
    source          VARCHAR,
    raw_path        VARCHAR NOT NULL,
    record_key      VARCHAR,
    native_id       VARCHAR,
    url             VARCHAR,
    title           VARCHAR,
    published_at    TIMESTAMP,
    date_precision  VARCHAR,
    publisher       VARCHAR,
    body            VARCHAR NOT NULL,
    body_original   VARCHAR,
    page_chrome     VARCHAR,
    content_hash    VARCHAR NOT NULL,
    body_md5        VARCHAR NOT NULL,
    duplicate_of    VARCHAR,
    canonical_id    VARCHAR,
    is_report       BOOLEAN NOT NULL,
    is_meeting      BOOLEAN,
    meeting_id      VARCHAR,
    repairs         VARCHAR[],
    encoding        VARCHAR,
    format          VARCHAR,
    n_chars         INTEGER NOT NULL,
    ingested_at     TIMESTAMP NOT NULL
);
COMMENT ON TABLE documents IS 'One row per raw record ingested (an xwlb item, an HTML page, a CSV or JSONL row, a text page): the cleaned report text that every other table points into. Use WHERE duplicate_of IS NULL AND is_report (equivalently doc_id = canonical_id) to count each report once.';
COMMENT ON COLUMN documents.doc_id IS 'Stable id: a hash of raw_path and record_key, the same on every run.';
COMMENT ON COLUMN documents.source IS 'First component of raw_path (xwlb, cctv_html, gov_csv, seed…): where the record came from.';
COMMENT ON COLUMN documents.raw_path IS 'Path of the raw file relative to the raw folder, with / separators.';
COMMENT ON COLUMN documents.record_key IS 'The record''s native id in its file (video_id, id, guid, url), else its 0-based position; null for a one-record file such as a page.';
COMMENT ON COLUMN documents.native_id IS 'The id the publisher gave the item (video_id, contentid of a page), used to find the same item in other sources.';
COMMENT ON COLUMN documents.url IS 'The record''s URL when the scrape kept it.';
COMMENT ON COLUMN documents.title IS 'Headline, normalised, without [视频]/[标题] tags; null when the record has none.';
COMMENT ON COLUMN documents.published_at IS 'Publication time (Beijing local time) as the source gives it; null when the record has no date. A year-only date is 1 January of that year (see date_precision).';
COMMENT ON COLUMN documents.date_precision IS 'How much of published_at the source stated: second, minute, day, year, configured (source.yaml date_format); null without a date.';
COMMENT ON COLUMN documents.publisher IS 'Publisher named by the record or page (来源), else the source.yaml default.';
COMMENT ON COLUMN documents.body IS 'Cleaned report text for analysis: page chrome, broadcast prefix and editor trailers removed, Unicode normalised, traditional characters simplified, known scrape losses repaired (see repairs). Offsets in other tables index this string.';
COMMENT ON COLUMN documents.body_original IS 'The cleaned text before traditional-to-simplified conversion; null when no conversion was made.';
COMMENT ON COLUMN documents.page_chrome IS 'Site furniture, kept out of body and kept here for place names: a text page''s lines above its title (site name, region, breadcrumbs) and its footer (主办单位, 网站标识码); an HTML page''s site name and identity code (SiteName, SiteIDCode metadata).';
COMMENT ON COLUMN documents.content_hash IS 'Hash of the body''s letters and digits only: equal for copies that differ only in punctuation or spacing.';
COMMENT ON COLUMN documents.body_md5 IS 'md5 of the body exactly as stored (equal to md5(body)): the per-document steps compare it to tell a changed body without hashing every body on every run.';
COMMENT ON COLUMN documents.duplicate_of IS 'For a copy (the same report scraped twice, syndicated, or saved as a page), the doc_id of the record it copies: a saved page points to the feed item with the same publisher id, any other copy to its group''s canonical row; null for canonical rows.';
COMMENT ON COLUMN documents.canonical_id IS 'doc_id of the one row that stands for this report''s copy group (a structured record before a page, then the longest body); equal to doc_id for canonical rows. Count reports once with WHERE doc_id = canonical_id.';
COMMENT ON COLUMN documents.is_report IS 'False for items that are not one report, such as whole-programme 新闻联播 compilations.';
COMMENT ON COLUMN documents.is_meeting IS 'True when the report''s main subject is a meeting of a Chinese body (ANNOTATION.md §1); null until meeting extraction has run.';
COMMENT ON COLUMN documents.meeting_id IS 'The meeting this document reports, shared by every report of the same meeting; null when not a meeting report.';
COMMENT ON COLUMN documents.repairs IS 'Every repair made to the scraped text, in words (restored characters, traditional converted): never silent.';
COMMENT ON COLUMN documents.encoding IS 'Encoding the raw file was decoded with (detected, or forced by source.yaml).';
COMMENT ON COLUMN documents.format IS 'How the file was read: page_text, page_html, json, jsonl, csv.';
COMMENT ON COLUMN documents.n_chars IS 'Length of body in characters, the denominator of rates per 10,000 characters.';
COMMENT ON COLUMN documents.ingested_at IS 'When this row was written.';
