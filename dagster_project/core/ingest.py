"""Raw files into rows: read, clean and fingerprint a batch of files, in columns ready for a bulk insert.

Plain Python: the Dagster asset that calls this owns the database; this owns the text.
"""

from __future__ import annotations

import hashlib
import operator
import os
from dataclasses import fields
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pyarrow as pa

from .clean import Document, clean_record
from .dedup import BANDS, ROWS, band_buckets_many, minhash_many
from .parallel import map_batches
from .sources import CONFIG_NAME, Rejection, SourceConfigError, config_fingerprint, load_config, read_file

DOC_COLUMNS = [f.name for f in fields(Document)]
_CORE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def reader_version() -> str:
    """A hash of the code that turns raw files into documents: files read by another version are read
    again, so a fix to cleaning reaches every document and not only new ones."""
    h = hashlib.sha1()
    for name in ("sources.py", "pages.py", "clean.py", "dedup.py", "ingest.py"):
        h.update(name.encode() + b"\0" + (_CORE / name).read_bytes())
    return h.hexdigest()[:12]


def file_hash(path: Path) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def list_raw_files(raw_root: Path) -> tuple[list[Path], list[Rejection]]:
    """Every file under the raw folder that a run should look at, and rejections for links that leave it.
    source.yaml files are settings, not data; hidden files and folders are skipped. In the order of a
    walk from the top, a folder's files (by name) before its subfolders (by name); links to folders are
    not followed."""
    files, rejected = [], []
    for path, _ in walk_raw_files(raw_root, rejected):
        files.append(Path(path))
    return files, rejected


def walk_raw_files(raw_root: Path, rejected: list[Rejection]) -> Iterator[tuple[str, str]]:
    """(absolute path, path relative to the raw folder) of every file list_raw_files returns, with
    rejections appended to `rejected`. Directory entries, not a Path and two stat calls per file: the
    raw folder of ten times xwlb (50,860 files) was listed in 1.28 s so, and is in 0.52 s."""
    root = str(raw_root.resolve())
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue  # a folder that cannot be listed is passed over, as os.walk does
        subfolders = []
        for e in entries:
            if e.name.startswith("."):
                continue
            if _entry_is(e.is_dir):  # a link to a folder is listed with the folders and, as os.walk does, not entered
                if not e.is_symlink():
                    subfolders.append((e.path, prefix + e.name + "/"))
                continue
            if e.name == CONFIG_NAME:
                continue
            rel = prefix + e.name
            if e.is_symlink():
                target = Path(os.path.realpath(e.path))  # where a link in a loop ends too (Path.resolve raises)
                if Path(root) not in target.parents:
                    rejected.append(Rejection(rel, None, "outside_raw", f"{rel}: is a link to {target}, outside the raw folder; not read."))
                    continue
            if _entry_is(e.is_file):
                yield e.path, rel
        stack.extend(reversed(subfolders))


def _entry_is(test) -> bool:
    """DirEntry.is_dir/is_file, false where the entry cannot be followed (a link through a file, into a
    folder that cannot be read, or round in a loop), as os.walk and Path.is_file take it."""
    try:
        return test()
    except OSError:
        return False


_FIELDS: dict[type, tuple[tuple[str, ...], operator.attrgetter]] = {}


def _shallow(record) -> dict:
    """A dataclass's fields as a dict, without asdict's deep copy (its fields are plain values); the
    field names and their getter are made once per class (dataclasses.fields per record was 4% of ingest)."""
    kind = type(record)
    got = _FIELDS.get(kind)
    if got is None:
        names = tuple(f.name for f in fields(record))
        getter = operator.attrgetter(*names) if len(names) > 1 else (lambda r, n=names[0]: (getattr(r, n),))
        got = _FIELDS[kind] = (names, getter)
    names, values = got
    return dict(zip(names, values(record)))


def _config_for(p: Path, root: Path, cache: dict):
    """load_config for a file, worked out once per folder of the batch (it resolves the folder's chain
    of source.yaml files: 0.18 ms a file, 5% of ingest); a folder's bad source.yaml is raised for each
    of its files."""
    key = ("config of folder", p.parent)
    got = cache.get(key)
    if got is None:
        try:
            got = load_config(p, root, cache)
        except SourceConfigError as e:
            got = e
        cache[key] = got
    if isinstance(got, SourceConfigError):
        raise SourceConfigError(str(got))  # a new one per file: raising one object again grows its traceback
    return got


def _columns(rows: list[dict], names: list[str]) -> dict[str, list]:
    return {n: [r[n] for r in rows] for n in names}


