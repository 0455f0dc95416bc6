-- Whether the documents the copy marks saw that are gone or changed since (`gone`; the changed ones are
-- also in `fresh`, with the added documents) change pairs among the documents that stay, as
-- copy_candidates.sql would find them. One row per reason when they may, none when they do not:
-- * unknown: a gone document whose state at the marking was not kept (copy_gone), so nothing can be said;
-- * partner: a gone document was the smallest id of its content or of its publisher id, and the group
--   keeps members: their exact or same_item partner changes, and for a content, its representative for
--   near copies (copy_pairs holds (member, smallest id) for every other member of a group);
-- * shrunk: gone representatives bring a MinHash bucket from more than 50 documents to 50 or fewer, so
--   it proposes pairs among those that stay.
-- Otherwise the pairs among the documents that stay are those kept, less those with a gone document
-- (a representative's buckets only lose members, its group its members, its smallest id unchanged).
-- bodies, representatives and the bucket size are those of copy_candidates.sql.
WITH gone_reps AS (
    -- a representative at the marking: compared, and no exact pair makes it another's copy
    SELECT g.band, g.bucket FROM copy_gone g
    WHERE g.doc_id IN (SELECT doc_id FROM gone) AND g.in_bodies AND g.band IS NOT NULL
      AND g.doc_id NOT IN (SELECT a FROM copy_pairs WHERE why = 'exact')
),
touched AS (
    SELECT band, bucket, count(*) AS n_gone FROM gone_reps GROUP BY 1, 2
),
-- the documents that stay as copy detection compares them: the changed ones are compared again as added
stay AS NOT MATERIALIZED (
    SELECT doc_id, content_hash FROM documents
    WHERE n_chars >= 20 AND is_report AND doc_id NOT IN (SELECT doc_id FROM fresh)
),
touched_rows AS MATERIALIZED (
    SELECT m.doc_id, m.band, m.bucket FROM doc_minhash m SEMI JOIN touched USING (band, bucket)
),
in_touched AS (
    SELECT m.doc_id, m.band, m.bucket, s.content_hash FROM touched_rows m JOIN stay s USING (doc_id)
),
stay_sizes AS (
    SELECT m.band, m.bucket, count(*) AS n_after FROM in_touched m
    JOIN (SELECT content_hash, min(doc_id) AS r FROM stay WHERE content_hash IN (SELECT content_hash FROM in_touched) GROUP BY 1) g
      ON g.content_hash = m.content_hash AND g.r = m.doc_id
    GROUP BY 1, 2
)
SELECT 'unknown' AS why, doc_id AS what FROM gone WHERE doc_id NOT IN (SELECT doc_id FROM copy_gone)
UNION ALL
SELECT 'partner', b FROM copy_pairs
WHERE why IN ('exact', 'same_item') AND b IN (SELECT doc_id FROM gone) AND a NOT IN (SELECT doc_id FROM gone)
UNION ALL
SELECT 'shrunk', CAST(t.band AS VARCHAR) || ':' || CAST(t.bucket AS VARCHAR)
FROM touched t LEFT JOIN stay_sizes s USING (band, bucket)
WHERE coalesce(s.n_after, 0) <= 50 AND coalesce(s.n_after, 0) + t.n_gone > 50
