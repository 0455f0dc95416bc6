"""Latency of the queries a notebook runs most, on a published database (target: each under 100 ms).

    .venv/bin/python bench/queries.py /tmp/full_marts/huiyi.duckdb

Each query is run 7 times on a fresh read-only connection; the median and the worst are printed.
"""

import statistics
import sys
import time

import duckdb

QUERIES = {
    "one term's monthly trend (疫情防控, all meetings)": (
        """SELECT month, rate_per_10k, share_of_meetings FROM mart_term_rates
           WHERE series = '全部会议' AND term = ? ORDER BY month""", ["疫情防控"]),
    "one series' theme emphasis (国务院常务会议)": (
        """SELECT meeting_date, name_zh, share FROM mart_theme_emphasis
           WHERE series = ? ORDER BY meeting_date, position""", ["国务院常务会议"]),
    "one meeting's directives with their passages": (
        """SELECT x.seq, x.speaker, x.strength, x.headline, substr(d.body, x.char_start + 1, x.char_end - x.char_start) AS passage
           FROM directives x JOIN documents d ON d.doc_id = x.doc_id
           WHERE x.doc_id = (SELECT report_doc_id FROM meetings WHERE series = ? ORDER BY meeting_date DESC LIMIT 1)
           ORDER BY x.seq""", ["国务院常务会议"]),
    "the distinctive terms of one meeting": (
        """SELECT direction, rank, term, n_meeting, n_baseline, z FROM mart_distinctive_terms
           WHERE meeting_id = (SELECT meeting_id FROM meetings WHERE series = ? ORDER BY meeting_date DESC LIMIT 1)
           ORDER BY direction DESC, rank""", ["中共中央政治局会议"]),
    "a term's rate in every series, one year (高质量发展, 2024)": (
        """SELECT series, sum(n) * 10000.0 / sum(chars) AS per_10k FROM mart_term_rates
           WHERE term = ? AND year(month) = 2024 GROUP BY series ORDER BY per_10k DESC""", ["高质量发展"]),
}


def main(db: str) -> None:
    print(f"{'query':<58}{'rows':>7}{'median ms':>11}{'worst ms':>10}")
    for name, (sql, params) in QUERIES.items():
        times, rows = [], 0
        for _ in range(7):
            con = duckdb.connect(db, read_only=True)
            t0 = time.perf_counter()
            rows = len(con.execute(sql, params).fetchall())
            times.append((time.perf_counter() - t0) * 1000)
            con.close()
        print(f"{name:<58}{rows:>7}{statistics.median(times):>11.1f}{max(times):>10.1f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/full_marts/huiyi.duckdb")
