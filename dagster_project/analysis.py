"""Comparisons a notebook asks of the published database: any two groups of meetings.

    from dagster_project.analysis import connect, meetings_where, distinctive_terms
    con = connect("data/marts/huiyi.duckdb")     # run the cell again to see what a later run published
    before = meetings_where(con, series="国务院常务会议", start="2019-01-01", end="2019-12-31")
    after = meetings_where(con, series="国务院常务会议", start="2020-01-01", end="2020-12-31")
    distinctive_terms(con, after, before)        # what 2020's meetings said that 2019's did not

Every value reaches SQL as a parameter.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from dagster_project.core.keyness import DEFAULT_PRIOR_SIZE, KeyTerm, compare

_connected: duckdb.DuckDBPyConnection | None = None


def connect(path: str | Path = "data/marts/huiyi.duckdb") -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published database as the latest run left it. DuckDB keeps one
    open database per file in a process, so a connection made while an older one is still open reads
    the older one's snapshot: re-running `con = duckdb.connect(...)` in a notebook kept showing the
    data of before the run. The connection this function gave before is closed first."""
    global _connected
    if _connected is not None:
        _connected.close()
        _connected = None
    _connected = duckdb.connect(str(path), read_only=True)
    return _connected


def meetings_where(con, series: str | None = None, start: str | date | None = None, end: str | date | None = None,
                   province: str | None = None, city: str | None = None, level: str | None = None) -> list[str]:
    """meeting_ids of the meetings matching every condition given (dates inclusive)."""
    conds, params = [], []
    for col, value in (("series", series), ("province", province), ("city", city), ("level", level)):
        if value is not None:
            conds.append(f"{col} = ?")
            params.append(value)
    if start is not None:
        conds.append("meeting_date >= CAST(? AS DATE)")
        params.append(str(start))
    if end is not None:
        conds.append("meeting_date <= CAST(? AS DATE)")
        params.append(str(end))
    where = " AND ".join(conds) or "true"
    return [r[0] for r in con.execute(f"SELECT meeting_id FROM meetings WHERE {where} ORDER BY meeting_date", params).fetchall()]


def term_totals(con, meeting_ids: list[str]) -> dict[str, int]:
    """Term counts summed over the fullest reports of the meetings (numbers and dates left out)."""
    if not meeting_ids:
        return {}
    rows = con.execute(
        """SELECT c.term, sum(c.n)::BIGINT FROM meetings m JOIN term_counts c ON c.doc_id = m.report_doc_id
           WHERE m.meeting_id IN (SELECT unnest(?::VARCHAR[])) AND c.term NOT LIKE '〈%' GROUP BY c.term""",
        [list(meeting_ids)],
    ).fetchall()
    return {t: int(n) for t, n in rows}


def distinctive_terms(con, target: list[str], reference: list[str], top: int = 20, prior_size: float = DEFAULT_PRIOR_SIZE,
                      min_count: int = 3) -> list[KeyTerm]:
    """Terms the target meetings use more (positive z) and less (negative z) than the reference meetings:
    log-odds with an informative Dirichlet prior (both groups together as background), and G². `top`
    terms in each direction, so up to twice `top` rows, the target's first."""
    a, b = term_totals(con, target), term_totals(con, reference)
    background = {t: a.get(t, 0) + b.get(t, 0) for t in set(a) | set(b)}
    return compare(a, b, background=background, prior_size=prior_size, top=top, min_count=min_count)
