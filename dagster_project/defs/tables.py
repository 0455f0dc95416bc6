"""Bulk writes to DuckDB shared by the assets: Arrow tables in, one transaction at a time."""

import contextlib

import pyarrow as pa


@contextlib.contextmanager
def transaction(con):
    con.execute("BEGIN")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def insert_columns(con, table: str, columns: dict[str, list], schema: pa.Schema | None = None, rename: dict | None = None) -> int:
    """INSERT … BY NAME from a dict of columns through a registered Arrow table: never row by row."""
    if not columns or not next(iter(columns.values()), []):
        return 0
    tbl = pa.Table.from_pydict(columns, schema=schema) if schema is not None else pa.Table.from_pydict(columns)
    if rename:
        tbl = tbl.rename_columns([rename.get(n, n) for n in tbl.column_names])
    con.register("incoming", tbl)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    finally:
        con.unregister("incoming")
    return tbl.num_rows
