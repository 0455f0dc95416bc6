-- The documents of the files being forgotten (`gone_files`) that the copy marks saw (copy_inputs), as they
-- are before their rows are deleted: whether copy detection compared them (the `bodies` of
-- copy_candidates.sql) and their MinHash buckets. A document kept here already keeps its first state:
-- the one the marks saw, if its file is read again twice before the next marking.
INSERT INTO copy_gone
SELECT d.doc_id, d.n_chars >= 20 AND d.is_report, m.band, m.bucket
FROM documents d LEFT JOIN doc_minhash m USING (doc_id)
WHERE d.raw_path IN (SELECT raw_path FROM gone_files)
  AND d.doc_id IN (SELECT doc_id FROM copy_inputs)
  AND d.doc_id NOT IN (SELECT doc_id FROM copy_gone)
