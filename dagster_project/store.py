"""Where Huiyi keeps its data, and the only code that opens its databases.

The pipeline writes a private working database and publishes a copy for readers by atomic rename:
DuckDB locks a file per process, so a notebook holding the published file never blocks a run, and
a run never breaks the notebook, which sees the new data on its next connection.
"""

from __future__ import annotations

import contextlib
import functools
import fcntl
import hashlib
import json
import os
import re
import shutil
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb
# DuckDB's Python API imports pandas the first time it meets an Arrow table (0.2-0.3 s): with the code,
# so that it is part of loading it, not of the first step that writes.
import pandas  # noqa: F401

# sql/ lives at the top of the project; the package links to it (dagster_project/sql), so an
# installed wheel, which copies the link's files, finds it as well.
SQL_DIR = Path(__file__).resolve().parent / "sql"
PUBLISHED_NAME = "huiyi.duckdb"


class UsageError(Exception):
    """A mistake the user can fix: one sentence, no traceback."""


def sql_text(name: str) -> str:
    """The SQL of sql/<name>.sql, read by name."""
    path = SQL_DIR / f"{name}.sql"
    return path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Paths:
    raw: Path
    marts: Path

    @staticmethod
    def resolve(raw: str | os.PathLike | None = None, marts: str | os.PathLike | None = None) -> "Paths":
        """--raw/--marts, else HUIYI_RAW_DIR/HUIYI_MARTS_DIR, else data/raw and data/marts here."""
        r = Path(raw or os.environ.get("HUIYI_RAW_DIR") or "data/raw").expanduser().resolve()
        m = Path(marts or os.environ.get("HUIYI_MARTS_DIR") or "data/marts").expanduser().resolve()
        return Paths(r, m)

    @property
    def published(self) -> Path:
        return self.marts / PUBLISHED_NAME

    @property
    def work_dir(self) -> Path:
        return self.marts / "work"

    @property
    def work_db(self) -> Path:
        return self.work_dir / "huiyi_work.duckdb"

    @property
    def parquet_dir(self) -> Path:
        return self.marts / "parquet"

    @property
    def charts_dir(self) -> Path:
        return self.marts / "charts"

    @property
    def reports_dir(self) -> Path:
        return self.marts / "reports"

    @property
    def dagster_home(self) -> Path:
        home = os.environ.get("DAGSTER_HOME")
        return Path(home).expanduser().resolve() if home else self.marts / ".dagster"

    def check(self) -> None:
        """Raise UsageError with one sentence when the folders cannot be used."""
        if self.raw.exists() and not self.raw.is_dir():
            raise UsageError(f"The raw folder {self.raw} is a file, not a folder; pass --raw with the folder that holds it.")
        if not self.raw.is_dir():
            raise UsageError(f"The raw folder {self.raw} does not exist; create it and put scraped files in it, or pass --raw DIR.")
        if self.marts == self.raw or self.raw in self.marts.parents:
            raise UsageError(f"The marts folder {self.marts} is inside the raw folder {self.raw}; Huiyi would read its own output. Pass a --marts DIR outside it.")
        try:
            self.marts.mkdir(parents=True, exist_ok=True)
            self.work_dir.mkdir(exist_ok=True)
            probe = self.marts / f".write-probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as e:
            raise UsageError(f"The marts folder {self.marts} cannot be written ({e.strerror}); pass --marts DIR with a writable folder.") from None


# ---------------------------------------------------------------- one writer at a time

_lock_guard = threading.Lock()
_held: dict[str, tuple[int, int]] = {}  # lock path -> (fd, depth), per process
# lock path -> the working database's connection, kept open from step to step while an outer holder
# (`huiyi run`) has the lock, and closed when it lets go: opening and closing it in each of a run's
# eleven steps cost 0.38 s of a run on the full corpus (a day's run is 3.6 s), 1.0 s at ten times xwlb.
_kept: dict[str, duckdb.DuckDBPyConnection] = {}


def _lock_key(paths: Paths) -> str:
    return str(paths.marts / ".huiyi-writer.lock")


