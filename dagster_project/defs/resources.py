"""The one resource every asset reaches its files and databases through, so that moving the
database elsewhere is configuration, not code."""


import contextlib
from typing import Iterator

import dagster as dg
import duckdb

from dagster_project.store import Paths, publish, work_connection


class HuiyiStore(dg.ConfigurableResource):
    """The raw folder Huiyi reads and the marts folder it writes (working and published DuckDB files,
    Parquet, charts, reports). Empty values mean HUIYI_RAW_DIR / HUIYI_MARTS_DIR, else data/raw and data/marts."""

    raw_dir: str = ""
    marts_dir: str = ""

    @property
    def paths(self) -> Paths:
        return Paths.resolve(self.raw_dir or None, self.marts_dir or None)

    @contextlib.contextmanager
    def writer(self, log=None) -> Iterator[duckdb.DuckDBPyConnection]:
        """The working database, under the one-writer lock (a second run waits for the first)."""
        paths = self.paths
        paths.check()
        with work_connection(paths, log) as con:
            yield con

    def publish(self, export_tables: list[str], log=None, on_exported=None, per_part: tuple[str, ...] = ()):
        return publish(self.paths, export_tables, log, on_exported, per_part)


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources={"store": HuiyiStore()})
