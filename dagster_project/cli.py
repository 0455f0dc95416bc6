"""The `huiyi` command: `huiyi run` materialises everything for the raw folder; `huiyi ui` starts Dagster's UI.

Both use one Dagster instance (DAGSTER_HOME, else .dagster in the marts folder), so what `huiyi run`
materialised shows in the UI.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import gc
import os
import shutil
import signal
import subprocess
import sys
import time

from dagster_project.store import Paths, UsageError, writer_lock

DAGSTER_YAML = """\
# Written by huiyi on first use; edit freely.
telemetry:
  enabled: false
# One run at a time: Huiyi's steps write one DuckDB file.
run_coordinator:
  module: dagster._core.run_coordinator
  class: QueuedRunCoordinator
  config:
    max_concurrent_runs: 1
# Dagster's SQLite event log, keeping its connections open between events (dagster_project/event_log_storage.py);
# its files are where the default storage keeps them.
event_log_storage:
  module: dagster_project.event_log_storage
  class: KeptConnectionSqliteEventLogStorage
"""
# What earlier versions wrote, as they wrote it: a file still exactly so was never edited, and is
# brought up to date. (Written out, not derived from DAGSTER_YAML: an edit there must not change them.)
OLD_DAGSTER_YAMLS = (
    "# Written by huiyi on first use; edit freely.\n"
    "telemetry:\n  enabled: false\n"
    "# One run at a time: Huiyi's steps write one DuckDB file.\n"
    "run_coordinator:\n  module: dagster._core.run_coordinator\n  class: QueuedRunCoordinator\n"
    "  config:\n    max_concurrent_runs: 1\n",
)


def _prepare(args) -> Paths:
    paths = Paths.resolve(args.raw, args.marts)
    paths.check()
    os.environ["HUIYI_RAW_DIR"] = str(paths.raw)
    os.environ["HUIYI_MARTS_DIR"] = str(paths.marts)
    home = paths.dagster_home
    try:
        home.mkdir(parents=True, exist_ok=True)
        config = home / "dagster.yaml"
        if not config.exists() or config.read_text(encoding="utf-8") in OLD_DAGSTER_YAMLS:
            config.write_text(DAGSTER_YAML, encoding="utf-8")
    except OSError as e:
        raise UsageError(f"The Dagster instance folder {home} (DAGSTER_HOME) cannot be used ({e.strerror}); set DAGSTER_HOME to a writable folder or unset it.") from None
    os.environ["DAGSTER_HOME"] = str(home)
    return paths


@contextlib.contextmanager
def _open_instance(paths: Paths):
    """The Dagster instance, its first-use set-up (creating its SQLite tables) done by one process at a
    time: six processes opening a new instance at once failed 17 times in 30 ("table runs already
    exists", an alembic table left with two heads). `huiyi run` and `huiyi ui` both open it here."""
    import dagster as dg

    fd = os.open(paths.dagster_home / ".huiyi-instance-setup.lock", os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        instance = dg.DagsterInstance.get()
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    with instance:
        yield instance


def cmd_run(args) -> int:
    paths = _prepare(args)
    started = time.monotonic()
    # Imported late: loading Dagster takes a second or two, and usage errors should not wait for it.
    import dagster as dg

    from dagster_project.defs.charts import ChartsConfig, effective_config
    from dagster_project.definitions import defs

    # charts.yaml before the run, not after its tables are built: a mistake in it fails the chart step,
    # which skips the report and the publishing of everything the run made
    try:
        effective_config(ChartsConfig())
    except ValueError as e:
        raise UsageError(f"{e} Nothing was run; fix the file, or move it away to draw the default charts.") from None
    print(f"huiyi: reading {paths.raw}, writing {paths.marts}", file=sys.stderr)
    # The lock first: a second run waits before it touches the Dagster instance, whose first-use
    # set-up (creating its SQLite storage) two processes must not race through.
    try:
        with writer_lock(paths, lambda m: print(f"huiyi: {m}", file=sys.stderr)), _open_instance(paths) as instance:
            job = defs.resolve_job_def("huiyi_all")
            gc.freeze()  # the Dagster instance's objects too, as definitions.py does for its own
            result = job.execute_in_process(
                instance=instance,
                raise_on_error=False,
                run_config={"loggers": {"console": {"config": {"log_level": args.log_level}}}},
                tags={"huiyi/trigger": "huiyi run"},
            )
    except Exception as e:  # Dagster's own storage failed (a full disk, most often): one sentence, no traceback
        if args.log_level == "DEBUG":
            raise
        # On a line of its own, whatever Dagster's threads left half-written on stderr.
        print(f"\nhuiyi: {stopped_because(paths, e)}", file=sys.stderr)
        return 1
    if not result.success:
        failed = [e for e in result.all_events if e.is_step_failure]
        error = failed[0].event_specific_data.error if failed else None
        causes = _messages(error)
        why = causes[-1] if causes else "see the log above."
        full = _full_folder(paths, any(_disk_full(m) for m in causes), any(_storage_error(m) for m in causes))
        if full is not None:
            print(f"\nhuiyi: {full_disk_sentence(paths, full)}", file=sys.stderr)
        else:
            print(f"huiyi: the run failed: {why} The published database {paths.published} is as the last good run left it.", file=sys.stderr)
        return 1
    failed_checks = [
        f"{e.check_name}: {e.description}" for e in result.get_asset_check_evaluations() if not e.passed
    ]
    print(summary(paths, time.monotonic() - started, failed_checks))
    return 0


def _messages(error) -> list[str]:
    """The last line of each message in a Dagster error and its causes, outermost first."""
    out, seen = [], 0
    while error is not None and seen < 20:
        lines = (error.message or "").strip().splitlines()
        if lines:
            out.append(lines[-1].strip())
        error = error.cause or getattr(error, "context", None)
        seen += 1
    return out


def _chain(error):
    """An exception and its causes (at most 20), or a message alone."""
    seen = 0
    while error is not None and seen < 20:
        yield error
        error = None if isinstance(error, str) else (error.__cause__ or error.__context__)
        seen += 1


def _disk_full(error) -> bool:
    """Whether an exception (or its causes), or an error message, says the disk is full."""
    return any(getattr(e, "errno", None) == errno.ENOSPC
               or any(k in str(e) for k in ("No space left on device", "database or disk is full")) for e in _chain(error))


def _storage_error(error) -> bool:
    """Whether an exception (or its causes), or a message, is a failure to read or write storage, which
    a full disk may cause without saying so (SQLite reports it as 'disk I/O error')."""
    return any(isinstance(e, OSError) or any(k in str(e) for k in ("disk I/O error", "IO Error", "I/O error", "OSError"))
               for e in _chain(error))


def _full_folder(paths: Paths, said_full: bool, storage_error: bool):
    """The folder whose disk is full, when that is why the run stopped: the error said so, or it was a
    storage error and the marts folder or the Dagster instance has less than 16 MB left. Else None."""
    if not (said_full or storage_error):
        return None
    for folder in (paths.marts, paths.dagster_home):
        try:
            if shutil.disk_usage(folder).free < 16 * 2**20:
                return folder
        except OSError:
            continue
    return paths.marts if said_full else None


def full_disk_sentence(paths: Paths, folder) -> str:
    return (f"the run stopped because the disk holding {folder} is full (no space left on device); "
            f"the published database {paths.published} is as the last good run left it. "
            "Free some space there, or put the folder on a larger disk (--marts DIR, DAGSTER_HOME), and run again.")


def stopped_because(paths: Paths, e: Exception) -> str:
    full = _full_folder(paths, _disk_full(e), _storage_error(e))
    if full is not None:
        return full_disk_sentence(paths, full)
    return (f"the run stopped at an unexpected error ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}); "
            f"the published database {paths.published} is as the last good run left it. Run with --log-level DEBUG for the traceback.")


# Bookkeeping tables: in the database for the pipeline's own use, listed apart in the summary.
WORKING_TABLES = {"doc_minhash", "huiyi_meta", "extracted_docs", "report_participants", "meeting_reports", "counted_docs", "themed_docs",
                  "huiyi_mart_inputs", "huiyi_checks", "copy_pairs", "copy_inputs", "copy_gone"}


def summary(paths: Paths, seconds: float, failed_checks: list[str] | None = None) -> str:
    import duckdb

    lines = [f"Huiyi run complete in {seconds:.0f} s."]
    with duckdb.connect(str(paths.published), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name").fetchall()]
        lines.append("Rows per table:")
        for t in [t for t in tables if t not in WORKING_TABLES]:
            n = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            lines.append(f"  {t:<22} {n:>9,}")
        working = [t for t in tables if t in WORKING_TABLES]
        if working:
            lines.append("  (working tables: " + ", ".join(working) + ")")
        if "documents" in tables:
            dups = con.execute("SELECT count(duplicate_of) FROM documents").fetchone()[0]
            lines.append(f"  (of the documents, {dups:,} are copies of another and point to it through duplicate_of)")
        if "rejected_records" in tables:
            reasons = con.execute("SELECT reason, count(*) FROM rejected_records GROUP BY 1 ORDER BY 2 DESC").fetchall()
            if reasons:
                lines.append("Rejected records by reason:")
                lines += [f"  {r:<22} {n:>9,}" for r, n in reasons]
            else:
                lines.append("No rejected records.")
    if failed_checks:
        lines.append("Checks that did not pass (warnings; the data is published):")
        lines += [f"  {c}" for c in failed_checks]
    lines.append(f"Database (query it from a notebook): {paths.published}")
    lines.append(f"Parquet exports:                     {paths.parquet_dir}")
    pngs = sorted(paths.charts_dir.glob("*/*.png")) if paths.charts_dir.exists() else []
    lines.append(f"Charts ({len(pngs)} PNG, each with an SVG beside it):")
    lines += [f"  {p}" for p in pngs]
    latest = paths.reports_dir / "latest" / "index.html"
    if latest.exists():
        lines.append(f"Report (open it in a browser):       {latest}")
    else:
        lines.append(f"Reports:                             {paths.reports_dir}")
    lines.append(f"Dagster instance (huiyi ui shows this run): {paths.dagster_home}")
    return "\n".join(lines)


def cmd_ui(args) -> int:
    paths = _prepare(args)
    cmd = [
        sys.executable, "-m", "dagster", "dev",
        "-m", "dagster_project.definitions",
        "-h", args.host, "-p", str(args.port),
    ]
    with _open_instance(paths):
        pass  # set up here, not by dagster dev while a `huiyi run` may be setting it up too
    print(f"huiyi: Dagster UI on http://{args.host}:{args.port} (instance {paths.dagster_home}); Ctrl-C stops it.", file=sys.stderr)
    proc: subprocess.Popen | None = None

    def forward(signum, _frame):
        if proc is None:  # before the UI was started: nothing to stop but this process
            raise SystemExit(128 + signum)
        try:
            os.killpg(proc.pid, signal.SIGTERM if signum != signal.SIGINT else signal.SIGINT)
        except ProcessLookupError:
            pass

    # The handlers before the UI starts: a child gets the default for a signal its parent handles, but
    # keeps one the parent ignores. A shell script's `huiyi ui &` ignores SIGINT, and `dagster dev`
    # then never stopped: it turns SIGTERM into an interrupt too.
    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    # Its own process group, so a stop signal reaches the webserver and the daemon it starts.
    proc = subprocess.Popen(cmd, start_new_session=True)
    try:
        return proc.wait()
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="huiyi", description="Huiyi: scraped Chinese meeting reports into DuckDB tables, charts and reports.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (("run", "materialise every asset for what is in the raw folder"), ("ui", "start Dagster's UI")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--raw", help="raw folder (default: $HUIYI_RAW_DIR, else data/raw)")
        p.add_argument("--marts", help="marts folder (default: $HUIYI_MARTS_DIR, else data/marts)")
        if name == "run":
            p.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="how much of the run to show")
        else:
            p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
            p.add_argument("--port", type=int, default=3000)
    args = parser.parse_args(argv)
    try:
        return cmd_run(args) if args.command == "run" else cmd_ui(args)
    except UsageError as e:
        print(f"huiyi: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