@contextlib.contextmanager
def writer_lock(paths: Paths, log=None) -> Iterator[None]:
    """Exclusive across processes (flock on the marts folder's lock file), re-entrant within one, so
    `huiyi run` can hold it for the whole run and each writing step can take it again."""
    key = _lock_key(paths)
    with _lock_guard:
        if key in _held:
            fd, depth = _held[key]
            _held[key] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if not reentered:
        paths.marts.mkdir(parents=True, exist_ok=True)
        fd = os.open(key, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if log:
                log(f"Another Huiyi run is writing to {paths.marts}; waiting for it to finish.")
            started = time.monotonic()
            fcntl.flock(fd, fcntl.LOCK_EX)
            if log:
                log(f"The other run finished after {time.monotonic() - started:.0f} s; going on.")
        with _lock_guard:
            _held[key] = (fd, 1)
    try:
        yield
    finally:
        with _lock_guard:
            fd, depth = _held[key]
            if depth > 1:
                _held[key] = (fd, depth - 1)
                fd = None
            else:
                del _held[key]
                kept = _kept.pop(key, None)
        if fd is not None:
            try:
                if kept is not None:
                    kept.close()  # its last checkpoint, still under the lock
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)


def _held_from_outside(key: str) -> bool:
    """Whether the caller's hold on the lock is inside another one (`huiyi run` holds it for the run)."""
    with _lock_guard:
        return key in _held and _held[key][1] > 1


# ---------------------------------------------------------------- databases

