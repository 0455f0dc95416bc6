"""Ten times the corpus: does Huiyi hold its pace and its memory when xwlb grows tenfold?

    .venv/bin/python bench/tenfold.py [--corpus ../shared/corpus] [--times 10] [--work /tmp/huiyi-tenfold]

Writes, under --work (never into the repository), xwlb once as it is and `--times` times in all: copy k
of every day file is filed under the year 15 × k later (month and day of the name kept; the archive
spans 2012-2026, so copies never share a day), its records get new ids (video_id, guid and the detail's id end in -x<k>), their pub_date the
shifted date (29 February becomes the 28th where the shifted year has none), the sentences of each
body are rotated by k places, and a line 本台消息（副本k） opens it. Without the last, the pipeline
would mark most copies as exact copies of the original (rotating a body of two sentences twice gives
it back: a first version of this bench saw 28% of the tenfold corpus marked as copies); with it, a copy
has the original's vocabulary, length and meetings but its own content hash, so documents, meetings,
term counts and marts all grow tenfold, like a real larger corpus.

Then `huiyi run` over 1× and over the tenfold folder, each in a fresh process, and prints each stage's
time in both and its cost per million documents (from the tenfold run), and records per
second of each, their ratio, and the peak RSS of each (the largest process of the run).

At each size one day file is held back from the full run: the newest whose titles name no meeting of a
charted series (as in bench/incremental.py), in the last copy. After a run with nothing new (as a daily
schedule makes them; publishing reuses the copy published two runs before from the third run on), it
is added and `huiyi run` made again, and the bench prints that run's compute (the sum of its steps' times) against the full run's,
with its slowest steps: what a typical day costs when the corpus is ten times larger. Then the day file is
corrected (one item's body), and removed, each followed by a run whose compute is printed the same way.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIFT_YEARS = 15
_SENTENCE = re.compile(r"(?<=[。！？!?])")


def _shift_date(value: str, years: int) -> str:
    """'2020-01-05 19:07:03' → '2035-01-05 19:07:03'; 02-29 → 02-28 where the new year has no 29 February."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(.*)$", value or "", re.S)
    if not m:
        return value
    y, mo, d, rest = int(m[1]) + years, m[2], m[3], m[4]
    if mo == "02" and d == "29" and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        d = "28"
    return f"{y:04d}-{mo}-{d}{rest}"


def _rotate(text: str, k: int) -> str:
    parts = [p for p in _SENTENCE.split(text) if p]
    if len(parts) < 2:
        return text
    k %= len(parts)
    return "".join(parts[k:] + parts[:k])


def copy_day(data: dict, k: int) -> dict:
    """Copy k of one day file's JSON."""
    if k == 0:
        return data
    suffix = f"-x{k}"
    items = []
    for item in data.get("videoList") or []:
        item = dict(item)
        for key in ("video_id", "guid"):
            if isinstance(item.get(key), str):
                item[key] += suffix
        if isinstance(item.get("pub_date"), str):
            item["pub_date"] = _shift_date(item["pub_date"], SHIFT_YEARS * k)
        detail = item.get("video_detail")
        if isinstance(detail, dict):
            detail = dict(detail)
            if isinstance(detail.get("id"), str):
                detail["id"] += suffix
            if isinstance(detail.get("content"), str):
                detail["content"] = f"<p>本台消息（副本{k}）</p>" + _rotate(detail["content"], k)
            item["video_detail"] = detail
        items.append(item)
    return {**data, "videoList": items}


def build(corpus: Path, out: Path, times: int) -> tuple[int, int]:
    """xwlb `times` over into out/xwlb/assets/<year>/<yyyymmdd>.json.gz; returns (files, records)."""
    files = records = 0
    for f in sorted((corpus / "xwlb" / "assets").glob("*/*.json.gz")):
        try:
            data = json.loads(gzip.decompress(f.read_bytes()))
        except (OSError, ValueError):
            continue
        for k in range(times):
            year = int(f.name[:4]) + SHIFT_YEARS * k
            target = out / "xwlb" / "assets" / str(year) / f"{year}{f.name[4:]}"
            target.parent.mkdir(parents=True, exist_ok=True)
            day = copy_day(data, k)
            target.write_bytes(gzip.compress(json.dumps(day, ensure_ascii=False).encode("utf-8"), compresslevel=5))
            files += 1
            records += len(day.get("videoList") or [])
    return files, records


def stages(marts: Path) -> dict[str, float]:
    """Seconds per stage of the run whose Dagster instance is in the marts folder (e2e.py's stages)."""
    from e2e import by_stage
    from incremental import step_times

    return by_stage(step_times(marts))


