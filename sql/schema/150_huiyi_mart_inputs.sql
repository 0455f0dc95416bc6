-- What each part of an incremental mart was last computed from: the mart step recomputes only the parts
-- whose fingerprint changed (a meeting of mart_distinctive_terms, a series and month of mart_term_rates).
CREATE TABLE IF NOT EXISTS huiyi_mart_inputs (
    mart         VARCHAR NOT NULL,
    key          VARCHAR NOT NULL,
    fingerprint  VARCHAR NOT NULL,
    PRIMARY KEY (mart, key)
);
COMMENT ON TABLE huiyi_mart_inputs IS 'Bookkeeping of the incremental marts: for each part of a mart (a meeting, a series and month), a hash of the rows it was computed from. Not data to query.';
COMMENT ON COLUMN huiyi_mart_inputs.mart IS 'The mart table.';
COMMENT ON COLUMN huiyi_mart_inputs.key IS 'The part: a meeting_id, or series and month joined by chr(31).';
COMMENT ON COLUMN huiyi_mart_inputs.fingerprint IS 'md5 of what the part was computed from (its reports, their ledger hashes and versions).';
