"""Ingest: the raw folder into `documents`, `rejected_records` and the `raw_files` ledger, then copies marked.

Only files that are new or changed since the ledger last saw them are read; files that left the raw
folder take their rows with them.
"""


import contextlib
import hashlib
import os
import time
from datetime import datetime
from pathlib import Path

import dagster as dg
import numpy as np
import pyarrow as pa

from dagster_project.core.dedup import canonical_of, copy_groups, near_copy, same_item_twins
from dagster_project.core.ingest import arrow_table, file_hash, ingest_files, reader_version, walk_raw_files
from dagster_project.core.sources import config_fingerprint
from dagster_project.defs.metadata import markdown_table
from dagster_project.defs.resources import HuiyiStore
from dagster_project.defs.tables import built_from, insert_columns, mark_built, transaction
from dagster_project.store import sql_text

# Rejection sentences logged per run; the rest are in the table, and counted by reason in one line.
LOGGED_REJECTIONS = 10


def _insert(con, table: str, rows: "dict[str, list] | pa.Table") -> int:
    return insert_columns(con, table, rows if isinstance(rows, pa.Table) else arrow_table(table, rows))


def _forget_files(con, raw_paths: list[str]) -> None:
    """Remove every row that came from these raw files (changed or removed). The documents (and their
    MinHash rows) are deleted only when there are some: for a new day file there are none, and the two
    DELETEs scanned documents and doc_minhash for nothing (0.3 s at ten times xwlb, against 0.003-0.02 s
    for the look). Not decided from the ledger: a large file's documents are written chunk by chunk
    before its ledger row, so a run stopped inside one leaves documents of a file the ledger lacks.
    Documents the copy marks saw are first kept in copy_gone as they were (sql/steps/copy_gone.sql),
    when they are few enough for the next marking to do without comparing the whole corpus; when they
    are more, the next marking is made to compare the whole corpus."""
    if not raw_paths:
        return
    con.register("gone_files", pa.table({"raw_path": raw_paths}))
    try:
        if con.execute("SELECT EXISTS (SELECT 1 FROM documents WHERE raw_path IN (SELECT raw_path FROM gone_files))").fetchall()[0][0]:
            marked, seen = con.execute(
                """SELECT (SELECT count(*) FROM copy_inputs),
                          (SELECT count(*) FROM documents WHERE raw_path IN (SELECT raw_path FROM gone_files)
                                                            AND doc_id IN (SELECT doc_id FROM copy_inputs))""").fetchall()[0]
            if seen and seen <= _alone_at_most(marked):
                con.execute(sql_text("steps/copy_gone"))
            elif seen:
                # Too many to keep: what the marks saw of them is lost, so the next marking compares the
                # whole corpus. Kept anyway, a later run forgetting some of them again (this run stopped
                # before its marking) would keep a state the marks never saw.
                mark_built(con, "copy_pairs", "")
                con.execute("DELETE FROM copy_gone")
            con.execute("DELETE FROM doc_minhash WHERE doc_id IN (SELECT doc_id FROM documents WHERE raw_path IN (SELECT raw_path FROM gone_files))")
            con.execute("DELETE FROM documents WHERE raw_path IN (SELECT raw_path FROM gone_files)")
        con.execute("DELETE FROM rejected_records WHERE raw_path IN (SELECT raw_path FROM gone_files)")
        con.execute("DELETE FROM raw_files WHERE raw_path IN (SELECT raw_path FROM gone_files)")
    finally:
        con.unregister("gone_files")


