"""The instance's event log (dagster_project/event_log_storage.py): Dagster's SQLite event log, its
connections kept open. Runs through it are stored and read back as Dagster's own storage stores them,
from the same files; old runs' connections are closed; `huiyi` writes it into a new or unedited
dagster.yaml."""


import argparse
import os
import subprocess
import sys
import textwrap
import time

import dagster as dg
import pytest

from dagster_project import cli
from dagster_project.event_log_storage import KEPT_RUN_DATABASES, KeptConnectionSqliteEventLogStorage


@dg.asset
def speeches(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    context.log.info("counted the speeches")
    return dg.MaterializeResult(metadata={"n": 3})


@dg.asset(deps=[speeches])
def emphasis() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"n": 1})


@dg.asset_check(asset=speeches)
def speeches_counted() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / ".dagster"
    home.mkdir()
    (home / "dagster.yaml").write_text(cli.DAGSTER_YAML, encoding="utf-8")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return home


def storage_of(instance) -> KeptConnectionSqliteEventLogStorage:
    storage = instance.event_log_storage
    assert isinstance(storage, KeptConnectionSqliteEventLogStorage), type(storage)
    return storage


def test_runs_are_stored_and_read_back_and_the_connections_stay_open(home):
    with dg.DagsterInstance.get() as instance:
        storage = storage_of(instance)
        run_ids, index_connections = [], []
        for _ in range(KEPT_RUN_DATABASES + 2):
            result = dg.materialize([speeches, emphasis, speeches_counted], instance=instance)
            assert result.success
            run_ids.append(result.run_id)
            # the index database's one connection, the same from run to run
            with storage.index_connection() as conn:
                index_connections.append(conn.connection.driver_connection)
        assert all(c is index_connections[0] for c in index_connections)
        # the index and the last few runs' databases are open; older runs' were closed
        assert set(storage._engines) == {"index", *run_ids[-KEPT_RUN_DATABASES:]}
        for run_id in run_ids:  # every run's events, the closed ones' included
            logs = instance.all_logs(run_id)
            assert any(e.user_message == "counted the speeches" for e in logs)
            assert sum(1 for e in logs if e.dagster_event_type == dg.DagsterEventType.ASSET_MATERIALIZATION) == 2
            assert any(e.dagster_event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION for e in logs)
            assert instance.get_run_by_id(run_id).is_success
        for key in ("speeches", "emphasis"):  # the cross-run index
            assert instance.get_latest_materialization_event(dg.AssetKey(key)).run_id == run_ids[-1]


def test_dagsters_own_storage_reads_the_same_files(home):
    with dg.DagsterInstance.get() as instance:
        run_ids = [dg.materialize([speeches, emphasis], instance=instance).run_id for _ in range(2)]
        # A second process, the writer still holding its connections, with Dagster's default storage
        # (an instance folder whose dagster.yaml names none, as `dagster dev` would use it)
        default_home = home.parent / "default"
        default_home.mkdir()
        (default_home / "history").symlink_to(home / "history")
        script = textwrap.dedent(f"""
            import dagster as dg
            with dg.DagsterInstance.get() as i:
                assert type(i.event_log_storage).__name__ == "SqliteEventLogStorage", type(i.event_log_storage)
                for run_id in {run_ids!r}:
                    assert sum(1 for e in i.all_logs(run_id) if e.dagster_event_type == dg.DagsterEventType.ASSET_MATERIALIZATION) == 2
                print(i.get_latest_materialization_event(dg.AssetKey("emphasis")).run_id)
        """)
        p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                           env={**os.environ, "DAGSTER_HOME": str(default_home)})
        assert p.returncode == 0, p.stderr[-2000:]
        assert p.stdout.strip() == run_ids[-1]


def test_after_a_wipe_the_next_run_is_stored_alone(home):
    with dg.DagsterInstance.get() as instance:
        first = dg.materialize([speeches], instance=instance).run_id
        storage_of(instance).wipe()
        second = dg.materialize([speeches], instance=instance).run_id
        assert instance.all_logs(first) == []
        assert any(e.user_message == "counted the speeches" for e in instance.all_logs(second))


def test_huiyi_writes_the_storage_into_a_new_or_unedited_dagster_yaml(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("DAGSTER_HOME", "HUIYI_RAW_DIR", "HUIYI_MARTS_DIR"):  # _prepare sets them: restored after the test
        monkeypatch.setenv(name, "")

    def prepared(marts, text=None):
        home = marts / ".dagster"
        if text is not None:
            home.mkdir(parents=True)
            (home / "dagster.yaml").write_text(text, encoding="utf-8")
        monkeypatch.delenv("DAGSTER_HOME")
        cli._prepare(argparse.Namespace(raw=str(raw), marts=str(marts)))
        return (home / "dagster.yaml").read_text(encoding="utf-8")

    assert "KeptConnectionSqliteEventLogStorage" in prepared(tmp_path / "new")
    assert prepared(tmp_path / "old", cli.OLD_DAGSTER_YAMLS[0]) == cli.DAGSTER_YAML
    edited = cli.OLD_DAGSTER_YAMLS[0] + "# my own settings\n"
    assert prepared(tmp_path / "edited", edited) == edited


WRITER = textwrap.dedent("""
    import sys, time, dagster as dg
    @dg.asset
    def slow(context):
        for i in range(6):
            context.log.info(f"tick {i}")
            time.sleep(0.4)
    with dg.DagsterInstance.get() as i:
        dg.materialize([slow], instance=i)
        print(time.time(), flush=True)  # when the run ended
        time.sleep(1.5)  # its connections still open, as in a process that goes on to other work
""")


def test_the_ui_sees_a_runs_events_while_it_runs(home):
    """What the UI's live log does: the run's stored events, then a watch for new ones, while another
    process (`huiyi run`, or a run the UI started) writes them."""
    with dg.DagsterInstance.get() as instance:
        writer = subprocess.Popen([sys.executable, "-c", WRITER], stdout=subprocess.PIPE, text=True)
        try:
            deadline = time.time() + 60
            while not instance.get_runs() and time.time() < deadline:
                time.sleep(0.05)
            run_id = instance.get_runs()[0].run_id
            stored = instance.get_records_for_run(run_id)
            arrived = []
            instance.watch_event_logs(run_id, stored.cursor, lambda event, cursor: arrived.append((time.time(), event)))
            out, _ = writer.communicate(timeout=120)
        finally:
            writer.kill()
        ended = float(out.split()[-1])
        # the watch polls: give its last poll time to bring the run's last events (it once lagged past 0.5 s)
        settle = time.time() + 10
        while len(instance.all_logs(run_id)) != len(stored.records) + len(arrived) and time.time() < settle:
            time.sleep(0.2)
        ticks = [t for t, e in arrived if (e.user_message or "").startswith("tick")]
        # the ticks came one by one as they were written, not all at once when the writer closed
        assert len(ticks) + sum(1 for r in stored.records if (r.event_log_entry.user_message or "").startswith("tick")) == 6
        assert len(ticks) >= 3 and ticks[0] < ended - 0.8, (ticks, ended)
        assert len(instance.all_logs(run_id)) == len(stored.records) + len(arrived)