ARROW_SCHEMAS = {
    "documents": pa.schema(
        [
            ("doc_id", pa.string()), ("source", pa.string()), ("raw_path", pa.string()), ("record_key", pa.string()),
            ("native_id", pa.string()), ("url", pa.string()), ("title", pa.string()), ("published_at", pa.timestamp("us")),
            ("date_precision", pa.string()), ("publisher", pa.string()), ("body", pa.string()), ("body_original", pa.string()),
            ("page_chrome", pa.string()), ("content_hash", pa.string()), ("is_report", pa.bool_()), ("body_md5", pa.string()),
            ("repairs", pa.list_(pa.string())), ("encoding", pa.string()), ("format", pa.string()), ("n_chars", pa.int32()),
            ("ingested_at", pa.timestamp("us")),
        ]
    ),
    "rejected_records": pa.schema(
        [("raw_path", pa.string()), ("record_key", pa.string()), ("reason", pa.string()), ("detail", pa.string()), ("seen_at", pa.timestamp("us"))]
    ),
    "doc_minhash": pa.schema([("doc_id", pa.string()), ("band", pa.int8()), ("bucket", pa.uint64()), ("sig", pa.list_(pa.uint64()))]),
    "raw_files": pa.schema(
        [
            ("raw_path", pa.string()), ("size_bytes", pa.int64()), ("mtime_ns", pa.int64()), ("file_hash", pa.string()),
            ("n_documents", pa.int32()), ("n_rejected", pa.int32()), ("parsed_at", pa.timestamp("us")), ("checked_at", pa.timestamp("us")),
            ("reader_version", pa.string()), ("config_hash", pa.string()),
        ]
    ),
}
# Fields of the Document dataclass that the table names differently.
_RENAME = {"fmt": "format"}


def arrow_table(name: str, columns: dict[str, list]) -> pa.Table:
    """Columns (named as the dataclasses name them; missing ones null) as an Arrow table of `name`'s schema."""
    schema = ARROW_SCHEMAS[name]
    columns = {_RENAME.get(k, k): v for k, v in columns.items()}
    n = len(next(iter(columns.values()), []))
    return pa.Table.from_pydict({c: columns.get(c, [None] * n) for c in schema.names}, schema=schema)


class _Rows:
    """Rows of the four tables, accumulated for one bulk insert."""

    def __init__(self) -> None:
        self.docs: list[dict] = []
        self.rejected: list[dict] = []
        self.bodies: list[tuple[str, str]] = []  # (doc_id, body) of every document, signed when the tables are built
        self.files: list[dict] = []

    def __len__(self) -> int:
        return len(self.docs) + len(self.rejected)

    def tables(self) -> dict[str, pa.Table]:
        """Arrow tables: built where the rows were read (a pool worker), they travel as buffers rather
        than as a million pickled Python objects, and DuckDB takes them as they are."""
        return {
            "documents": arrow_table("documents", _columns(self.docs, DOC_COLUMNS + ["ingested_at"])),
            "rejected_records": arrow_table("rejected_records", _columns(self.rejected, ["raw_path", "record_key", "reason", "detail", "seen_at"])),
            "doc_minhash": self._bands(),
            "raw_files": arrow_table("raw_files", _columns(self.files, list(ARROW_SCHEMAS["raw_files"].names))),
        }

    def _bands(self) -> pa.Table:
        """The LSH rows of every document long enough to sign: (doc_id, band, bucket, the band's values),
        the signatures of all the rows' bodies computed together."""
        kept, sigs = minhash_many([body for _, body in self.bodies])
        ids = pa.array([self.bodies[i][0] for i in kept], pa.string())
        values = sigs.ravel()
        offsets = np.arange(0, len(values) + 1, ROWS, dtype=np.int32)
        return pa.Table.from_arrays(
            [ids.take(pa.array(np.repeat(np.arange(len(kept)), BANDS))),
             pa.array(np.tile(np.arange(BANDS, dtype=np.int8), len(kept)), pa.int8()),
             pa.array(band_buckets_many(sigs).ravel(), pa.uint64()),
             pa.ListArray.from_arrays(pa.array(offsets), pa.array(values, pa.uint64()))],
            schema=ARROW_SCHEMAS["doc_minhash"],
        )