def scan_and_ingest(con, paths, log) -> dict:
    """The incremental ingest: compare the raw folder with the ledger, read what is new or changed."""
    t0 = time.monotonic()
    link_rejections: list = []
    current = dict((rel, path) for path, rel in walk_raw_files(paths.raw, link_rejections))
    version = reader_version()
    ledger = {r[0]: r[1:] for r in con.execute("SELECT raw_path, size_bytes, mtime_ns, file_hash, reader_version, config_hash FROM raw_files").fetchall()}
    removed = sorted(set(ledger) - set(current))
    to_parse, touched = [], []
    folders: dict[str, str] = {}  # the source.yaml fingerprint of each folder, computed once
    for rel, path in current.items():
        st = os.stat(path)
        known = ledger.get(rel)
        folder = os.path.dirname(path)
        if known and folder not in folders:
            folders[folder] = config_fingerprint(Path(path), paths.raw)
        if known and (known[3] != version or known[4] != folders[folder]):
            to_parse.append(Path(path))  # read by another reader or under another source.yaml: read again
            continue
        if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            continue  # unchanged: recognised from its metadata alone
        if known and known[0] == st.st_size and file_hash(Path(path)) == known[2]:
            touched.append((rel, st.st_mtime_ns))  # touched, same bytes: remember the new time only
            continue
        to_parse.append(Path(path))
    log.info(f"Raw folder {paths.raw}: {len(current)} files; {len(to_parse)} new or changed, {len(removed)} removed, {len(current) - len(to_parse)} unchanged.")
    counts = {"documents": 0, "rejected_records": 0}
    # One transaction per batch, not per run: DuckDB holds a transaction's appends in memory, and a
    # run that stops half-way is still consistent, because a file's rows count only once its ledger
    # row is written (last), and the next run forgets every row of a file it has to read again.
    with transaction(con):
        _forget_files(con, removed + [p.relative_to(paths.raw).as_posix() for p in to_parse])
        con.execute("DELETE FROM rejected_records WHERE reason = 'outside_raw'")
        # Rejections of files that are gone (including files that could not even be opened, which
        # have no ledger row) leave with them.
        con.register("present", pa.table({"raw_path": list(current)}))
        con.execute("DELETE FROM rejected_records WHERE raw_path NOT IN (SELECT raw_path FROM present)")
        con.unregister("present")
        if link_rejections:
            now = datetime.now()
            _insert(con, "rejected_records", {
                "raw_path": [r.raw_path for r in link_rejections], "record_key": [None] * len(link_rejections),
                "reason": [r.reason for r in link_rejections], "detail": [r.detail for r in link_rejections],
                "seen_at": [now] * len(link_rejections),
            })
            for r in link_rejections:
                log.warning(r.detail)
        if touched:
            con.register("touched", pa.table({"raw_path": [t[0] for t in touched], "mtime_ns": [t[1] for t in touched]}))
            con.execute("UPDATE raw_files SET mtime_ns = t.mtime_ns, checked_at = now() FROM touched t WHERE raw_files.raw_path = t.raw_path")
            con.unregister("touched")
    done = 0
    by_reason: dict[str, int] = {}  # the run's rejections, for the summary line
    last_report = time.monotonic()
    # closed on the way out: a failed write cancels the files not yet handed to a worker
    with contextlib.closing(ingest_files(to_parse, paths.raw)) as batches:
        for batch in batches:
            with transaction(con):
                counts["documents"] += _insert(con, "documents", batch["documents"])
                counts["rejected_records"] += _insert(con, "rejected_records", batch["rejected_records"])
                _insert(con, "doc_minhash", batch["doc_minhash"])
                _insert(con, "raw_files", batch["raw_files"])
            # Each rejection's sentence is in rejected_records; the log shows the run's first few, and
            # the rest by reason at the end. (One Dagster log event costs about 7 ms: one per rejection
            # took 5 s of a full corpus's ingest, the first three of each batch 0.9 s.)
            rejected = batch["rejected_records"]
            rejected_before = counts["rejected_records"] - rejected.num_rows
            for detail in rejected.column("detail").to_pylist()[:max(0, LOGGED_REJECTIONS - rejected_before)]:
                log.warning(f"Rejected: {detail}")
            for reason in rejected.column("reason").to_pylist():
                by_reason[reason] = by_reason.get(reason, 0) + 1
            done += batch["raw_files"].num_rows
            if time.monotonic() - last_report > 5:
                log.info(f"… {done}/{len(to_parse)} files read, {counts['documents']} documents so far")
                last_report = time.monotonic()
    if counts["rejected_records"] > LOGGED_REJECTIONS:
        log.warning(f"Rejected {counts['rejected_records'] - LOGGED_REJECTIONS} more records than those above "
                    f"({counts['rejected_records']} in all: " + ", ".join(f"{r} {n}" for r, n in sorted(by_reason.items(), key=lambda kv: -kv[1]))
                    + "); every one is in rejected_records with its sentence.")
    elapsed = time.monotonic() - t0
    log.info(f"Read {len(to_parse)} files in {elapsed:.1f} s: {counts['documents']} documents, {counts['rejected_records']} rejected.")
    return {
        "files_seen": len(current), "files_parsed": len(to_parse), "files_removed": len(removed),
        "files_touched": len(touched), "parsed_paths": [p.relative_to(paths.raw).as_posix() for p in to_parse],
        "new_documents": counts["documents"], "new_rejected": counts["rejected_records"], "seconds": round(elapsed, 2),
    }


