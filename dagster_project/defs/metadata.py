"""Small helpers that turn query results into Dagster metadata, and errors into one line."""


import dagster as dg


def markdown_table(cursor, max_chars: int = 60) -> dg.MetadataValue:
    """A preview of a DuckDB result as a Markdown table, long cells cut."""
    cols = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    if not rows:
        return dg.MetadataValue.md("(no rows)")

    def cell(v) -> str:
        s = "" if v is None else str(v).replace("\n", " ").replace("|", "\\|")
        return s if len(s) <= max_chars else s[: max_chars - 1] + "…"

    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return dg.MetadataValue.md("\n".join(lines))


def error_line(e: BaseException) -> str:
    """The error's type and the first line of its message: a DuckDB message goes on with the query and a
    line of ^ under the fault, which says nothing in a one-line summary."""
    lines = str(e).strip().splitlines()
    return f"{type(e).__name__}: {lines[0]}" if lines else type(e).__name__
