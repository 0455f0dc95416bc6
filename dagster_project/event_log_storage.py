"""The Dagster instance's event log: Dagster's SQLite event log, with one connection per database kept open.

Dagster's SqliteEventLogStorage builds a new SQLAlchemy engine and opens a new SQLite connection for
each group of statements: once for every event a step stores, and twice or three times for an asset's
(the run's own database, then the index database). On the full corpus, a run with nothing new stored 153
events in 1.0 s of its 1.5 s of step time. With one engine per database and its connection kept from
one event to the next, the same events took 0.33 s.

Everything else is Dagster's: the tables, the files (one database per run and an index database, in
DAGSTER_HOME/history/runs, where the default storage keeps them) and the lock that lets one thread at a
time use this storage, so one kept connection per database is enough. The index database and the last
few runs' databases stay open; older ones are closed.

This replaces SqliteEventLogStorage._connect, a private method of the Dagster that pyproject.toml pins.
tests/test_event_log_storage.py fails if that method's contract changes. The UI's live log of a
run watches the run's database file for changes, which closing the connection made after every event
(SQLite checkpoints the WAL then): a write to a run's database is checkpointed here instead. huiyi's instance uses this
class through the dagster.yaml that `huiyi run` and `huiyi ui` write (cli.DAGSTER_YAML).
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from contextlib import contextmanager
from typing import Iterator

from dagster import Field, StringSource
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    INDEX_SHARD_NAME,
    SQLITE_BUSY_TIMEOUT_SECONDS,
    SqliteEventLogStorage,
)
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool

# Run databases kept open besides the index's. A run writes to its own; the UI reads a few at a time.
KEPT_RUN_DATABASES = 4
# Tries of a write's checkpoint that a reader's snapshot keeps from copying the last frames (20 ms apart)
CHECKPOINT_TRIES = 10


class KeptConnectionSqliteEventLogStorage(SqliteEventLogStorage):
    """SqliteEventLogStorage whose databases each keep one engine and one open connection."""

    def __init__(self, base_dir: str | None = None, inst_data=None):
        # set before the parent's constructor, which may connect to the index database
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        if base_dir is None:  # where Dagster's default storage keeps the event log (huiyi sets DAGSTER_HOME)
            home = os.environ.get("DAGSTER_HOME")
            if not home:
                raise ValueError("KeptConnectionSqliteEventLogStorage needs DAGSTER_HOME set, or base_dir in its config in dagster.yaml.")
            base_dir = os.path.join(home, "history", "runs")
        super().__init__(base_dir, inst_data)

    @classmethod
    def config_type(cls):
        return {"base_dir": Field(StringSource, is_required=False)}

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> KeptConnectionSqliteEventLogStorage:
        return cls(inst_data=inst_data, **(config_value or {}))

    def _engine(self, shard: str) -> Engine:
        """The shard's engine, made on first use; the caller holds _db_lock."""
        engine = self._engines.get(shard)
        if engine is None:
            # One connection kept; more are opened and closed again while Dagster sets up a new database
            # (its _initdb holds one connection and creates the tables through another). check_same_thread
            # off: the connection is used by one thread at a time (under _db_lock), not always the thread
            # that opened it.
            engine = create_engine(
                self.conn_string_for_shard(shard),
                poolclass=QueuePool, pool_size=1, max_overflow=4,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
            )
            self._engines[shard] = engine
            runs = [s for s in self._engines if s != INDEX_SHARD_NAME]
            for old in runs[:-KEPT_RUN_DATABASES]:
                self._engines.pop(old).dispose()
        else:
            self._engines.move_to_end(shard)
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn:
                sqlite = conn.connection.driver_connection
                changes = sqlite.total_changes
                with conn.begin():
                    yield conn
                # A run's database written to: its WAL checkpointed into the database file, as closing the
                # connection did. Dagster's live log of a run (the UI's) reads new events when that file
                # changes, which with the connection kept open it would not until the WAL filled.
                # A passive checkpoint copies nothing while a reader (the UI's watch) holds an older snapshot;
                # the file then does not change, and a run's last event was seen only at the next write, which
                # never came (one `make test` in about a dozen missed it): try again briefly until it is copied.
                if shard != INDEX_SHARD_NAME and sqlite.total_changes != changes:
                    for _ in range(CHECKPOINT_TRIES):
                        _busy, in_log, copied = sqlite.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                        if copied >= in_log:  # (-1, -1 when the database is not in WAL mode)
                            break
                        time.sleep(0.02)

    def _close_all(self) -> None:
        with self._db_lock:
            engines, self._engines = list(self._engines.values()), OrderedDict()
        for engine in engines:
            engine.dispose()

    def wipe(self) -> None:
        self._close_all()  # the run databases' files are deleted: no connection may outlive them
        super().wipe()

    def dispose(self) -> None:
        super().dispose()
        self._close_all()