@functools.lru_cache(maxsize=1)
def schema_version() -> str:
    """A hash of every table definition: when it changes, the working database is rebuilt."""
    h = hashlib.sha1()
    for f in sorted((SQL_DIR / "schema").glob("*.sql")):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    for f in sorted((SQL_DIR / "schema").glob("*.sql")):
        con.execute(f.read_text(encoding="utf-8"))
    con.execute("CREATE TABLE IF NOT EXISTS huiyi_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("COMMENT ON TABLE huiyi_meta IS 'Facts about this database: the schema version it was built with.'")
    con.execute("COMMENT ON COLUMN huiyi_meta.key IS 'Name of the fact.'")
    con.execute("COMMENT ON COLUMN huiyi_meta.value IS 'Its value.'")
    con.execute("INSERT OR REPLACE INTO huiyi_meta VALUES ('schema_version', ?)", [schema_version()])


def _built_with(con: duckdb.DuckDBPyConnection) -> str | None:
    try:
        row = con.execute("SELECT value FROM huiyi_meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def _open_work_db(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to the working database with its memory capped: DuckDB's buffer pool otherwise grows
    towards 80% of RAM as a long ingest appends or an export buffers; capped, it spills and memory stays
    flat however large the corpus."""
    con = duckdb.connect(str(path))
    con.execute("SET memory_limit = ?", [os.environ.get("HUIYI_DUCKDB_MEMORY", "512MB")])
    return con


@contextlib.contextmanager
def work_connection(paths: Paths, log=None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The private working database, schema applied, under the writer lock. A working database built
    with other table definitions is rebuilt from the raw folder: the raw files are the truth, and the
    ledger of the new one is empty, so the next ingest reads every file again."""
    with writer_lock(paths, log):
        key = _lock_key(paths)
        kept = _kept.get(key)
        if kept is not None:
            try:
                yield kept
            finally:
                _end_open_transaction(kept)
            return
        paths.work_dir.mkdir(parents=True, exist_ok=True)
        con = _open_work_db(paths.work_db)
        has_tables = con.execute("SELECT count(*) FROM duckdb_tables()").fetchone()[0] > 0
        if has_tables and _built_with(con) != schema_version():
            con.close()
            if log:
                log(f"The table definitions changed since {paths.work_db} was built; rebuilding it from the raw folder.")
            for p in (paths.work_db, paths.work_db.with_name(paths.work_db.name + ".wal")):
                if p.exists():
                    p.unlink()
            con = _open_work_db(paths.work_db)
        try:
            # Every step opens the database; the definitions are applied only when they are not the
            # ones it was built with (applying them takes ~90 ms, a run opens it some forty times).
            if _built_with(con) != schema_version():
                apply_schema(con)
            if _held_from_outside(key):
                _kept[key] = con
            yield con
        finally:
            if _kept.get(key) is con:
                _end_open_transaction(con)
            else:
                con.close()


def _end_open_transaction(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back what a step that failed left open on a connection kept for the next step."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:  # none open: the usual case
        pass


def publish(paths: Paths, export_tables: list[str] | None = None, log=None, on_exported=None,
            per_part: tuple[str, ...] = ()) -> Path:
    """Export tables as Parquet, then copy the working database to huiyi.duckdb by atomic rename.

    Nothing a reader sees is ever half-written: the Parquet files of one run go to a folder of their own
    that `parquet` (a symbolic link) is swapped to in one rename, and the database copy is renamed over
    huiyi.duckdb only once it is complete and synced. A run killed at any point leaves each of them whole;
    killed between the two renames, the Parquet export is the new run's and the database the last one's
    until the next run. `on_exported(con)` runs on the working database after the export, before the copy.
    Tables in `per_part` are exported one file per part, and only their changed parts written again."""
    with writer_lock(paths, log):
        sweep_stale(paths)
        with _open_work_db(paths.work_db) as con:
            if export_tables:
                _export_parquet(con, paths, export_tables, per_part, log)
            if on_exported:
                on_exported(con)
            con.execute("CHECKPOINT")
        if log:
            log(f"Publishing {paths.published} …")
        tmp = paths.marts / f".{PUBLISHED_NAME}.publishing-{os.getpid()}"
        spare = _free_spare(paths)
        try:
            if spare is not None:
                # No reader has the spare open, and nothing else names it once it is renamed: it is
                # brought up to date in place, which writes only the blocks that differ.
                try:
                    os.replace(paths.marts / SPARE_NAME, tmp)
                    written, size = _rewrite_changed(paths.work_db, spare)
                    os.fsync(spare)
                finally:
                    # unlocked before it is renamed into place: a reader opening it then must not
                    # find the lock taken
                    os.close(spare)
                if log:
                    log(f"Wrote {written / 2**20:.0f} of {size / 2**20:.0f} MiB over the copy published two runs ago (no reader had it open).")
            else:
                shutil.copyfile(paths.work_db, tmp)
                with open(tmp, "rb+") as f:
                    os.fsync(f.fileno())
            _keep_as_spare(paths)
            os.replace(tmp, paths.published)
            _fsync_dir(paths.marts)
        finally:
            tmp.unlink(missing_ok=True)
        return paths.published


# The database published before the current one is kept under this name: when no reader has it open
# any more, the next run brings it up to date instead of copying the whole database again (at ten times
# xwlb, 3.4 GB written and synced on every run). It costs one more database's room on disk.
SPARE_NAME = f".{PUBLISHED_NAME}.spare"
_OFD_SETLK = getattr(fcntl, "F_OFD_SETLK", None)  # Linux only; elsewhere every run copies the whole file
# struct flock: l_type, l_whence, l_start, l_len (0: the whole file), l_pid (0 for an OFD lock)
_WRITE_LOCK_WHOLE_FILE = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
_CHUNK = 64 * 1024


# File systems where every reader of the file runs on this kernel, so its DuckDB lock is seen here. On a
# network or virtual-machine share (NFS, SMB, Docker Desktop's virtiofs, WSL's drvfs) a reader on the
# other side holds a lock this kernel may not see: there no spare is kept, and every publish copies.
_LOCAL_FILE_SYSTEMS = {"ext2", "ext3", "ext4", "xfs", "btrfs", "f2fs", "zfs", "tmpfs", "overlay"}


_MOUNT_ESCAPE = re.compile(r"\\([0-7]{3})")


def file_system_of(folder: Path, mountinfo: str | None = None) -> str | None:
    """The type of the file system holding folder, from /proc/self/mountinfo (None where there is none)."""
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:
            return None
    target, best, kind = str(folder.resolve()), "", None
    for line in mountinfo.splitlines():
        left, _, right = line.partition(" - ")
        fields = left.split()
        if len(fields) < 5 or not right:
            continue
        # the kernel writes a space, tab, newline or backslash of a mount point as an octal escape (\040)
        mount = _MOUNT_ESCAPE.sub(lambda m: chr(int(m.group(1), 8)), fields[4])
        if (target == mount or target.startswith(mount.rstrip("/") + "/")) and len(mount) > len(best):
            best, kind = mount, right.split()[0]
    return kind


@functools.lru_cache(maxsize=16)
def _spare_possible(marts: Path) -> bool:
    return _OFD_SETLK is not None and file_system_of(marts) in _LOCAL_FILE_SYSTEMS


def _free_spare(paths: Paths) -> int | None:
    """An open, write-locked descriptor of the spare copy when it may be rewritten, else None.

    DuckDB takes a lock on the file it opens, readers a shared one. An open-file-description lock
    conflicts with those whichever process holds them, this one included (a notebook that runs the
    pipeline in-process while holding a connection), where a classic fcntl lock would not see its own
    process's. A spare that is also the published file (a run killed between the two renames), or that
    has another name, is dropped unopened: rewriting it would change what readers open. A spare a reader
    holds is dropped too (its reader keeps it, unnamed): closing the descriptor this probe opened
    releases the classic locks this process holds on the file, a reader's in this process included, so
    that file must never be considered again."""
    path = paths.marts / SPARE_NAME
    if not _spare_possible(paths.marts):
        path.unlink(missing_ok=True)
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    try:
        is_published = os.path.samestat(st, os.stat(paths.published))
    except FileNotFoundError:
        is_published = False
    if is_published or st.st_nlink > 1:  # named elsewhere too (a hard link kept as a snapshot): left alone
        path.unlink(missing_ok=True)
        return None
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        fcntl.fcntl(fd, _OFD_SETLK, _WRITE_LOCK_WHOLE_FILE)
        return fd
    except OSError:  # a reader holds it (EAGAIN, EACCES), or the lock is refused here
        path.unlink(missing_ok=True)
        os.close(fd)
        return None


def _keep_as_spare(paths: Paths) -> None:
    """Name the database about to be replaced as the spare (an older spare, if a reader still holds it,
    lives on unnamed until the reader closes it)."""
    if not _spare_possible(paths.marts) or not paths.published.exists():
        return
    link = paths.marts / f".{PUBLISHED_NAME}.spare-{os.getpid()}"
    try:
        link.unlink(missing_ok=True)
        os.link(paths.published, link)
        os.replace(link, paths.marts / SPARE_NAME)
    except OSError:  # no hard links on this file system: the next run copies the whole file
        link.unlink(missing_ok=True)


def _rewrite_changed(src: Path, fd: int) -> tuple[int, int]:
    """Make the file open at fd equal to src, writing only the chunks that differ: (bytes written, size)."""
    written = 0
    a, b = bytearray(_CHUNK), bytearray(_CHUNK)
    with open(src, "rb", buffering=0) as f:
        size = os.fstat(f.fileno()).st_size
        offset = 0
        while offset < size:
            n = f.readinto(a)
            if n <= 0:
                break
            m = os.preadv(fd, [b], offset)
            # bytearray equality is one memcmp; a memoryview's would compare element by element
            if m != n or (a != b if n == _CHUNK else a[:n] != b[:n]):
                os.pwrite(fd, memoryview(a)[:n], offset)
                written += n
            offset += n
        os.ftruncate(fd, offset)
    return written, offset


def _fsync_dir(folder: Path) -> None:
    dfd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


PARQUET_VERSIONS = ".parquet-versions"
PARQUET_PREVIOUS = ".parquet-previous"


def _link_target(link: Path) -> Path | None:
    try:
        return (link.parent / os.readlink(link)).resolve() if link.is_symlink() else None
    except OSError:
        return None


def _swap_link(link: Path, target: Path, marts: Path) -> None:
    """Point `link` at `target` in one rename."""
    tmp_link = marts / f".parquet-link-{os.getpid()}"
    tmp_link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, marts.resolve()), tmp_link)  # relative: the marts folder may move
    os.replace(tmp_link, link)


def sweep_stale(paths: Paths) -> None:
    """Remove what killed runs left half-written (the caller holds the writer lock, so no run is writing):
    temporary chart and report files, link temporaries, Parquet versions that are neither the current
    export nor the one before it, and a database copy (or spare link) that was never renamed."""
    for pattern in (f".{PUBLISHED_NAME}.publishing-*", f".{PUBLISHED_NAME}.spare-*", ".parquet-link-*"):
        for stale in paths.marts.glob(pattern):
            stale.unlink(missing_ok=True)
    for stale in [*paths.charts_dir.glob("*/.*.tmp"), *paths.reports_dir.glob("*/index.html.tmp")]:
        stale.unlink(missing_ok=True)
    versions = paths.marts / PARQUET_VERSIONS
    if versions.is_dir():
        keep = {_link_target(paths.parquet_dir), _link_target(paths.marts / PARQUET_PREVIOUS)}
        for d in versions.iterdir():
            if d.resolve() not in keep:
                shutil.rmtree(d, ignore_errors=True)


# Each export folder holds, beside the files, what each was written from and its size:
# {table: {part: "fingerprint|bytes"}}, part "" for a table exported whole.
PARTS_FILE = ".parts.json"
# A document's columns are written when its file is read, which sets ingested_at anew, and afterwards
# only by the copy marks (defs/ingest.py) and the meeting merge (sql/steps/meetings.sql): its
# fingerprint is those and its id. (Hashing every column but the long texts took 0.27-0.34 s of every
# publish at ten times xwlb, against 0.06 s; tests/test_faults.py checks that every UPDATE of
# documents in the code sets only columns named here.)
FINGERPRINT_COLUMNS = {"documents": ("doc_id", "ingested_at", "duplicate_of", "canonical_id", "is_meeting", "meeting_id")}
# A table whose rows only its per-document step writes, in the same transaction as that step's ledger
# entry (doc_id, the hash of what was read, the version that made the rows), is fingerprinted from the
# ledger: a part's rows change exactly when its documents' ledger entries do. term_counts has 117 rows
# per ledger entry: hashing its 8.9 M rows took 0.2 s of every publish on the full corpus, 2.5 s at 10x.
FINGERPRINT_LEDGERS = {"term_counts": "counted_docs"}


# A table exported per part without a doc_id is split by this expression over its rows (t) instead of by
# its documents' parts: mart_term_rates by the five years of its month (exported whole, its 8.3 M rows
# took 0.8 s of a day's run at ten times xwlb, the day touching one month).
# The key is grouped on as a number and named once per part (a name built on every row took 0.4 s).
PART_EXPRESSIONS = {"mart_term_rates": "year(t.month) // 5"}


def _part_name(k: str) -> str:
    """The name of the five years numbered k (2025-2029 for 405), or undated."""
    return f"coalesce(CAST({k} * 5 AS VARCHAR) || '-' || CAST({k} * 5 + 4 AS VARCHAR), 'undated')"


def part_file(folder: Path, table: str, part: str) -> Path:
    """Where one part of a table exported per part lives: <table>/part=<part>/data_0.parquet, the
    layout DuckDB's PARTITION_BY writes, so a reader's read_parquet('<table>/*/*.parquet') (or any
    reader of Hive partitions) sees the part as a column."""
    return folder / table / f"part={part}" / "data_0.parquet"


def export_file(folder: Path, table: str, part: str) -> Path:
    """The file of a table exported whole (part "") or of one part of a table exported per part."""
    return folder / f"{table}.parquet" if part == "" else part_file(folder, table, part)


def _layout(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], str]:
    """A table's columns, and a hash of their names and types and of the COPY options: a file written
    under another layout is never kept, even where the values hash the same."""
    cols = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index",
        [table]).fetchall()
    recipe = hashlib.md5(repr((cols, COPY_OPTIONS)).encode()).hexdigest()[:12]
    return [c for c, _ in cols], recipe


