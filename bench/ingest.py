"""Ingest throughput and memory on the real corpus.

    python bench/ingest.py              # all of xwlb, then a quarter and a half, side by side
    python bench/ingest.py --million    # also a million-record JSONL made from xwlb (streamed)
    python bench/ingest.py --tenfold    # xwlb at 1x against xwlb multiplied tenfold (new ids, shifted dates)

Each measurement runs in a fresh process (so its peak memory is its own) on a fresh marts folder,
through the same code the `ingest` asset runs: ledger scan, read, clean, fingerprint, bulk insert,
copy marking. Prints records per second and peak memory (the process and its pool workers).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def measure(raw: str, marts: str) -> dict:
    """Runs in a child process: one full ingest, timed, with peak RSS of self and workers."""
    from dagster_project.defs.ingest import mark_copies, scan_and_ingest
    from dagster_project.store import Paths, work_connection

    log = logging.getLogger("bench")
    paths = Paths.resolve(raw, marts)
    paths.check()
    t0 = time.perf_counter()
    with work_connection(paths) as con:
        stats = scan_and_ingest(con, paths, log)
        t1 = time.perf_counter()
        copies = mark_copies(con)
        n_rej = con.execute("SELECT count(*) FROM rejected_records WHERE reason <> 'unsupported_type'").fetchone()[0]
    t2 = time.perf_counter()
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    records = stats["new_documents"] + n_rej
    return {
        "files": stats["files_parsed"], "records": records, "documents": stats["new_documents"],
        "read_s": round(t1 - t0, 1), "copies_s": round(t2 - t1, 1), "total_s": round(t2 - t0, 1),
        "records_per_s": round(records / (t2 - t0)), "peak_main_mb": round(me), "peak_worker_mb": round(kids),
        "duplicates": copies["duplicates"],
    }


def child(raw: Path, label: str) -> dict:
    marts = Path(tempfile.mkdtemp(prefix="huiyi-bench-marts-"))
    try:
        out = subprocess.run([sys.executable, __file__, "--child", str(raw), str(marts)], capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"{label}: the measuring process failed:\n{out.stderr[-3000:]}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(marts, ignore_errors=True)
    result["label"] = label
    return result


def xwlb_subset(fraction: float, dest: Path) -> Path:
    days = sorted((CORPUS / "xwlb" / "assets").glob("*/*.json.gz"))
    keep = days[: int(len(days) * fraction)]
    for f in keep:
        target = dest / "xwlb" / "assets" / f.parent.name / f.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    return dest


def million_jsonl(dest: Path, n: int = 1_000_000) -> Path:
    """A JSONL of n records cut from xwlb items, each with a new id (bench only; never committed)."""
    items = []
    for f in sorted((CORPUS / "xwlb" / "assets").glob("*/*.json.gz"))[:400]:
        for v in json.load(gzip.open(f)).get("videoList") or []:
            d = v.get("video_detail") or {}
            if d.get("content"):
                items.append({"title": d.get("title"), "content": d["content"], "pubtime": d.get("pubtime"), "source": d.get("source")})
    path = dest / "big" / "million.jsonl"
    path.parent.mkdir(parents=True)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            rec = dict(items[i % len(items)], id=f"bench-{i}")
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return dest


def xwlb_tenfold(dest: Path, k: int = 10) -> Path:
    """xwlb k times over under dest, for the bench only (never committed): bench/tenfold.py's generator
    (new ids, dates moved on, every copy with a line of its own, so no copy is a duplicate of another)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from tenfold import build

    build(CORPUS, dest, k)
    return dest


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs=2)
    ap.add_argument("--million", action="store_true", help="also a million-record JSONL")
    ap.add_argument("--million-only", action="store_true", help="only the million-record JSONL")
    ap.add_argument("--tenfold", action="store_true", help="xwlb at 1x and at 10x (generated), side by side")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(*args.child)))
        return 0
    if not CORPUS.is_dir():
        print(f"The shared corpus is not at {CORPUS}.", file=sys.stderr)
        return 1
    rows = []
    with tempfile.TemporaryDirectory(prefix="huiyi-bench-raw-") as tmp:
        if args.tenfold:
            rows.append(child(xwlb_subset(1.0, Path(tmp) / "x1"), "xwlb 100%"))
            rows.append(child(xwlb_tenfold(Path(tmp) / "x10"), "xwlb x10"))
        elif not args.million_only:
            for frac in (0.25, 0.5, 1.0):
                rows.append(child(xwlb_subset(frac, Path(tmp) / f"x{frac}"), f"xwlb {int(frac * 100)}%"))
        if args.million or args.million_only:
            rows.append(child(million_jsonl(Path(tmp) / "m"), "1M-record JSONL"))
    cols = ["label", "files", "records", "total_s", "records_per_s", "peak_main_mb", "peak_worker_mb", "read_s", "copies_s", "duplicates"]
    print(" | ".join(cols))
    for r in rows:
        print(" | ".join(str(r[c]) for c in cols))
    full = next((r for r in rows if r["label"] == "xwlb 100%"), None)
    ten = next((r for r in rows if r["label"] == "xwlb x10"), None)
    if full is not None and ten is not None:
        print(f"\ntenfold: {ten['records_per_s']:,} records/s against {full['records_per_s']:,} at 1x "
              f"({ten['records_per_s'] / full['records_per_s']:.0%}; target within 20%); peak memory "
              f"{ten['peak_main_mb']} MB against {full['peak_main_mb']} MB main, {ten['peak_worker_mb']} against {full['peak_worker_mb']} MB worker")
        return 0
    if full is None:
        return 0
    print(f"\nxwlb: {full['records_per_s']:,} records/s (target 1,500); peak memory {full['peak_main_mb']} MB main, "
          f"{full['peak_worker_mb']} MB largest worker; memory at 25%/50%/100%: "
          + " / ".join(f"{r['peak_main_mb']}" for r in rows if r["label"].startswith("xwlb")) + " MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