def ledger_signature(con) -> str:
    """A hash of the raw-file ledger: which files, with which bytes, read by which reader and settings."""
    return con.execute(
        "SELECT md5(coalesce(string_agg(concat_ws(':', raw_path, file_hash, reader_version, config_hash), ',' ORDER BY raw_path), '')) FROM raw_files"
    ).fetchall()[0][0]


# What copy detection reads of a document (copy_candidates.sql, near_signatures.sql, canonical_of):
# a document whose hash changed, or that left, is compared again (or, when its leaving may change pairs
# among the others, the whole corpus is).
COPY_INPUT_HASH = "hash(d.content_hash, d.native_id, d.n_chars, d.is_report, d.published_at, d.format, d.body_md5)"
# Documents added, changed or removed beyond this share of those marked before (and beyond a few
# thousand) are compared with the whole set at once, which then costs about as much.
ADDED_SHARE_FOR_WHOLE, ADDED_ALWAYS_ALONE = 0.1, 2000


def _alone_at_most(marked: int) -> float:
    """How many documents added, changed or removed since a marking of `marked` documents are compared alone."""
    return max(ADDED_SHARE_FOR_WHOLE * marked, ADDED_ALWAYS_ALONE)


def copy_detection_version() -> str:
    """What finds copies: the reading code (MinHash is computed there, in core/dedup.py), the SQL and what
    the document hash covers. Pairs kept from another version are found again over the whole corpus."""
    h = hashlib.sha1((reader_version() + COPY_INPUT_HASH).encode())
    for name in ("copy_candidates", "copy_candidates_added", "copy_gone", "copy_removal_blocked", "near_signatures"):
        h.update(sql_text(f"steps/{name}").encode())
    return h.hexdigest()[:12]


def _changes_since_marking(con, version: str) -> tuple[list[str], list[str], list[str]] | None:
    """(removed, changed, added) documents since the copies were last marked; None when none was ever
    marked, or the copies were found by another version of the code, or the changes are many."""
    n_before = con.execute("SELECT count(*) FROM copy_inputs").fetchone()[0]
    if n_before == 0 or built_from(con, "copy_pairs") != version:
        return None
    # a hash join with the documents' current hashes (a correlated NOT EXISTS comparing them inside took
    # 0.20-0.27 s at ten times xwlb, against 0.10 s)
    differ = con.execute(
        f"""SELECT c.doc_id, d.doc_id IS NOT NULL FROM copy_inputs c
            LEFT JOIN (SELECT d.doc_id, {COPY_INPUT_HASH} AS h FROM documents d) d USING (doc_id)
            WHERE d.h IS DISTINCT FROM c.input_hash ORDER BY c.doc_id""").fetchall()
    removed = [d for d, present in differ if not present]
    changed = [d for d, present in differ if present]
    added = [r[0] for r in con.execute(
        "SELECT doc_id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM copy_inputs c WHERE c.doc_id = d.doc_id) ORDER BY doc_id").fetchall()]
    if len(removed) + len(changed) + len(added) > _alone_at_most(n_before):
        return None
    return removed, changed, added


def _pairs_kept_after(con) -> list[tuple[str, str, str]] | None:
    """The pairs kept from the last marking that hold without the documents `gone` (removed or changed;
    `fresh`: changed or added, compared again next; both registered by the caller), or None when their
    leaving may change pairs among the documents that stay (copy_removal_blocked.sql says when)."""
    if con.execute(sql_text("steps/copy_removal_blocked")).fetchall():
        return None
    return [tuple(r) for r in con.execute(
        "SELECT a, b, why FROM copy_pairs WHERE a NOT IN (SELECT doc_id FROM gone) AND b NOT IN (SELECT doc_id FROM gone)").fetchall()]


def _compared(removed: list, changed: list, added: list) -> str:
    """What a marking that did not compare the whole corpus compared: 14 added documents, 1 removed and 2 changed documents."""
    named = [(len(x), what) for x, what in ((removed, "removed"), (changed, "changed"), (added, "added")) if x]
    if not named:
        return "nothing"
    parts = [f"{n} {what}" for n, what in named]
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return said + (" document" if named[-1][0] == 1 else " documents")