def part_fingerprints(con: duckdb.DuckDBPyConnection, table: str, parts: str | None = None) -> dict[str, str]:
    """Per part (sql/steps/parquet_parts.sql for a table with doc_id, else PART_EXPRESSIONS): its layout,
    row count and the sum of its rows' hashes, which any inserted, deleted or changed row alters. Rows
    whose doc_id is in no document belong to no part and are not exported (a full run has none: each
    per-document step forgets the rows of documents that left). `parts`: a table of the documents' parts
    already computed (an export fingerprints several tables)."""
    cols, recipe = _layout(con, table)
    cols = list(FINGERPRINT_COLUMNS.get(table, cols))
    if table in PART_EXPRESSIONS:
        row = ", ".join(f't."{c}"' for c in cols)
        return dict(con.execute(
            f"""SELECT {_part_name('k')}, ? || ':' || n || ':' || h FROM (
                    SELECT {PART_EXPRESSIONS[table]} AS k, count(*) AS n, sum(hash({row})) AS h FROM "{table}" t GROUP BY 1)""",
            [recipe]).fetchall())
    if table in FINGERPRINT_LEDGERS:
        source, row = FINGERPRINT_LEDGERS[table], "t.doc_id, t.content_hash, t.version"
    else:
        source, row = table, ", ".join(f't."{c}"' for c in cols)
    rows = con.execute(
        f"""SELECT p.part, ? || ':' || count(*) || ':' || sum(hash({row})) FROM "{source}" t
            JOIN {parts or "(" + sql_text('steps/parquet_parts') + ")"} p USING (doc_id) GROUP BY p.part""", [recipe]).fetchall()
    return dict(rows)


