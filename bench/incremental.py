"""Incremental runs on the whole corpus, as a user makes them with `huiyi run`.

    python bench/incremental.py

1. the whole corpus except the newest xwlb day file: a full run;
2. the same folder again: nothing new, so nothing should be parsed;
3. the newest day file added: exactly that file should be parsed, and its items added.
Prints each run's wall time, what the ledger says was parsed, and the documents added.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
HUIYI = [sys.executable, "-m", "dagster_project.cli", "run", "--log-level", "WARNING"]


def run(raw: Path, marts: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([*HUIYI, "--raw", str(raw), "--marts", str(marts)], check=True, capture_output=True)
    return time.perf_counter() - t0


def state(marts: Path):
    with duckdb.connect(str(marts / "huiyi.duckdb"), read_only=True) as con:
        last = con.execute("SELECT max(parsed_at) FROM raw_files").fetchone()[0]
        newest = con.execute("SELECT raw_path FROM raw_files WHERE parsed_at = ? ORDER BY raw_path", [last]).fetchall()
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    return [r[0] for r in newest], docs


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="huiyi-incr-") as tmp:
        raw, marts = Path(tmp) / "raw", Path(tmp) / "marts"
        shutil.copytree(CORPUS, raw, ignore=shutil.ignore_patterns("cws"))
        newest = sorted((raw / "xwlb" / "assets").glob("*/*.json.gz"))[-1]
        held = Path(tmp) / newest.name
        shutil.move(newest, held)
        t_full = run(raw, marts)
        parsed_full, docs_full = state(marts)
        t_again = run(raw, marts)
        parsed_again, docs_again = state(marts)
        shutil.move(held, newest)
        t_add = run(raw, marts)
        parsed_add, docs_add = state(marts)
    print(f"full run:            {t_full:6.1f} s  {docs_full:,} documents, {len(parsed_full):,} files in its last parse batch")
    print(f"again, nothing new:  {t_again:6.1f} s  documents {docs_again:,}; newest ledger entries unchanged: {parsed_again == parsed_full}")
    print(f"one day file added:  {t_add:6.1f} s  parsed {parsed_add}; documents +{docs_add - docs_again}")
    print(f"cost of the added file relative to the full run: {t_add / t_full:.1%} of wall time (Dagster start-up included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
