"""The whole pipeline on all of ../shared/corpus against the floor: reading every xwlb day file, stripping
its tags and segmenting every body with rjieba, the cheapest thing that could produce the same tables.

    .venv/bin/python bench/e2e.py [--corpus ../shared/corpus] [--marts /tmp/e2e_marts] [--keep]
    .venv/bin/python bench/e2e.py --memory     # peak memory of the whole pipeline at 1/4, 1/2 and all of xwlb

Prints the time of each stage (from Dagster's step statistics), the wall time of `huiyi run` (Dagster's
start-up included), the floor, their ratio, and peak memory (the largest process's peak RSS).
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TAG = re.compile(r"<[^>]+>")


def floor(corpus: Path) -> tuple[float, int, int]:
    """Seconds to read every xwlb day file, strip tags and rjieba.cut every body; (seconds, bodies, chars)."""
    import rjieba

    t0 = time.perf_counter()
    bodies = chars = 0
    for f in sorted((corpus / "xwlb").rglob("*.json.gz")):
        try:
            items = json.loads(gzip.decompress(f.read_bytes())).get("videoList") or []
        except (OSError, ValueError):
            continue
        for item in items:
            detail = item.get("video_detail") or {}
            body = detail.get("content") if isinstance(detail, dict) else detail
            if not isinstance(body, str) or not body:
                continue
            text = html.unescape(TAG.sub("\n", body))
            rjieba.cut(text)
            bodies += 1
            chars += len(text)
    return time.perf_counter() - t0, bodies, chars


def step_times(marts: Path) -> dict[str, float]:
    """Seconds per step of the latest run, from the Dagster instance `huiyi run` used."""
    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(marts / ".dagster")
    with dg.DagsterInstance.get() as instance:
        run = instance.get_runs(limit=1)[0]
        stats = instance.get_run_step_stats(run.run_id)
        return {s.step_key: (s.end_time or 0) - (s.start_time or 0) for s in stats}


STAGES = {
    "ingest (read, clean, copies)": ["ingest"],
    "meetings, directives, formulations": ["extraction", "formulation_candidates"],
    "terms": ["term_counting"],
    "themes": ["theme_scoring"],
    "marts": ["mart_", "sql_marts"],
    "charts": ["charts", "chart_"],
    "report": ["weekly_report"],
    "publish (copy, Parquet)": ["huiyi_database"],
    "asset checks": ["_check", "documents_have", "meetings_have", "duplicate_share", "rejected_per_reason", "directive_offsets"],
}


def by_stage(steps: dict[str, float]) -> dict[str, float]:
    """Seconds per stage (STAGES) from seconds per step."""
    return {stage: sum(v for k, v in steps.items() if any(k.startswith(p) or p in k for p in prefixes))
            for stage, prefixes in STAGES.items()}


def memory(corpus: Path) -> int:
    """`huiyi run` on the first quarter, half and all of xwlb's day files, each in a fresh process."""
    import tempfile

    days = sorted((corpus / "xwlb" / "assets").glob("*/*.json.gz"))
    rows = []
    for fraction in (0.25, 0.5, 1.0):
        with tempfile.TemporaryDirectory(prefix="huiyi-mem-") as tmp:
            raw, marts = Path(tmp) / "raw", Path(tmp) / "marts"
            for f in days[: int(len(days) * fraction)]:
                target = raw / "xwlb" / "assets" / f.parent.name / f.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, target)
            script = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
                      f"subprocess.run([{str(ROOT / '.venv' / 'bin' / 'huiyi')!r}, 'run', '--raw', {str(raw)!r}, '--marts', {str(marts)!r}], "
                      "check=True, capture_output=True); "
                      "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
            out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
            wall, peak = (float(x) for x in out.stdout.split())
            rows.append((fraction, int(len(days) * fraction), wall, peak))
    print(f"{'share of xwlb':<15}{'day files':>10}{'wall s':>9}{'peak RSS MB':>13}")
    for fraction, n, wall, peak in rows:
        print(f"{fraction:<15.0%}{n:>10,}{wall:>9.1f}{peak:>13,.0f}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--marts", default="/tmp/e2e_marts")
    ap.add_argument("--keep", action="store_true", help="keep the marts folder of an earlier run (an incremental run)")
    ap.add_argument("--memory", action="store_true", help="the whole pipeline on 1/4, 1/2 and all of xwlb: peak memory side by side")
    args = ap.parse_args()
    if args.memory:
        return memory(Path(args.corpus))
    corpus, marts = Path(args.corpus), Path(args.marts)
    if marts.exists() and not args.keep:
        shutil.rmtree(marts)

    t0 = time.perf_counter()
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "huiyi"), "run", "--raw", str(corpus), "--marts", str(marts)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode != 0:
        print(proc.stdout[-3000:])
        return proc.returncode

    staged = by_stage(step_times(marts))
    accounted = sum(staged.values())

    # The floor is timed three times and the median taken: on this machine one timing varies by 20%.
    floors = [floor(corpus) for _ in range(3)]
    floor_s, bodies, chars = sorted(floors)[1]
    print(f"huiyi run on {corpus}: {wall:.1f} s wall, peak RSS {peak_mb:,.0f} MB")
    print(f"{'stage':<38}{'seconds':>9}{'share':>8}")
    for stage, s in staged.items():
        print(f"{stage:<38}{s:>9.1f}{s / wall:>8.0%}")
    print(f"{'Dagster start-up and between steps':<38}{wall - accounted:>9.1f}{(wall - accounted) / wall:>8.0%}")
    print(f"floor: read {bodies:,} xwlb bodies ({chars / 1e6:.1f} M characters), strip tags, rjieba.cut: {floor_s:.1f} s "
          f"(median of {', '.join(f'{f[0]:.1f}' for f in floors)})")
    print(f"ratio, whole pipeline to floor: {wall / floor_s:.2f} (target 4); without start-up: {accounted / floor_s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
