"""CPU per document of each per-document stage, in one process: where a full run's time goes.

    .venv/bin/python bench/per_document.py [--corpus ../shared/corpus] [--db /tmp/e2e_marts/huiyi.duckdb]

Ingest reads 800 xwlb day files (every sixth); extraction, term counting and theme scoring take 4,000
documents of a published database (bench/e2e.py leaves one in /tmp/e2e_marts), in a fixed pseudo-random
order. Each is timed five times after a warm-up and the best time is printed, with rjieba.cut alone over
the same bodies for scale. Run it alone: other work on the machine skews it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def best_of(fn, arg, times: int = 5) -> float:
    fn(arg)  # warm-up: dictionaries, automata, caches
    best = float("inf")
    for _ in range(times):
        t0 = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--db", default="/tmp/e2e_marts/huiyi.duckdb")
    args = ap.parse_args()

    import duckdb
    import rjieba

    from dagster_project.core.extract import extract_batch
    from dagster_project.core.ingest import ingest_batch
    from dagster_project.core.measures import count_batch, theme_batch

    corpus = Path(args.corpus)
    files = [str(f) for f in sorted((corpus / "xwlb" / "assets").glob("*/*.json.gz"))[::6][:800]]
    n_ingested = ingest_batch(files, str(corpus))["documents"].num_rows
    rows = [("ingest (read, clean, MinHash)", best_of(lambda fs: ingest_batch(fs, str(corpus)), files, 3), n_ingested)]

    with duckdb.connect(args.db, read_only=True) as con:
        rel = con.execute(
            """SELECT d.doc_id, d.title, d.body, d.published_at, d.page_chrome,
                      (SELECT list([x.char_start, x.char_end]) FROM directives x WHERE x.doc_id = d.doc_id) AS directive_spans
               FROM documents d WHERE d.is_report ORDER BY hash(d.doc_id) LIMIT 4000""")
        cols = [c[0] for c in rel.description]
        docs = [dict(zip(cols, r)) for r in rel.fetchall()]
    for name, fn in (("meetings, directives, formulations", extract_batch), ("terms", count_batch), ("themes", theme_batch),
                     ("rjieba.cut alone (the floor's work)", lambda ds: [rjieba.cut(d["body"]) for d in ds])):
        rows.append((name, best_of(fn, docs), len(docs)))

    print(f"{'stage':<40}{'documents':>10}{'ms per document':>17}")
    for name, seconds, n in rows:
        print(f"{name:<40}{n:>10,}{seconds / n * 1000:>17.3f}")
    total = sum(s / n for name, s, n in rows[:-1]) * 1000
    print(f"{'all four stages':<40}{'':>10}{total:>17.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
