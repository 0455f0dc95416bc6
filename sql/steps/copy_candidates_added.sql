-- The copy candidates that documents added since the copies were last marked (`fresh`) bring, as
-- copy_candidates.sql would find them, or rows with why = 'blocked' when the additions change pairs
-- among the documents before them, which only computing the whole set again finds:
-- * a new document with a smaller id than the older ones of its content or publisher id becomes their
--   partner (exact and same_item pair each document with its group's smallest id), and the group's
--   representative for near copies;
-- * new representatives push a MinHash bucket past 50 documents, so it proposes nothing any more.
-- Otherwise every pair before still holds (its bucket kept at most 50 members, its group its smallest
-- id), and the new pairs are those with a new document: its group's smallest id, and the
-- representatives sharing a bucket with it, within 3 days. bodies, the bucket size and the window are
-- those of copy_candidates.sql.
WITH bodies AS NOT MATERIALIZED (
    SELECT doc_id, content_hash, native_id FROM documents WHERE n_chars >= 20 AND is_report
),
new_bodies AS NOT MATERIALIZED (
    SELECT * FROM bodies WHERE doc_id IN (SELECT doc_id FROM fresh)
),
old_bodies AS NOT MATERIALIZED (
    SELECT * FROM bodies WHERE doc_id NOT IN (SELECT doc_id FROM fresh)
),
content_first AS (
    SELECT 'blocked' AS why, n.content_hash AS a, NULL AS b
    FROM (SELECT content_hash, min(doc_id) AS m FROM new_bodies GROUP BY 1) n
    JOIN (SELECT content_hash, min(doc_id) AS m FROM old_bodies WHERE content_hash IN (SELECT content_hash FROM new_bodies) GROUP BY 1) o
      USING (content_hash)
    WHERE n.m < o.m
),
item_first AS (
    SELECT 'blocked' AS why, n.native_id AS a, NULL AS b
    FROM (SELECT native_id, min(doc_id) AS m FROM new_bodies WHERE native_id IS NOT NULL GROUP BY 1) n
    JOIN (SELECT native_id, min(doc_id) AS m FROM old_bodies WHERE native_id IN (SELECT native_id FROM new_bodies) GROUP BY 1) o
      USING (native_id)
    WHERE n.m < o.m
),
exact AS (
    SELECT f.doc_id AS a, min(b.doc_id) AS b, 'exact' AS why
    FROM new_bodies f JOIN bodies b USING (content_hash) GROUP BY f.doc_id
),
same_item AS (
    SELECT f.doc_id AS a, min(b.doc_id) AS b, 'same_item' AS why
    FROM new_bodies f JOIN bodies b USING (native_id) WHERE f.native_id IS NOT NULL GROUP BY f.doc_id
),
-- A representative is the smallest id of its content among bodies (copy_candidates.sql groups them all;
-- here only the contents of the few documents concerned are looked up)
new_representatives AS (
    SELECT f.doc_id FROM new_bodies f
    JOIN (SELECT content_hash, min(doc_id) AS m FROM bodies WHERE content_hash IN (SELECT content_hash FROM new_bodies) GROUP BY 1) g
      ON g.content_hash = f.content_hash AND g.m = f.doc_id
),
touched AS (
    SELECT DISTINCT band, bucket FROM doc_minhash WHERE doc_id IN (SELECT doc_id FROM new_representatives)
),
-- the touched buckets' rows first (a semi join, materialized): joined in another order, DuckDB paired
-- all 5.7 M MinHash rows with their bodies before keeping those of a few buckets (0.6 s at ten times xwlb)
touched_rows AS MATERIALIZED (
    SELECT m.doc_id, m.band, m.bucket FROM doc_minhash m SEMI JOIN touched USING (band, bucket)
),
in_touched AS (
    SELECT m.doc_id, m.band, m.bucket, b.content_hash FROM touched_rows m JOIN bodies b ON b.doc_id = m.doc_id
),
members AS (
    SELECT m.doc_id, m.band, m.bucket, epoch(d.published_at) AS t, m.doc_id IN (SELECT doc_id FROM new_representatives) AS is_new
    FROM in_touched m
    JOIN (SELECT content_hash, min(doc_id) AS m FROM bodies WHERE content_hash IN (SELECT content_hash FROM in_touched) GROUP BY 1) g
      ON g.content_hash = m.content_hash AND g.m = m.doc_id
    JOIN documents d ON d.doc_id = m.doc_id
),
sizes AS (
    SELECT band, bucket, count(*) AS n_now, count(*) FILTER (WHERE NOT is_new) AS n_before FROM members GROUP BY 1, 2
),
pushed_past AS (
    SELECT 'blocked' AS why, CAST(band AS VARCHAR) || ':' || CAST(bucket AS VARCHAR) AS a, NULL AS b
    FROM sizes WHERE n_before <= 50 AND n_now > 50
),
near AS (
    SELECT DISTINCT least(x.doc_id, y.doc_id) AS a, greatest(x.doc_id, y.doc_id) AS b, 'near' AS why
    FROM members x JOIN members y ON x.band = y.band AND x.bucket = y.bucket AND x.doc_id <> y.doc_id
    JOIN sizes s ON s.band = x.band AND s.bucket = x.bucket
    WHERE x.is_new AND s.n_now <= 50
      AND (x.t IS NULL OR y.t IS NULL OR abs(x.t - y.t) <= 3 * 86400)
)
SELECT a, b, why FROM content_first
UNION ALL SELECT a, b, why FROM item_first
UNION ALL SELECT a, b, why FROM pushed_past
UNION ALL SELECT a, b, why FROM exact WHERE a <> b
UNION ALL SELECT a, b, why FROM same_item WHERE a <> b
UNION ALL SELECT a, b, why FROM near
