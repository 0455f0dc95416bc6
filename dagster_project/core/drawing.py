"""A chart built from its data and saved: the work the chart step hands its pool.

Apart from charts.py, which imports matplotlib and sets up the font when it is imported, so that the
step's own process hands charts out without importing either: the workers build the figures too, and
only the charts' data (a few small DataFrames) crosses to them. Pickling finished figures for the pool
cost the step's process more than building them (1.0 s of its 2.4 s for the sample's fifteen charts).
"""

from __future__ import annotations

from pathlib import Path


def draw(builder: str, args: tuple, kwargs: dict, path_without_suffix: Path) -> tuple[Path, Path]:
    """Chart function `builder` of charts.py (a name of charts.BUILDERS) over its data, saved as PNG and
    SVG at path_without_suffix; the two paths."""
    from . import charts

    return charts.save(charts.build(builder, *args, **kwargs), path_without_suffix)