def table_fingerprint(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """A table's layout, row count and the sum of its rows' hashes."""
    _, recipe = _layout(con, table)
    n, h = con.execute(f'SELECT count(*), sum(hash(t)) FROM "{table}" t').fetchone()
    return f"{recipe}:{n}:{h}"


def _unchanged(recorded: str | None, fingerprint: str, previous_file: Path | None) -> bool:
    """Whether the export before holds a table or part as it is now: written from the same fingerprint,
    and its file still the size it was written with (a file a power cut left empty is written again)."""
    if recorded is None or previous_file is None:
        return False
    try:
        size = previous_file.stat().st_size
    except OSError:
        return False
    return recorded == f"{fingerprint}|{size}"


def _run_copies(con: duckdb.DuckDBPyConnection, copies: list[tuple[str, list]]) -> None:
    """Run COPY statements (sql, parameters) two at a time, in the order given, each on its own cursor
    of the same database. DuckDB compresses the bodies of `documents` on one thread while term_counts
    keeps two busy; side by side, two at a time exported the full corpus in 1.5 s instead of 2.0 s."""
    running: dict[int, duckdb.DuckDBPyConnection] = {}
    lock = threading.Lock()

    def copy(i: int) -> None:
        with lock:
            cur = con.cursor()  # a connection of its own to the same database: the two COPYs run at once
            running[i] = cur
        try:
            cur.execute(*copies[i])
        finally:
            with lock:
                running.pop(i, None)
                cur.close()

    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="parquet")
    try:
        for done in [pool.submit(copy, i) for i in range(len(copies))]:
            done.result()
    except BaseException:
        # A failed COPY, Ctrl-C or a stop request: the COPY still running is interrupted (a signal
        # reaches only the main thread), so the caller removes the half export without waiting for it.
        with lock:
            for cur in running.values():
                cur.interrupt()
        raise
    finally:
        # the copies not begun are dropped, and a COPY being interrupted is waited for: the half
        # export is removed only once nothing writes into it
        pool.shutdown(wait=True, cancel_futures=True)


