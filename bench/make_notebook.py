"""Writes notebooks/explore.ipynb (kept in git; run this after changing its cells).

    .venv/bin/python bench/make_notebook.py
"""

from pathlib import Path

import nbformat as nbf

CELLS = [
    ("md", """# Exploring Huiyi's database

This notebook opens the published database **read-only** (the pipeline never writes the file you have
open; it swaps a new one in, which you see when you connect again), lists its tables, and walks from
series to themes, terms, directives and a chart. Run `make run` first. Set `HUIYI_MARTS_DIR` to read
another marts folder (for example a run over the whole corpus)."""),
    ("code", """import os
from pathlib import Path

import pandas as pd

from dagster_project.analysis import connect

pd.set_option("display.max_colwidth", 80)
marts = Path(os.environ.get("HUIYI_MARTS_DIR", Path.cwd().parent / "data" / "marts" if Path.cwd().name == "notebooks" else "data/marts"))
con = connect(marts / "huiyi.duckdb")  # read-only; run this cell again to see what a later run published
print("reading", marts / "huiyi.duckdb")"""),
    ("md", "## The tables, with what each holds"),
    ("code", """con.sql(\"\"\"
    SELECT table_name, estimated_size AS rows, comment FROM duckdb_tables()
    WHERE schema_name = 'main' ORDER BY table_name
\"\"\").df()"""),
    ("md", "## The ten largest series of meetings"),
    ("code", """series = con.sql(\"\"\"
    SELECT series, count(*) AS meetings, min(meeting_date) AS first, max(meeting_date) AS last
    FROM meetings GROUP BY series ORDER BY meetings DESC LIMIT 10
\"\"\").df()
series"""),
    ("md", "## One series' theme emphasis: the share of each theme in its latest eight meetings"),
    ("code", """largest = series.series.iloc[0]
emphasis = con.execute(\"\"\"
    SELECT meeting_date, name_zh, share FROM mart_theme_emphasis
    WHERE series = ? AND meeting_id IN (SELECT meeting_id FROM meetings WHERE series = ? ORDER BY meeting_date DESC LIMIT 8)
\"\"\", [largest, largest]).df()
emphasis.pivot_table(index="name_zh", columns="meeting_date", values="share").round(2)"""),
    ("md", "## A term's trend: 高质量发展 per 10,000 characters of meeting reports, by year"),
    ("code", """con.execute(\"\"\"
    WITH months AS (SELECT DISTINCT month, chars FROM mart_term_rates WHERE series = '全部会议'),
         years AS (SELECT year(month) AS year, sum(chars) AS chars FROM months GROUP BY 1),
         term AS (SELECT year(month) AS year, sum(n) AS n, sum(meetings_using) AS meetings_using
                  FROM mart_term_rates WHERE series = '全部会议' AND term = ? GROUP BY 1)
    SELECT year, round(coalesce(n, 0) * 10000.0 / chars, 2) AS per_10k, coalesce(meetings_using, 0) AS meetings_using
    FROM years LEFT JOIN term USING (year) ORDER BY year
\"\"\", ["高质量发展"]).df()"""),
    ("md", "## A meeting's directives, with the passage each one stands for (through the offsets)"),
    ("code", """meeting_id, meeting_date, title = con.execute(\"\"\"
    SELECT m.meeting_id, m.meeting_date, d.title FROM meetings m JOIN documents d ON d.doc_id = m.report_doc_id
    WHERE EXISTS (SELECT 1 FROM directives x WHERE x.doc_id = m.report_doc_id AND x.kind = 'enumerated')
    ORDER BY m.meeting_date DESC LIMIT 1
\"\"\").fetchall()[0]
print(meeting_date, title)
directives = con.execute(\"\"\"
    SELECT x.speaker, x.ordinal, x.strength, x.headline, x.char_start, x.char_end, x.text, d.body
    FROM meetings m JOIN directives x ON x.doc_id = m.report_doc_id JOIN documents d ON d.doc_id = x.doc_id
    WHERE m.meeting_id = ? AND x.kind = 'enumerated' ORDER BY x.seq
\"\"\", [meeting_id]).df()
directives["passage"] = [body[s:e] for body, s, e in zip(directives.body, directives.char_start, directives.char_end)]
assert (directives.passage == directives.text).all()  # body[char_start:char_end] is the directive
directives[["speaker", "ordinal", "strength", "headline", "passage"]]"""),
    ("md", "## A chart, drawn by the same functions as the pipeline's"),
    ("code", """%matplotlib inline
from dagster_project.defs.charts import ChartsConfig, figure, theme_emphasis_chart

fig = figure(theme_emphasis_chart(con, largest, ChartsConfig(meetings=12)))
fig"""),
]


def main() -> None:
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src) for kind, src in CELLS]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:02d}"  # stable ids: writing the notebook again changes nothing
    out = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"
    nbf.write(nb, out)
    print("wrote", out)


if __name__ == "__main__":
    main()
