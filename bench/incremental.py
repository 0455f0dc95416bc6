"""Incremental runs on the whole corpus, as a user makes them with `huiyi run`.

    python bench/incremental.py

1. the whole corpus except the newest xwlb day file: a full run;
2. the same folder again: nothing new, so nothing should be parsed;
3. the newest day file added: exactly that file should be parsed, and its items added.
Prints each run's wall time and its compute (the sum of its steps' times, from Dagster's step
statistics: the wall time less Dagster's start-up), what the ledger says was parsed, the documents
added, and the slowest steps of the incremental run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
HUIYI = [sys.executable, "-m", "dagster_project.cli", "run", "--log-level", "WARNING"]


def run(raw: Path, marts: Path) -> tuple[float, dict[str, float]]:
    t0 = time.perf_counter()
    subprocess.run([*HUIYI, "--raw", str(raw), "--marts", str(marts)], check=True, capture_output=True)
    wall = time.perf_counter() - t0
    return wall, step_times(marts)


def step_times(marts: Path) -> dict[str, float]:
    """Seconds per step of the latest run, from the Dagster instance in the marts folder."""
    out = subprocess.run(
        [sys.executable, "-c", (
            "import dagster as dg, json\n"
            "with dg.DagsterInstance.get() as i:\n"
            "    r = i.get_runs(limit=1)[0]\n"
            "    print(json.dumps({s.step_key: (s.end_time or 0) - (s.start_time or 0) for s in i.get_run_step_stats(r.run_id)}))")],
        env={**os.environ, "DAGSTER_HOME": str(marts / ".dagster")}, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


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
        t_full, steps_full = run(raw, marts)
        parsed_full, docs_full = state(marts)
        t_again, steps_again = run(raw, marts)
        parsed_again, docs_again = state(marts)
        shutil.move(held, newest)
        t_add, steps_add = run(raw, marts)
        parsed_add, docs_add = state(marts)
    c_full, c_again, c_add = (sum(x.values()) for x in (steps_full, steps_again, steps_add))
    print(f"{'run':<22}{'wall s':>8}{'compute s':>11}{'start-up s':>12}")
    for name, wall, comp in (("full", t_full, c_full), ("again, nothing new", t_again, c_again), ("one day file added", t_add, c_add)):
        print(f"{name:<22}{wall:>8.1f}{comp:>11.1f}{wall - comp:>12.1f}")
    print(f"full run: {docs_full:,} documents; nothing new: ledger unchanged {parsed_again == parsed_full}")
    print(f"one day file added: parsed {parsed_add}; documents +{docs_add - docs_again}")
    print(f"compute of the added file relative to the full run's compute: {c_add / c_full:.1%} (target 2%)")
    print("slowest steps of that run: " + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(steps_add.items(), key=lambda kv: -kv[1])[:8]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
