"""Bulk writes to DuckDB shared by the assets: Arrow tables in, one transaction at a time."""

import contextlib
import time
from collections import deque

import pyarrow as pa


@contextlib.contextmanager
def transaction(con):
    con.execute("BEGIN")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def insert_columns(con, table: str, columns: "dict[str, list] | pa.Table", schema: pa.Schema | None = None, rename: dict | None = None) -> int:
    """INSERT … BY NAME from a dict of columns (or an Arrow table) through a registered Arrow table:
    never row by row."""
    if isinstance(columns, pa.Table):
        if columns.num_rows == 0:
            return 0
        tbl = columns
    elif not columns or not next(iter(columns.values()), []):
        return 0
    else:
        tbl = pa.Table.from_pydict(columns, schema=schema) if schema is not None else pa.Table.from_pydict(columns)
    if rename:
        tbl = tbl.rename_columns([rename.get(n, n) for n in tbl.column_names])
    con.register("incoming", tbl)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    finally:
        con.unregister("incoming")
    return tbl.num_rows


def write_batches(con, todo: "TodoBatches", results, tables: tuple[str, ...], ledger: str, version: str, log=None) -> int:
    """Insert each batch's rows and record its documents in the ledger, one transaction per batch, so a
    run stopped halfway keeps what it finished and the next run does only the rest. `results` are in
    the order todo handed its batches out. Returns documents done."""
    done, last = 0, time.monotonic()
    waiting = writing = 0.0
    t0 = time.monotonic()
    try:
        for rows in results:
            t1 = time.monotonic()
            waiting += t1 - t0
            ids, hashes = todo.issued.popleft()
            with transaction(con):
                for t in tables:
                    insert_columns(con, t, rows[t])
                insert_columns(con, ledger, {"doc_id": ids, "content_hash": hashes, "version": [version] * len(ids)})
            done += len(ids)
            t0 = time.monotonic()
            writing += t0 - t1
            if log and t0 - last > 10:
                log(f"… {done}/{todo.total} documents")
                last = t0
    finally:
        # a failed write closes the pool's generator at once: batches not yet started are cancelled
        if hasattr(results, "close"):
            results.close()
    if log and done:
        log(f"{done} documents: {waiting:.1f} s reading them and waiting for the workers, {writing:.1f} s writing their rows.")
    return done


def data_signature(con, *extra: str) -> str:
    """A hash of everything the set-level steps read: every raw file's content hash and the versions
    of the reader, the source configs and the per-document steps that made the rows. Two runs with the
    same signature have the same tables, so a mart, chart or export built from it need not be rebuilt.
    (The raw files as the sum of their rows' hashes, as the Parquet fingerprints are: an md5 over the
    sorted list took 0.03-0.06 s at ten times xwlb, and every mart computes a signature.)"""
    row = con.execute(
        """SELECT md5(concat_ws('|',
               (SELECT count(*) || ':' || coalesce(sum(hash(raw_path, file_hash, reader_version, config_hash)), 0) FROM raw_files),
               (SELECT string_agg(version, ',' ORDER BY version) FROM (SELECT DISTINCT version FROM extracted_docs)),
               (SELECT string_agg(version, ',' ORDER BY version) FROM (SELECT DISTINCT version FROM counted_docs)),
               (SELECT string_agg(version, ',' ORDER BY version) FROM (SELECT DISTINCT version FROM themed_docs)),
               (SELECT count(*) FROM documents), (SELECT count(*) FROM meetings), ?))""",
        ["|".join(extra)],
    ).fetchall()
    return row[0][0]


def built_from(con, key: str) -> str | None:
    """The data signature the thing named `key` was last built from (huiyi_meta), or None."""
    rows = con.execute("SELECT value FROM huiyi_meta WHERE key = ?", [f"built:{key}"]).fetchall()
    return rows[0][0] if rows else None


def mark_built(con, key: str, signature: str) -> None:
    con.execute("INSERT OR REPLACE INTO huiyi_meta VALUES (?, ?)", [f"built:{key}", signature])


def forget_stale(con, ledger: str, tables: tuple[str, ...], version: str, input_hash: str) -> tuple[int, int]:
    """Forget the per-document rows of documents that left, changed (`input_hash`, an expression over
    documents d, no longer matches the ledger) or were made by another version.
    Returns (documents forgotten, documents to do)."""
    # One full join of the ledger with the documents' current input hashes finds the entries to forget
    # and counts the documents to do: those the ledger lacks, and those forgotten that are still there.
    # (Deleting by a second join and counting by a third took 0.23-0.35 s a step at ten times xwlb on a
    # day's run, which forgets nothing, against 0.15-0.27 s; as a correlated NOT EXISTS comparing the
    # hash inside, the check took 0.25-0.43 s.)
    stale, stale_present, missing = con.execute(
        f"""SELECT coalesce(list(doc_id) FILTER (WHERE stale), []), count(*) FILTER (WHERE stale AND present),
                   count(*) FILTER (WHERE NOT in_ledger)
            FROM (SELECT l.doc_id, l.doc_id IS NOT NULL AS in_ledger, d.doc_id IS NOT NULL AS present,
                         l.doc_id IS NOT NULL AND (l.version <> ? OR d.h IS DISTINCT FROM l.content_hash) AS stale
                  FROM {ledger} l FULL JOIN (SELECT d.doc_id, {input_hash} AS h FROM documents d WHERE d.is_report) d USING (doc_id))""",
        [version],
    ).fetchall()[0]
    if not stale:
        return 0, missing
    # Rows and their ledger entries are written in one transaction (write_batches), and nothing else writes
    # these tables' rows, so the rows to delete are those of the entries forgotten, looked for by their
    # ids (deleting every row whose id the ledger lacks took 0.26 s over term_counts at ten times xwlb for
    # a corrected file's one document, against 0.05 s). A row written another way, without its ledger
    # entry, would stay, and its document be done again beside it.
    con.register("forgotten", pa.table({"doc_id": pa.array(stale, pa.string())}))
    try:
        with transaction(con):
            for t in (ledger, *tables):
                con.execute(f"DELETE FROM {t} WHERE doc_id IN (SELECT doc_id FROM forgotten)")
    finally:
        con.unregister("forgotten")
    return len(stale), missing + stale_present