def run(raw: Path, marts: Path) -> tuple[float, float, int]:
    """`huiyi run` in a fresh process: (wall seconds, peak RSS MB of its largest process, documents)."""
    script = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
              f"p = subprocess.run([{str(ROOT / '.venv' / 'bin' / 'huiyi')!r}, 'run', '--raw', {str(raw)!r}, '--marts', {str(marts)!r}], capture_output=True, text=True); "
              "sys.stderr.write(p.stderr[-3000:] if p.returncode else ''); "
              "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    wall, peak, rc = out.stdout.split()
    if rc != "0":
        raise SystemExit(f"huiyi run over {raw} failed:\n{out.stderr}")
    import duckdb

    with duckdb.connect(str(marts / "huiyi.duckdb"), read_only=True) as con:
        docs, copies = con.execute("SELECT count(*), count(duplicate_of) FROM documents").fetchall()[0]
        meetings = con.execute("SELECT count(*) FROM meetings").fetchall()[0][0]
    print(f"   {copies:,} documents marked as copies, {meetings:,} meetings", flush=True)
    return float(wall), float(peak), docs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--work", default="/tmp/huiyi-tenfold")
    args = ap.parse_args()
    corpus, work = Path(args.corpus), Path(args.work)
    if work.exists():
        shutil.rmtree(work)
    from incremental import charted_meeting_in, correct_one_item, step_times

    rows, per_stage, added = [], [], []
    for times in (1, args.times):
        raw, marts = work / f"raw{times}", work / f"marts{times}"
        t0 = time.perf_counter()
        files, records = build(corpus, raw, times)
        print(f"{times}×: wrote {files:,} day files, {records:,} records in {time.perf_counter() - t0:.0f} s", flush=True)
        day = next(f for f in reversed(sorted((raw / "xwlb" / "assets").glob("*/*.json.gz"))) if not charted_meeting_in(f))
        held = work / day.name
        shutil.move(day, held)
        wall, peak, docs = run(raw, marts)
        full_steps = step_times(marts)
        db_mb = (marts / "huiyi.duckdb").stat().st_size / 1e6
        rows.append((times, docs, wall, peak, db_mb))
        per_stage.append(stages(marts))
        print(f"{times}×: {docs:,} documents in {wall:.1f} s, peak RSS {peak:,.0f} MB, database {db_mb:,.0f} MB", flush=True)
        # a run with nothing new first, as a daily schedule makes them: publishing rewrites the copy of
        # the database published two runs before (its first two runs must copy it whole)
        again_wall, _, _ = run(raw, marts)
        again = sum(step_times(marts).values())
        shutil.move(held, day)
        add_wall, _, add_docs = run(raw, marts)
        add_steps = step_times(marts)
        # then the day file corrected (one item's body, as a scraper fetching it again writes it), then removed
        correct_one_item(day)
        run(raw, marts)
        corrected = sum(step_times(marts).values())
        day.unlink()
        run(raw, marts)
        removed = sum(step_times(marts).values())
        added.append((times, day.relative_to(raw).as_posix(), add_docs - docs, add_wall, sum(add_steps.values()),
                      sum(full_steps.values()), add_steps, again, corrected, removed))
        shutil.rmtree(raw)
    print(f"{'corpus':<8}{'documents':>11}{'wall s':>9}{'docs/s':>9}{'peak RSS MB':>13}{'database MB':>13}")
    for times, docs, wall, peak, db_mb in rows:
        print(f"{str(times) + '×':<8}{docs:>11,}{wall:>9.1f}{docs / wall:>9,.0f}{peak:>13,.0f}{db_mb:>13,.0f}")
    (_, d1, w1, p1, _), (_, dn, wn, pn, _) = rows
    print(f"{'stage':<38}{'1× s':>8}{f'{args.times}× s':>9}{'per million documents, from ' + str(args.times) + '×':>36}")
    for stage in per_stage[0]:
        a, b = per_stage[0][stage], per_stage[1][stage]
        print(f"{stage:<38}{a:>8.1f}{b:>9.1f}{b / dn * 1e6:>33.0f} s")
    rest1, restn = w1 - sum(per_stage[0].values()), wn - sum(per_stage[1].values())
    print(f"{'Dagster start-up and between steps':<38}{rest1:>8.1f}{restn:>9.1f}")
    print(f"records per second, {args.times}× against 1×: {(dn / wn) / (d1 / w1):.2f} (target: within 20%, 0.80 or more); "
          f"peak memory {pn / p1:.2f}× the 1× run's")
    print("a typical day file added after the full run (held back from it) and a run with nothing new:")
    for times, day, new_docs, wall, compute, full, steps, again, corrected, removed in added:
        print(f"  {str(times) + '×':<5}nothing new: compute {again:.1f} s = {again / full:.1%}; then {day}: documents +{new_docs}; "
              f"wall {wall:.1f} s, compute {compute:.1f} s = {compute / full:.1%} of the full run's {full:.1f} s (target 2%)")
        print("       slowest steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(steps.items(), key=lambda kv: -kv[1])[:8]))
        print(f"       then the file corrected (one item): compute {corrected:.1f} s = {corrected / full:.1%}; "
              f"then removed: {removed:.1f} s = {removed / full:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