def _ingest_file(p: Path, root: Path, cache: dict, chunk_records: int | None = None) -> Iterator[_Rows]:
    """One file's rows; with chunk_records, in chunks of that many records, so a file of a million
    records is never held in memory. The ledger row comes with the last chunk."""
    # the same per-batch cache dict holds load_config's folders (Path keys) and the folders' fingerprints
    fingerprints = cache.setdefault("fingerprints", {})
    rel = p.relative_to(root).as_posix()
    now = datetime.now()
    rows = _Rows()
    n_docs = n_rej = 0
    try:
        st = p.stat()
        fhash = file_hash(p)
    except OSError as e:
        rows.rejected.append(dict(raw_path=rel, record_key=None, reason="unreadable_file", detail=f"{rel}: cannot be opened ({e.strerror}).", seen_at=now))
        yield rows
        return
    try:
        config = _config_for(p, root, cache)
        records: Iterable = read_file(p, root, config)
    except SourceConfigError as e:
        records = [Rejection(rel, None, "bad_source_yaml", str(e))]
    try:
        for rec in records:
            if isinstance(rec, Rejection):
                rows.rejected.append(dict(_shallow(rec), seen_at=now))
                n_rej += 1
            else:
                try:
                    doc = clean_record(rec)
                except Exception as e:  # one record the cleaner cannot handle is rejected alone
                    rows.rejected.append(dict(raw_path=rel, record_key=rec.record_key, reason="parser_error",
                                              detail=f"{rel}: record {rec.record_key} could not be cleaned ({type(e).__name__}: {e}).", seen_at=now))
                    n_rej += 1
                    continue
                if doc.is_report and not doc.body:
                    which = f"record {rec.record_key}" if rec.record_key is not None else "the page"
                    rows.rejected.append(dict(raw_path=rel, record_key=rec.record_key, reason="no_body",
                                              detail=f"{rel}: {which} has no text once page furniture is removed.", seen_at=now))
                    n_rej += 1
                    continue
                row = _shallow(doc)
                row["ingested_at"] = now
                rows.docs.append(row)
                n_docs += 1
                rows.bodies.append((doc.doc_id, doc.body))
            if chunk_records and len(rows) >= chunk_records:
                yield rows
                rows = _Rows()
    except Exception as e:  # a parser bug on one file must not end the run; it is recorded instead
        rows.rejected.append(dict(raw_path=rel, record_key=None, reason="parser_error", detail=f"{rel}: reading stopped at an unexpected error ({type(e).__name__}: {e}).", seen_at=now))
        n_rej += 1
    rows.files.append(dict(raw_path=rel, size_bytes=st.st_size, mtime_ns=st.st_mtime_ns, file_hash=fhash, n_documents=n_docs, n_rejected=n_rej,
                           parsed_at=now, checked_at=now, reader_version=reader_version(), config_hash=config_fingerprint(p, root, fingerprints)))
    yield rows


def ingest_batch(paths: list[str], raw_root: str) -> dict[str, pa.Table]:
    """Read and clean the given files (absolute paths). Returns Arrow tables of documents,
    rejected_records, doc_minhash and the file ledger."""
    root = Path(raw_root)
    cache: dict = {}
    out = _Rows()
    for p in map(Path, paths):
        for rows in _ingest_file(p, root, cache):
            out.docs += rows.docs
            out.rejected += rows.rejected
            out.bodies += rows.bodies
            out.files += rows.files
    return out.tables()


# Line-oriented files above this size are streamed in the main process in chunks instead of being
# handed whole to a worker, which would return all their rows at once.
STREAM_BYTES = 32 << 20
CHUNK_RECORDS = 5000


def batches(paths: list[Path], target_bytes: int = 4 << 20, max_files: int = 200) -> list[list[str]]:
    """Group files into work units big enough that process start-up and pickling do not dominate."""
    out, cur, size = [], [], 0
    for p in paths:
        try:
            s = p.stat().st_size
        except OSError:
            s = 0
        cur.append(str(p))
        size += s
        if size >= target_bytes or len(cur) >= max_files:
            out.append(cur)
            cur, size = [], 0
    if cur:
        out.append(cur)
    return out


def _is_large(p: Path) -> bool:
    try:
        return p.stat().st_size > STREAM_BYTES
    except OSError:
        return False


def ingest_files(paths: list[Path], raw_root: Path, workers: int | None = None) -> Iterator[dict]:
    """Batches of rows for the given files, as they complete; a process pool is used when it pays,
    and large files are streamed in chunks so memory does not grow with them."""
    large = [p for p in paths if _is_large(p)]
    cache: dict = {}
    for p in large:
        for rows in _ingest_file(p, raw_root, cache, CHUNK_RECORDS):
            yield rows.tables()
    units = batches([p for p in paths if not _is_large(p)])
    yield from map_batches(_ingest_unit, [(unit, str(raw_root)) for unit in units], workers, "ingest", reader_version())


def _ingest_unit(job: tuple[list[str], str]) -> dict:
    """ingest_batch over one (files, raw root) work unit: a module-level function, so a worker can be sent it."""
    return ingest_batch(*job)