# zstd at level 1: documents and term_counts export in 60% and 85% of the time level 3 takes, for files
# 35% and 10% larger (measured on the full corpus)
COPY_OPTIONS = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, ROW_GROUP_SIZE_BYTES '32MB'"


# A part name parquet_parts.sql makes from a source and five years of a date (xwlb-2025-2029), or an undated one.
_DATED_PART = re.compile(r"(?P<source>[A-Za-z0-9_]*)-(?:(?P<first>\d+)-\d+|undated)")


def _documents_of_part(part: str | None) -> tuple[str, list]:
    """The documents of one part of the export (sql/steps/parquet_parts.sql names them: source-2025-2029,
    source-undated) selected by their own columns: a range of published_at, whose row groups DuckDB skips
    by their minimum and maximum. The semi join with parquet_parts.sql read every body to keep a part's:
    at ten times xwlb the day's part took 0.41 s against 0.065 s, and the 31 parts of a first export 10.0 s
    against 6.2 s (0.066 and 0.046 s, 1.0 and 0.66 s on the full corpus). A part the range cannot state
    (years 0-4, which DuckDB's division also gives years before 0; years a timestamp cannot hold; a name
    parquet_parts.sql did not make this way) is selected by the semi join as before.
    tests/test_speed_equivalence.py compares the two selections on dates at the parts' edges."""
    m = _DATED_PART.fullmatch(part) if isinstance(part, str) else None
    same_source = "regexp_replace(source, '[^A-Za-z0-9_]', '_', 'g') = ?"
    if m and m["first"] is None:
        # an undated part: no year (a null date, or one year() cannot name)
        return f"SELECT * FROM documents WHERE year(published_at) IS NULL AND {same_source}", [m["source"]]
    if m and 0 < int(m["first"]) < 200_000:
        first = int(m["first"])
        return (f"SELECT * FROM documents WHERE published_at >= make_timestamp({first}, 1, 1, 0, 0, 0) "
                f"AND published_at < make_timestamp({first + 5}, 1, 1, 0, 0, 0) AND {same_source}", [m["source"]])
    return f"SELECT * FROM documents WHERE doc_id IN (SELECT doc_id FROM ({sql_text('steps/parquet_parts')}) WHERE part = ?)", [part]


