"""Incremental runs on the whole corpus, as a user makes them with `huiyi run`.

    python bench/incremental.py

1. the whole corpus except two xwlb day files: a full run;
2. the same folder again: nothing new, so nothing should be parsed;
3. the newest day file added: exactly that file should be parsed, and its items added;
4. then a typical day added: the newest other day file whose titles name no meeting of the series the
   charts draw by default (321 of the last 365 day files, by their titles), so no chart is drawn again;
5. that day file corrected, as a scraper that fetches it again writes it: one item's body gets a line;
6. that day file removed.
Prints each run's wall time and its compute (the sum of its steps' times, from Dagster's step
statistics: the wall time less Dagster's start-up), what the ledger says was parsed, the documents
added, and the slowest steps of the incremental run. Then the set-level SQL (the meeting merge, the
marts that are not incremental, the formulation candidates) timed whole on the final database, each
against the 2% budget: what recomputing them whole costs, whatever the new rows touch.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from dagster_project.defs.extract import meeting_merge  # noqa: E402
from dagster_project.store import sql_text  # noqa: E402

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


def set_level_whole(db: Path, repeat: int = 5) -> dict[str, float]:
    """Median seconds of each set-level statement recomputed whole on a copy of the working database,
    each inside a transaction rolled back (the steps run the same SQL)."""
    import statistics

    from dagster_project.defs.marts import INCREMENTAL, MARTS

    work = {"meeting merge (steps/meetings.sql, meeting ids)": meeting_merge()}
    for name in MARTS:
        if name not in INCREMENTAL:  # the others compute only the parts a day touches: their steps' times
            work[f"mart_{name}"] = [sql_text(f"marts/{name}")]
    work["formulation_candidates"] = [f"CREATE OR REPLACE TABLE formulation_candidates AS {sql_text('steps/formulation_candidates')}"]
    out = {}
    with duckdb.connect(str(db)) as con:
        con.execute("SET memory_limit = '512MB'")
        for label, statements in work.items():
            times = []
            for _ in range(repeat):
                con.execute("BEGIN")
                t0 = time.perf_counter()
                for sql in statements:
                    con.execute(sql)
                times.append(time.perf_counter() - t0)
                con.execute("ROLLBACK")
            out[label] = statistics.median(times)
    return out


# Title words of the meetings of the series the charts draw by default (defs/charts.FAVOURITE_SERIES).
CHARTED = ("国务院常务会议", "中央政治局会议", "中共中央政治局", "货币政策委员会")


def correct_one_item(day_file: Path) -> None:
    """Write the day file again with one item's body corrected (a line added at its end), as a scraper
    that fetched the day again would: the file's other items come back unchanged."""
    data = json.loads(gzip.decompress(day_file.read_bytes()))
    for item in data.get("videoList") or []:
        detail = item.get("video_detail")
        if isinstance(detail, dict) and isinstance(detail.get("content"), str) and detail["content"]:
            detail["content"] += "<p>（本台记者更正：文中一处数字有误，已改正。）</p>"
            break
    day_file.unlink()  # a new file, never written through a link into the corpus it was copied from
    day_file.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8")))


def charted_meeting_in(day_file: Path) -> bool:
    items = json.loads(gzip.decompress(day_file.read_bytes())).get("videoList") or []
    return any(w in (item.get("video_title") or "") for item in items for w in CHARTED)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="huiyi-incr-") as tmp:
        raw, marts = Path(tmp) / "raw", Path(tmp) / "marts"
        shutil.copytree(CORPUS, raw, ignore=shutil.ignore_patterns("cws"))
        days = sorted((raw / "xwlb" / "assets").glob("*/*.json.gz"))
        newest = days[-1]
        typical = next(f for f in reversed(days[:-1]) if not charted_meeting_in(f))
        held, held_typical = Path(tmp) / newest.name, Path(tmp) / typical.name
        shutil.move(newest, held)
        shutil.move(typical, held_typical)
        t_full, steps_full = run(raw, marts)
        parsed_full, docs_full = state(marts)
        t_again, steps_again = run(raw, marts)
        parsed_again, docs_again = state(marts)
        shutil.move(held, newest)
        t_add, steps_add = run(raw, marts)
        parsed_add, docs_add = state(marts)
        copy = Path(tmp) / "set_level.duckdb"
        shutil.copyfile(marts / "work" / "huiyi_work.duckdb", copy)
        whole = set_level_whole(copy)
        shutil.move(held_typical, typical)
        t_typ, steps_typ = run(raw, marts)
        parsed_typ, docs_typ = state(marts)
        correct_one_item(typical)
        t_cor, steps_cor = run(raw, marts)
        parsed_cor, docs_cor = state(marts)
        typical.unlink()
        t_rem, steps_rem = run(raw, marts)
        _, docs_rem = state(marts)
    c_full, c_again, c_add, c_typ, c_cor, c_rem = (sum(x.values()) for x in (steps_full, steps_again, steps_add, steps_typ, steps_cor, steps_rem))
    print(f"{'run':<34}{'wall s':>8}{'compute s':>11}{'start-up s':>12}")
    for name, wall, comp in (("full", t_full, c_full), ("again, nothing new", t_again, c_again),
                             ("newest day file added", t_add, c_add), ("then a typical day file added", t_typ, c_typ),
                             ("that day file corrected", t_cor, c_cor), ("that day file removed", t_rem, c_rem)):
        print(f"{name:<34}{wall:>8.1f}{comp:>11.1f}{wall - comp:>12.1f}")
    print(f"full run: {docs_full:,} documents; nothing new: ledger unchanged {parsed_again == parsed_full}")
    for label, parsed, added, before, comp, steps in (
            ("newest day file", parsed_add, docs_add, docs_again, c_add, steps_add),
            ("typical day file (no meeting of a charted series)", parsed_typ, docs_typ, docs_add, c_typ, steps_typ),
            ("that day file corrected (one item's body)", parsed_cor, docs_cor, docs_typ, c_cor, steps_cor),
            ("that day file removed", [], docs_rem, docs_cor, c_rem, steps_rem)):
        print(f"{label}: parsed {parsed}; documents {added - before:+d}; compute relative to the full run's: {comp / c_full:.1%} (target 2%)")
        print("  slowest steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(steps.items(), key=lambda kv: -kv[1])[:8]))
    budget = 0.02 * c_full
    print(f"set-level SQL recomputed whole on the final database (median of 5), against the budget of {budget:.2f} s:")
    for label, seconds in whole.items():
        print(f"  {label:<52}{seconds:7.3f} s  {seconds / c_full:6.2%}")
    print(f"  {'all of them':<52}{sum(whole.values()):7.3f} s  {sum(whole.values()) / c_full:6.2%}"
          " (the other marts are incremental: their steps' times above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
