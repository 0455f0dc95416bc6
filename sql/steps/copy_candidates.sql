-- Pairs of documents that may be copies of each other, each with the reason it was proposed.
-- exact: same content hash (letters and digits identical); the group's smallest doc_id is the partner,
--        so a hash shared by n documents gives n-1 pairs, not n².
-- same_item: the publisher's own id (video_id, a page's contentid) appears in two records.
-- near: two documents share an LSH bucket of their MinHash signatures and were published within 3 days
--       of each other; confirmed in Python. Only one
--       document per content hash takes part (its exact copies follow it), and a bucket shared by more
--       than 50 documents is boilerplate, not a fingerprint, so it proposes nothing.
WITH bodies AS (
    SELECT doc_id, content_hash, native_id FROM documents WHERE n_chars >= 20 AND is_report
),
exact AS (
    SELECT doc_id AS a, min(doc_id) OVER (PARTITION BY content_hash) AS b, 'exact' AS why FROM bodies
),
same_item AS (
    SELECT doc_id AS a, min(doc_id) OVER (PARTITION BY native_id) AS b, 'same_item' AS why
    FROM bodies WHERE native_id IS NOT NULL
),
representatives AS (
    SELECT b FROM exact GROUP BY b
),
signed AS (
    -- a bucket shared by more than 50 documents proposes nothing; each document's publication time is
    -- taken along, so the 3-day window is a condition of the join, not a join of its pairs with documents
    -- (at ten times xwlb the bucket pairs were 20 M rows, each joined twice with documents: 12.7 s and
    -- 3.7 GB spilled; now 5.0 s, the same pairs)
    SELECT doc_id, band, bucket, t FROM (
        SELECT m.doc_id, m.band, m.bucket, epoch(d.published_at) AS t,
               count(*) OVER (PARTITION BY m.band, m.bucket) AS bucket_size
        FROM doc_minhash m JOIN representatives r ON r.b = m.doc_id JOIN documents d ON d.doc_id = m.doc_id)
    WHERE bucket_size <= 50
),
near AS (
    SELECT DISTINCT x.doc_id AS a, y.doc_id AS b, 'near' AS why
    FROM signed x JOIN signed y
      ON x.band = y.band AND x.bucket = y.bucket AND x.doc_id < y.doc_id
      -- near copies must be published within 3 days of each other (dedup.NEAR_DAYS) where both are
      -- dated: pairs further apart are not proposed, so their signatures are never fetched
      AND (x.t IS NULL OR y.t IS NULL OR abs(x.t - y.t) <= 3 * 86400)
)
SELECT a, b, why FROM exact WHERE a <> b
UNION ALL SELECT a, b, why FROM same_item WHERE a <> b
UNION ALL SELECT a, b, why FROM near
