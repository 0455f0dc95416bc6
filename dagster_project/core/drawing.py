"""A chart built from its data and saved: the work the chart step hands its pool.

Apart from charts.py, which imports matplotlib and sets up the font when it is imported, so that the
step's own process hands charts out without importing either: the workers build the figures too, and
only the charts' data (a few small DataFrames) crosses to them. Pickling finished figures for the pool
cost the step's process more than building them (1.0 s of its 2.4 s for the sample's fifteen charts).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd


class Chart(NamedTuple):
    """What one chart is drawn from: a chart function of charts.py by name (charts.BUILDERS), its data
    and labels, and what the chart's asset reports besides (term_trends: the terms it chose). Defined
    here, not with the chart step, so that a worker unpickling one imports only this module."""

    builder: str
    args: tuple
    kwargs: dict | None = None
    extra: object = None


def quarter_label(d) -> str:
    """2024-Q3: the column of a meeting in a chart of a period too long to show meeting by meeting."""
    d = pd.Timestamp(d)
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def build(chart: Chart):
    """The chart as a matplotlib figure."""
    from . import charts

    try:
        return charts.BUILDERS[chart.builder](*chart.args, **(chart.kwargs or {}))
    except BaseException:
        charts.plt.close("all")  # a figure begun before the error would stay open in a long-lived worker
        raise


def draw(chart: Chart, path_without_suffix: Path) -> tuple[Path, Path]:
    """The chart built and saved as PNG and SVG at path_without_suffix; the two paths."""
    from . import charts

    return charts.save(build(chart), path_without_suffix)