def mark_copies(con, ledger: str | None = None) -> dict:
    """Set documents.duplicate_of from exact, same-item and confirmed near copies; each group keeps one
    canonical row (a structured record before a page, then the longest body).

    The pairs found are kept (copy_pairs), with what each document was when they were found
    (copy_inputs), and the documents that leave with what they were (copy_gone). When the changes since
    are documents added, changed or removed, and they change no pair among the other documents
    (copy_removal_blocked.sql and copy_candidates_added.sql say when they would), the pairs of the
    documents gone are dropped and only the pairs of those added or changed are looked for: at ten times
    xwlb the whole comparison took 5 s of every run that brought, removed or corrected a day file.
    Either way the marks are made from the whole set of pairs."""
    version = copy_detection_version()
    changes = _changes_since_marking(con, version)
    before: list[tuple[str, str, str]] = []
    found: list = []
    gone: list[str] = []
    if changes is not None:
        removed, changed, added = changes
        gone, fresh = sorted(removed + changed), sorted(changed + added)
        con.register("gone", pa.table({"doc_id": pa.array(gone, pa.string())}))
        con.register("fresh", pa.table({"doc_id": pa.array(fresh, pa.string())}))
        try:
            kept_pairs = _pairs_kept_after(con) if gone else [tuple(r) for r in con.execute("SELECT a, b, why FROM copy_pairs").fetchall()]
            if kept_pairs is None:
                changes = None
            elif fresh:
                found = con.execute(sql_text("steps/copy_candidates_added")).fetchall()
                if any(why == "blocked" for _, _, why in found):
                    changes = None
        finally:
            con.unregister("gone")
            con.unregister("fresh")
    if changes is None:
        found = con.execute(sql_text("steps/copy_candidates")).fetchall()
    else:
        before = kept_pairs
    near = [(a, b) for a, b, why in found if why == "near"]
    confirmed = []
    if near:
        wanted = sorted({x for pair in near for x in pair})
        con.register("wanted", pa.table({"doc_id": wanted}))
        sigs = {d: (np.asarray(s, dtype=np.uint64), t) for d, s, t in con.execute(sql_text("steps/near_signatures")).fetchall()}
        con.unregister("wanted")
        confirmed = [(a, b) for a, b in near if a in sigs and b in sigs and near_copy(sigs[a][0], sigs[b][0], sigs[a][1], sigs[b][1])]
    new_pairs = [(a, b, why) for a, b, why in found if why in ("exact", "same_item")] + [(a, b, "near") for a, b in confirmed]
    # sorted: the marks must not depend on the order a query returned its rows in (a record with several
    # same-item pages keeps the last twin it is given)
    pairs = sorted(set(before) | set(new_pairs))
    groups = copy_groups([(a, b) for a, b, _ in pairs])
    members = sorted({m for ms in groups.values() for m in ms})
    attrs = {}
    if members:
        con.register("wanted", pa.table({"doc_id": members}))
        info = con.execute("SELECT doc_id, format, n_chars FROM documents WHERE doc_id IN (SELECT doc_id FROM wanted)").fetchall()
        con.unregister("wanted")
        attrs = {d: {"doc_id": d, "format": f, "n_chars": n} for d, f, n in info}
    twin = same_item_twins([(a, b) for a, b, why in pairs if why == "same_item"], attrs)
    canonical: dict[str, str] = {}
    dup_of: dict[str, str] = {}
    for ms in groups.values():
        canon = canonical_of([attrs[m] for m in ms if m in attrs])
        for m in ms:
            canonical[m] = canon
            if m != canon:
                dup_of[m] = twin.get(m, canon)
    with transaction(con):
        _write_copies(con, canonical, dup_of)
        if changes is None:
            con.execute("DELETE FROM copy_pairs")
            con.execute("DELETE FROM copy_inputs")
        elif gone:
            con.register("gone", pa.table({"doc_id": pa.array(gone, pa.string())}))
            try:
                con.execute("DELETE FROM copy_pairs WHERE a IN (SELECT doc_id FROM gone) OR b IN (SELECT doc_id FROM gone)")
                con.execute("DELETE FROM copy_inputs WHERE doc_id IN (SELECT doc_id FROM gone)")
            finally:
                con.unregister("gone")
        con.execute("DELETE FROM copy_gone")
        kept = sorted(set(new_pairs) - set(before))
        if kept:
            insert_columns(con, "copy_pairs", {"a": [a for a, _, _ in kept], "b": [b for _, b, _ in kept], "why": [w for _, _, w in kept]})
        # every document copy_inputs lacks: the added ones, or all of them after a whole comparison
        con.execute(f"""INSERT INTO copy_inputs SELECT d.doc_id, {COPY_INPUT_HASH} FROM documents d
                        WHERE NOT EXISTS (SELECT 1 FROM copy_inputs c WHERE c.doc_id = d.doc_id)""")
        mark_built(con, "copy_pairs", version)
        if ledger is not None:
            mark_built(con, "copies", ledger)
    return {"copy_groups": len(groups), "duplicates": len(dup_of), "near_pairs_confirmed": len(confirmed),
            "near_pairs_proposed": len(near), "compared": "whole corpus" if changes is None else _compared(*changes)}


