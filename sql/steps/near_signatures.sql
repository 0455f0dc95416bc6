-- Full MinHash signatures (the bands in order) and publication times of the documents named in `wanted`.
SELECT m.doc_id, flatten(list(m.sig ORDER BY m.band)) AS sig, any_value(d.published_at) AS published_at
FROM doc_minhash m JOIN documents d USING (doc_id)
WHERE m.doc_id IN (SELECT doc_id FROM wanted)
GROUP BY m.doc_id
