"""Draw the five charts of the chosen series from a published database, as the chart assets do, and
check each for overlapping tick labels and missing glyphs.

    .venv/bin/python bench/render_charts.py /tmp/full_marts/huiyi.duckdb /tmp/full_marts/charts
"""

import sys
import time
import warnings
from pathlib import Path

import duckdb

from dagster_project.core import charts
from dagster_project.defs.charts import CHARTS, ChartsConfig, chosen_series, file_name

if __name__ == "__main__":
    db = sys.argv[1] if len(sys.argv) > 1 else "/tmp/full_marts/huiyi.duckdb"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else Path(db).parent / "charts")
    con = duckdb.connect(db, read_only=True)
    config = ChartsConfig()
    for series in chosen_series(con, config):
        for kind, (build, _, _) in CHARTS.items():
            t0 = time.monotonic()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = build(con, series, config)
                fig, extra = result if isinstance(result, tuple) else (result, None)
                overlaps = charts.overlapping_tick_labels(fig)
                png, _ = charts.save(fig, out / kind / file_name(series))
            glyphs = [str(w.message) for w in caught if "Glyph" in str(w.message)]
            print(f"{png}  {time.monotonic() - t0:.1f} s  overlaps: {len(overlaps)}  missing glyphs: {len(glyphs)}"
                  + (f"  terms: {', '.join(extra)}" if extra else ""))