def _write_copies(con, canonical: dict[str, str], dup_of: dict[str, str]) -> None:
    """Every document's marks: those of its copy group, else none (its own canonical id). Only the rows
    whose marks change are written: resetting all of them first wrote 750,000 rows at ten times xwlb."""
    con.register("dups", pa.table({
        "doc_id": pa.array(list(canonical), pa.string()),
        "canonical_id": pa.array(list(canonical.values()), pa.string()),
        "duplicate_of": pa.array([dup_of.get(m) for m in canonical], pa.string()),
    }))
    try:
        con.execute("""UPDATE documents SET duplicate_of = n.duplicate_of, canonical_id = n.canonical_id
                       FROM (SELECT d.doc_id, x.duplicate_of, coalesce(x.canonical_id, d.doc_id) AS canonical_id
                             FROM documents d LEFT JOIN dups x USING (doc_id)) n
                       WHERE documents.doc_id = n.doc_id AND (documents.duplicate_of IS DISTINCT FROM n.duplicate_of
                                                              OR documents.canonical_id IS DISTINCT FROM n.canonical_id)""")
    finally:
        con.unregister("dups")


def _preview(con, sql: str, limit: int = 10) -> dg.MetadataValue:
    return markdown_table(con.execute(f"{sql} LIMIT {int(limit)}"))


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "documents",
            group_name="ingest",
            description="Every raw record ingested and cleaned: one row per xwlb item, HTML page, CSV or JSONL row, "
            "text page. Copies point to their canonical row through duplicate_of.",
            kinds={"duckdb"},
        ),
        dg.AssetSpec(
            "rejected_records",
            group_name="ingest",
            description="Records and files that could not be read, each with a reason and one sentence naming the file.",
            kinds={"duckdb"},
        ),
        dg.AssetSpec(
            "raw_files",
            group_name="ingest",
            description="The ledger of the raw folder: size, time and content hash per file, so unchanged files are never parsed again.",
            kinds={"duckdb"},
        ),
    ],
    can_subset=False,
)
def ingest(context: dg.AssetExecutionContext, store: HuiyiStore):
    with store.writer(context.log.info) as con:
        stats = scan_and_ingest(con, store.paths, context.log)
        # Copies change only when files come or go; a run with nothing new keeps the marks it has.
        # The marks are tied to the ledger they were made from, so a run stopped after its files were
        # read but before the marks were written has them made by the next run.
        ledger = ledger_signature(con)
        if stats["files_parsed"] or stats["files_removed"] or built_from(con, "copies") != ledger:
            copies = mark_copies(con, ledger)
        else:
            copies = {"duplicates": con.execute("SELECT count(duplicate_of) FROM documents").fetchone()[0],
                      "copy_groups": con.execute("SELECT count(DISTINCT canonical_id) FROM documents WHERE canonical_id IN (SELECT duplicate_of FROM documents)").fetchone()[0]}
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        by_source = con.execute("SELECT source, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC").fetchall()
        n_rej = con.execute("SELECT count(*) FROM rejected_records").fetchone()[0]
        by_reason = con.execute("SELECT reason, count(*) FROM rejected_records GROUP BY 1 ORDER BY 2 DESC").fetchall()
        n_files = con.execute("SELECT count(*) FROM raw_files").fetchone()[0]
        doc_preview = _preview(con, "SELECT doc_id, source, title, published_at, n_chars, duplicate_of FROM documents ORDER BY published_at DESC NULLS LAST")
        rej_preview = _preview(con, "SELECT raw_path, record_key, reason, detail FROM rejected_records ORDER BY seen_at DESC")
        file_preview = _preview(con, "SELECT raw_path, size_bytes, n_documents, n_rejected, parsed_at FROM raw_files ORDER BY parsed_at DESC")
    compared = f"; compared: {copies['compared']}" if "compared" in copies else ""
    context.log.info(f"Copies: {copies['duplicates']} documents point to a canonical copy ({copies['copy_groups']} groups{compared}).")
    yield dg.MaterializeResult(
        asset_key="documents",
        metadata={
            "dagster/row_count": n_docs,
            "by_source": dg.MetadataValue.json(dict(by_source)),
            "new_this_run": stats["new_documents"],
            "duplicates": copies["duplicates"],
            # what the copy marking compared this run: the whole corpus, the documents added, changed or removed, or nothing
            "copies_compared": copies.get("compared", "nothing (no file came or went)"),
            "preview": doc_preview,
        },
    )
    yield dg.MaterializeResult(
        asset_key="rejected_records",
        metadata={"dagster/row_count": n_rej, "by_reason": dg.MetadataValue.json(dict(by_reason)), "preview": rej_preview},
    )
    yield dg.MaterializeResult(
        asset_key="raw_files",
        metadata={
            "dagster/row_count": n_files,
            "files_parsed_this_run": stats["files_parsed"],
            "files_removed_this_run": stats["files_removed"],
            "files_unchanged_this_run": stats["files_seen"] - stats["files_parsed"],
            "parsed": dg.MetadataValue.json(stats["parsed_paths"][:50]),
            "seconds": stats["seconds"],
            "preview": file_preview,
        },
    )