def _plan_export(con, tables: list[str], per_part: tuple[str, ...], fresh: Path, previous: Path | None,
                 log=None) -> tuple[list[tuple[str, list]], list[tuple[Path, Path]], dict]:
    """The COPY statements of one export, the files kept from the export before (hard-linked: never
    written again) and the fingerprints of what was exported. A table exported whole is written again
    when its fingerprint changed; a table exported per part has only the parts whose fingerprint changed
    written again."""
    sizes = dict(con.execute("SELECT table_name, estimated_size FROM duckdb_tables() WHERE schema_name = 'main'").fetchall())
    try:
        before = json.loads((previous / PARTS_FILE).read_text(encoding="utf-8")) if previous else {}
    except (OSError, ValueError):
        before = {}
    parts_sql = sql_text("steps/parquet_parts")
    # the documents' parts, computed once for the fingerprints of every table exported by them (each
    # computing them again cost 0.1 s at ten times xwlb); the COPYs, on connections of their own, read
    # parquet_parts.sql
    by_documents = any(t in per_part and t not in PART_EXPRESSIONS for t in tables)
    if by_documents:
        con.execute(f"CREATE OR REPLACE TEMP TABLE export_parts AS {parts_sql}")
    jobs: list[tuple[int, str, list]] = []  # (size, sql, parameters)
    kept: list[tuple[Path, Path]] = []
    fingerprints: dict[str, dict[str, str]] = {}
    for t in tables:
        if t not in per_part:
            # a table exported whole is written again only when its rows changed
            now = table_fingerprint(con, t)
            fingerprints[t] = {"": now}
            if _unchanged(before.get(t, {}).get(""), now, previous and export_file(previous, t, "")):
                kept.append((export_file(previous, t, ""), export_file(fresh, t, "")))
            else:
                jobs.append((sizes.get(t, 0), f'COPY "{t}" TO ? ({COPY_OPTIONS})', [str(export_file(fresh, t, ""))]))
            continue
        now = part_fingerprints(con, t, "export_parts")
        fingerprints[t] = now
        old = before.get(t, {})
        changed = [p for p, fp in now.items() if not _unchanged(old.get(p), fp, previous and part_file(previous, t, p))]
        (fresh / t).mkdir()
        if not now:  # no rows: one empty file, so that a reader's glob finds the table's columns
            (fresh / t / "part=none").mkdir()
            jobs.append((0, f'COPY (SELECT * FROM "{t}" LIMIT 0) TO ? ({COPY_OPTIONS})', [str(part_file(fresh, t, "none"))]))
        else:
            # One COPY per changed part. DuckDB's PARTITION_BY was no cheaper: on the full corpus it wrote
            # term_counts in 2.35 s by year and 4.2-5.0 s by five years, against 1.2 s for one COPY per
            # five-year part (and 2.6 s for one COPY per year).
            rows_of_part = (f'SELECT * FROM "{t}" t WHERE {_part_name(f"({PART_EXPRESSIONS[t]})")} = ?' if t in PART_EXPRESSIONS
                            else f'SELECT * FROM "{t}" WHERE doc_id IN (SELECT doc_id FROM ({parts_sql}) WHERE part = ?)')
            for p in changed:
                part_file(fresh, t, p).parent.mkdir()
                sql, params = (_documents_of_part(p) if t == "documents" else (rows_of_part, [p]))
                jobs.append((sizes.get(t, 0) // len(now), f"COPY ({sql}) TO ? ({COPY_OPTIONS})", [*params, str(part_file(fresh, t, p))]))
            kept += [(part_file(previous, t, p), part_file(fresh, t, p)) for p in now if p not in changed]
            if log:
                log(f"{t}: {len(changed)} of {len(now)} parts changed and written again ({', '.join(sorted(changed)[:5])}"
                    f"{' …' if len(changed) > 5 else ''}); {len(now) - len(changed)} kept from the export before.")
    con.execute("DROP TABLE IF EXISTS export_parts")
    jobs.sort(key=lambda j: -j[0])  # largest first: the two threads end together
    return [(sql, params) for _, sql, params in jobs], kept, fingerprints


def _keep(src: Path, dst: Path) -> None:
    """A table or part unchanged since the export before: a hard link to its file (no bytes written; files are
    never written in place, so the two exports cannot see each other's changes), a copy where links fail."""
    dst.parent.mkdir(exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def exported_path(parquet_dir: Path, table: str, per_part: tuple[str, ...] = ()) -> Path:
    """The file (or, for a table exported per part, the folder) a table's export is in."""
    return parquet_dir / table if table in per_part else parquet_dir / f"{table}.parquet"


def _export_parquet(con: duckdb.DuckDBPyConnection, paths: Paths, tables: list[str], per_part: tuple[str, ...] = (),
                    log=None) -> None:
    """Every table into a new version folder, then the `parquet` link swapped to it in one rename. The
    version before stays (behind .parquet-previous) for a reader that listed its files a moment ago.
    Tables in `per_part` are exported one file per part (sql/steps/parquet_parts.sql), and a part whose
    rows did not change is linked from the export before instead of written again."""
    if log:
        log(f"Exporting {len(tables)} tables as Parquet …")
    versions = paths.marts / PARQUET_VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    fresh = versions / f"{time.time_ns()}-{os.getpid()}"
    fresh.mkdir()
    link = paths.parquet_dir
    previous = _link_target(link)
    try:
        copies, kept, fingerprints = _plan_export(con, tables, per_part, fresh, previous if previous and previous.is_dir() else None, log)
        for src, dst in kept:
            _keep(src, dst)
        # Under the memory cap an export must stream: row groups are cut by size (a row group of
        # 122,880 documents with their bodies held 400 MB at ten times xwlb and failed), which needs
        # insertion order let go; a reader orders rows by their columns, never by file position.
        con.execute("SET preserve_insertion_order = false")
        try:
            _run_copies(con, copies)
        finally:
            con.execute("RESET preserve_insertion_order")  # a database-wide setting: the export's alone
        written = {t: {p: f"{fp}|{export_file(fresh, t, p).stat().st_size}" for p, fp in parts.items()}
                   for t, parts in fingerprints.items()}
        (fresh / PARTS_FILE).write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)  # a full disk must not keep half an export
        raise
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)  # a folder of an older layout: replaced once by the link
    _swap_link(link, fresh, paths.marts)
    if previous is not None and previous.is_dir():
        _swap_link(paths.marts / PARQUET_PREVIOUS, previous, paths.marts)
    _fsync_dir(paths.marts)
    for old in versions.iterdir():
        if old.resolve() not in (fresh.resolve(), previous):
            shutil.rmtree(old, ignore_errors=True)
    if log:
        log(f"Exported {len(tables)} tables as Parquet to {link} (→ {fresh.name}).")


# ---------------------------------------------------------------- what a run produced, as checksums

# Columns that record when the pipeline did something, not what the data is; left out of checksums.
# (done_seq and checked_seq number the writes in order: a fresh run and an incremental one differ in them.)
RUN_TIME_COLUMNS = {"ingested_at", "seen_at", "parsed_at", "checked_at", "done_seq", "checked_seq"}
# Tables that log the runs themselves (one row per report written), left out the same way.
RUN_LOG_TABLES = {"report_log"}


def table_checksums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, str]]:
    """Per table of the main schema: (rows, md5 of its rows sorted), run-time columns and run logs left
    out and floating-point values rounded to 9 decimals (parallel sums may differ in the last bits).
    Two databases with the same checksums hold the same data."""
    out = {}
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY 1").fetchall()]
    for t in tables:
        if t in RUN_LOG_TABLES:
            continue
        cols = con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index",
            [t]).fetchall()
        exprs = []
        for name, dtype in cols:
            if name in RUN_TIME_COLUMNS:
                continue
            quoted = '"' + name.replace('"', '""') + '"'
            exprs.append(f"round({quoted}, 9) AS {quoted}" if dtype in ("DOUBLE", "FLOAT") else quoted)
        if not exprs:
            continue
        table = '"' + t.replace('"', '""') + '"'
        n, digest = con.execute(
            f"SELECT count(*), md5(coalesce(string_agg(r, chr(10) ORDER BY r), '')) "
            f"FROM (SELECT CAST(to_json(x) AS VARCHAR) AS r FROM (SELECT {', '.join(exprs)} FROM {table}) x)").fetchone()
        out[t] = (int(n), digest)
    return out