FEW_TO_DO = 5000


class TodoBatches:
    """The documents the ledger lacks, as batches of dicts of `columns` (an expression list over
    documents d) plus content_hash, read as they are asked for: memory holds a few batches, not the
    corpus. They are read through a cursor of their own, whose snapshot is the moment the reading
    began, so the writes of the batches done meanwhile never change what is read."""

    def __init__(self, con, ledger: str, columns: str, input_hash: str, size: int, total: int,
                 few_form: tuple[str, str] | None = None) -> None:
        self.con, self.size, self.total = con, size, total
        # Not ordered: sorting the bodies (with the themes step's directive spans) ran out of the 512 MB
        # cap at ten times xwlb. So which batch a document falls in, and the order rows are written in,
        # may differ between runs (DuckDB's scan order varies while another connection commits); the
        # rows themselves do not, and no SQL over these tables depends on row order (every first() and
        # row_number() orders by columns).
        self.sql = f"""SELECT {columns}, {input_hash} AS content_hash FROM documents d
                       WHERE d.is_report AND d.doc_id NOT IN (SELECT doc_id FROM {ledger})"""
        # A few documents to do (a run after one new day file): their ids first, then their rows by id.
        # The one query above reads every body to find them (0.13 s from a fresh connection, against
        # 0.02 s for the two).
        self.ids_sql = f"SELECT d.doc_id FROM documents d WHERE d.is_report AND d.doc_id NOT IN (SELECT doc_id FROM {ledger})"
        # `few_form` (columns, joins) reads them another way, the joins seeing the ids as todo_ids: a
        # correlated subquery over another table reads all of that table (the themes step's directive
        # spans: 0.8-1.8 s for a day's 14 documents at ten times xwlb, against 0.07 s).
        few_columns, few_joins = few_form or (columns, "")
        self.by_ids_sql = f"""WITH todo_ids AS (SELECT unnest(?::VARCHAR[]) AS doc_id)
                              SELECT {few_columns}, {input_hash} AS content_hash FROM documents d {few_joins}
                              WHERE d.doc_id IN (SELECT doc_id FROM todo_ids)"""
        self.issued: deque = deque()  # (doc_ids, content_hashes) of each batch handed out, oldest first

    def __iter__(self):
        if self.total == 0:
            return
        cur = self.con.cursor()
        try:
            if self.total <= FEW_TO_DO:
                ids = [r[0] for r in cur.execute(self.ids_sql).fetchall()]
                rel = cur.execute(self.by_ids_sql, [ids])
            else:
                rel = cur.execute(self.sql)
            cols = [c[0] for c in rel.description]
            while rows := rel.fetchmany(self.size):
                batch = [dict(zip(cols, r)) for r in rows]
                self.issued.append(([d["doc_id"] for d in batch], [d["content_hash"] for d in batch]))
                yield batch
        finally:
            cur.close()


def rows_kept(total: int, tables: tuple[str, ...]) -> dict[str, list] | None:
    """Where a step keeps the rows it writes for its previews: per table a list of the batches' Arrow
    tables when the documents to do are few (a day's), else None (a first run: the previews read the
    tables). Looking a day's rows up again read the whole table: term_counts' 86 M rows at ten times
    xwlb (0.15-0.26 s)."""
    return {t: [] for t in tables} if total <= FEW_TO_DO else None


def keeping(results, kept: dict[str, list] | None):
    """The batches' results passed on to write_batches, the rows of the tables in `kept` kept too."""
    try:
        for rows in results:
            for t, batches in (kept or {}).items():
                if isinstance(rows[t], pa.Table):  # a batch without rows of a table may give {}
                    batches.append(rows[t])
            yield rows
    finally:
        results.close()


def kept_table(batches: list, empty: pa.Schema) -> pa.Table:
    """The kept batches as one table (a batch without rows has null-typed columns: promoted)."""
    return pa.concat_tables(batches, promote_options="permissive") if batches else empty.empty_table()


def todo_batches(con, ledger: str, columns: str, input_hash: str, size: int, total: int,
                 few_form: tuple[str, str] | None = None) -> TodoBatches:
    return TodoBatches(con, ledger, columns, input_hash, size, total, few_form)