# ---------------------------------------------------------------- checks next to the assets they guard


def documents_have_titles(con) -> dict:
    n, total = con.execute("SELECT count(*) FILTER (WHERE title IS NULL), count(*) FROM documents WHERE is_report").fetchone()
    by_source = con.execute("SELECT raw_path, count(*) FROM documents WHERE title IS NULL AND is_report GROUP BY 1 ORDER BY 2 DESC LIMIT 10").fetchall()
    return dict(
        passed=n == 0,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{n} of {total} reports have no title.",
        metadata={"untitled": n, "by_file": dg.MetadataValue.json(dict(by_source))},
    )


def documents_have_dates(con) -> dict:
    n, total = con.execute("SELECT count(*) FILTER (WHERE published_at IS NULL), count(*) FROM documents WHERE is_report").fetchone()
    by_file = con.execute("SELECT raw_path, count(*) FROM documents WHERE published_at IS NULL AND is_report GROUP BY 1 ORDER BY 2 DESC LIMIT 10").fetchall()
    return dict(
        passed=n == 0,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{n} of {total} reports have no date and are left out of time series.",
        metadata={"undated": n, "by_file": dg.MetadataValue.json(dict(by_file))},
    )


def duplicate_share(con) -> dict:
    dups, total = con.execute("SELECT count(duplicate_of), count(*) FROM documents").fetchone()
    by_source = con.execute("SELECT source, count(*) FROM documents WHERE duplicate_of IS NOT NULL GROUP BY 1 ORDER BY 2 DESC").fetchall()
    share = dups / total if total else 0.0
    return dict(
        passed=share <= 0.5,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{dups} of {total} documents ({share:.1%}) are copies of another.",
        metadata={"duplicates": dups, "share": float(round(share, 4)), "by_source": dg.MetadataValue.json(dict(by_source))},
    )


def rejected_per_reason(con) -> dict:
    by_reason = dict(con.execute("SELECT reason, count(*) FROM rejected_records GROUP BY 1 ORDER BY 2 DESC").fetchall())
    docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    rejected = sum(by_reason.values())
    share = rejected / (rejected + docs) if rejected + docs else 0.0
    return dict(
        passed=share <= 0.05,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{rejected} rejected against {docs} documents ({share:.1%}): " + ", ".join(f"{k} {v}" for k, v in by_reason.items()),
        metadata={"by_reason": dg.MetadataValue.json(by_reason), "share": float(round(share, 4))},
    )


# Checks of these tables, each with what it needs: defs/checks.py runs them all in one step over one connection.
CHECKS = [
    (dg.AssetCheckSpec("documents_have_titles", asset="documents", description="Documents without a title: kept, but a reader cannot tell them apart in lists."), documents_have_titles),
    (dg.AssetCheckSpec("documents_have_dates", asset="documents", description="Documents without a publication date: kept with published_at null and left out of time series."), documents_have_dates),
    (dg.AssetCheckSpec("duplicate_share", asset="documents", description="Share of documents that are copies of another; more than half suggests the same files were dropped in twice."), duplicate_share),
    (dg.AssetCheckSpec("rejected_per_reason", asset="rejected_records", description="Rejected records per reason; fails when more than 5% of records were rejected."), rejected_per_reason),
]
