"""Extraction speed on every xwlb meeting report, on one core.

    huiyi run --raw ../shared/corpus --marts /tmp/full_marts
    python bench/extract.py /tmp/full_marts/huiyi.duckdb

Times meeting, directive and formulation extraction per report (target: 300 reports a second on
one core) over the documents of xwlb that are meeting reports.
"""

from __future__ import annotations

import sys
import time

import duckdb

from dagster_project.core.directives import extract_directives
from dagster_project.core.formulations import extract_formulations
from dagster_project.core.meetings import extract_meeting, is_meeting


def main(db: str) -> int:
    with duckdb.connect(db, read_only=True) as con:
        docs = con.execute("SELECT title, body, published_at, page_chrome FROM documents WHERE source = 'xwlb' AND is_report").fetchall()
    t0 = time.perf_counter()
    reports = [d for d in docs if is_meeting(d[0], d[1])]
    t_detect = time.perf_counter() - t0
    t1 = time.perf_counter()
    n_dir = n_form = 0
    for title, body, published, chrome in reports:
        m = extract_meeting(title, body, published, chrome)
        n_dir += len(extract_directives(body, m if m.is_meeting else None, title))
        n_form += len(extract_formulations(body))
    t_extract = time.perf_counter() - t1
    print(f"xwlb documents: {len(docs):,}; meeting reports: {len(reports):,} (detection {len(docs) / t_detect:,.0f} documents/s)")
    print(f"extraction: {len(reports) / t_extract:,.0f} meeting reports/s on one core (target 300); "
          f"{n_dir:,} directives, {n_form:,} formulation occurrences in {t_extract:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/full_marts/huiyi.duckdb"))
