"""The questions issue 4 asks of the marts, over a run of the whole corpus.

    .venv/bin/huiyi run --raw ../shared/corpus --marts /tmp/full_marts
    .venv/bin/python bench/marts_acceptance.py /tmp/full_marts/huiyi.duckdb
"""

import sys

import duckdb

QUERIES = {
    "Epidemic theme's share in State Council executive meetings, by quarter 2019-2022": """
        SELECT quarter, count(*) AS meetings, round(avg(share), 3) AS epidemic_share,
               count(*) FILTER (WHERE share > 0) AS meetings_addressing_it
        FROM mart_theme_emphasis
        WHERE series = '国务院常务会议' AND theme_id = 'epidemic'
          AND meeting_date BETWEEN DATE '2019-01-01' AND DATE '2022-12-31'
        GROUP BY quarter ORDER BY quarter""",
    "Formulations most added and most dropped across the central bank's committee meetings": """
        SELECT change, canonical, count(*) AS times, min(meeting_date) AS first, max(meeting_date) AS last
        FROM mart_formulation_changes
        WHERE series = '中国人民银行货币政策委员会例会'
        GROUP BY change, canonical
        QUALIFY row_number() OVER (PARTITION BY change ORDER BY count(*) DESC, max(meeting_date) DESC, canonical) <= 5
        ORDER BY change, times DESC""",
    "Distinctive terms of the July 2024 Politburo meeting against the previous six": """
        SELECT meeting_date, baseline_meetings, direction, rank, term, n_meeting, n_baseline, round(z, 2) AS z
        FROM mart_distinctive_terms
        WHERE series = '中共中央政治局会议' AND meeting_date BETWEEN DATE '2024-07-01' AND DATE '2024-07-31' AND rank <= 10
        ORDER BY direction DESC, rank""",
}

if __name__ == "__main__":
    con = duckdb.connect(sys.argv[1] if len(sys.argv) > 1 else "/tmp/full_marts/huiyi.duckdb", read_only=True)
    n = con.execute("SELECT count(*) FROM meetings WHERE series = ?", ["中国人民银行货币政策委员会例会"]).fetchall()[0][0]
    print(f"central-bank committee meetings: {n}")
    for title, sql in QUERIES.items():
        print(f"\n## {title}\n")
        con.sql(sql).show(max_rows=40, max_width=200)
