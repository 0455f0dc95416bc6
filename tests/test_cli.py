"""The `huiyi` command as a user runs it: exit codes, the summary, one Dagster instance, one writer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import duckdb

from .conftest import RAW_FIXTURES

HUIYI = [sys.executable, "-m", "dagster_project.cli"]


def huiyi(*args, env=None, cwd=None) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "HUIYI_RAW_DIR", "HUIYI_MARTS_DIR")}
    e.update(env or {})
    return subprocess.run([*HUIYI, *args], capture_output=True, text=True, env=e, cwd=cwd, timeout=300)


def test_missing_raw_folder_is_one_sentence_and_exit_2(tmp_path):
    p = huiyi("run", "--raw", str(tmp_path / "nowhere"), "--marts", str(tmp_path / "marts"))
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0 and "nowhere" in p.stderr and "does not exist" in p.stderr
    assert "Traceback" not in p.stderr
    (tmp_path / "day.json").write_text("{}", encoding="utf-8")  # a file given for the folder
    p = huiyi("run", "--raw", str(tmp_path / "day.json"), "--marts", str(tmp_path / "marts"))
    assert p.returncode == 2 and "day.json is a file, not a folder" in p.stderr


def test_unwritable_marts_folder_is_one_sentence_and_exit_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    p = huiyi("run", "--raw", str(RAW_FIXTURES), "--marts", str(blocker / "marts"))
    assert p.returncode == 2 and "cannot be written" in p.stderr and "Traceback" not in p.stderr


def test_run_prints_a_summary_and_records_the_run_in_the_instance(tmp_path):
    marts = tmp_path / "marts"
    p = huiyi("run", "--log-level", "WARNING", env={"HUIYI_RAW_DIR": str(RAW_FIXTURES), "HUIYI_MARTS_DIR": str(marts)})
    assert p.returncode == 0, p.stderr
    assert "documents" in p.stdout and "no_body" in p.stdout
    assert str(marts / "huiyi.duckdb") in p.stdout
    with duckdb.connect(str(marts / "huiyi.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 16
    # The UI reads the same instance: the run is in it.
    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(marts / ".dagster")
    try:
        with dg.DagsterInstance.get() as instance:
            runs = instance.get_runs()
            assert len(runs) == 1 and runs[0].job_name == "huiyi_all"
    finally:
        del os.environ["DAGSTER_HOME"]


def test_two_runs_at_once_wait_for_each_other(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW_FIXTURES, raw)
    marts = tmp_path / "marts"
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME",)}
    cmd = [*HUIYI, "run", "--raw", str(raw), "--marts", str(marts), "--log-level", "WARNING"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with duckdb.connect(str(marts / "huiyi.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 16
        assert con.execute("SELECT count(*) FROM raw_files").fetchone()[0] == 11


def test_marts_inside_raw_is_refused(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    p = huiyi("run", "--raw", str(raw), "--marts", str(raw / "marts"))
    assert p.returncode == 2 and "inside the raw folder" in p.stderr and not (raw / "marts").exists()


def test_unusable_dagster_home_is_one_sentence(tmp_path):
    p = huiyi("run", "--raw", str(RAW_FIXTURES), "--marts", str(tmp_path / "marts"), env={"DAGSTER_HOME": "/proc/nope"})
    assert p.returncode == 2 and "DAGSTER_HOME" in p.stderr and "Traceback" not in p.stderr


def test_a_run_keeps_one_connection_from_step_to_step_and_closes_it_with_the_lock(tmp_path):
    """Under `huiyi run`'s hold on the writer lock every step gets the same connection to the working
    database; what a failed step left open is rolled back before the next uses it; and when the run lets
    go of the lock the file is closed, so another process can open it. Without an outer hold, each step
    opens and closes its own."""
    import pytest

    from dagster_project.store import Paths, work_connection, writer_lock

    paths = Paths.resolve(tmp_path / "raw", tmp_path / "marts")
    paths.raw.mkdir()
    paths.check()
    with writer_lock(paths):
        with work_connection(paths) as first:
            first.execute("CREATE TABLE t (x INTEGER)")
        with work_connection(paths) as second:
            assert second is first
        with pytest.raises(RuntimeError):
            with work_connection(paths) as failing:
                failing.execute("BEGIN")
                failing.execute("INSERT INTO t VALUES (1)")
                raise RuntimeError("the step fails half-way")
        with work_connection(paths) as after:
            assert after.execute("SELECT count(*) FROM t").fetchone()[0] == 0
            after.execute("INSERT INTO t VALUES (2)")
    probe = subprocess.run([sys.executable, "-c", "import duckdb, sys; print(duckdb.connect(sys.argv[1]).execute('SELECT sum(x) FROM t').fetchone()[0])",
                            str(paths.work_db)], capture_output=True, text=True)
    assert probe.returncode == 0 and probe.stdout.strip() == "2", probe.stderr
    with work_connection(paths) as a:
        pass
    with work_connection(paths) as b:
        assert b is not a


def _processes_with(argument: str, value: str) -> list[int]:
    """Processes whose command line has `argument value` (the UI's processes are started with its port)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        if any(a == argument.encode() and b == value.encode() for a, b in zip(args, args[1:])):
            found.append(int(pid))
    return found


def test_the_ui_started_in_the_background_of_a_script_stops_when_told(tmp_path):
    """A shell script's `huiyi ui &` starts with SIGINT ignored; `kill` (SIGTERM) must still stop the UI
    and the webserver and daemon it started. Before the fix it kept running, three processes with it."""
    import signal
    import socket
    import time

    from .test_security import _listening_addresses

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = str(s.getsockname()[1])
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "HUIYI_RAW_DIR", "HUIYI_MARTS_DIR")}
    ignored = signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited, as by a background job
    try:
        proc = subprocess.Popen([sys.executable, "-m", "dagster_project.cli", "ui", "--raw", str(RAW_FIXTURES),
                                 "--marts", str(tmp_path / "marts"), "--port", port],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    finally:
        signal.signal(signal.SIGINT, ignored)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not _listening_addresses(int(port)):
            assert proc.poll() is None, "huiyi ui stopped before it listened"
            time.sleep(1)
        assert _listening_addresses(int(port)), "the UI never listened"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while _processes_with("--port", port) + _processes_with("-p", port) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _processes_with("--port", port) + _processes_with("-p", port) == []
    finally:
        for pid in _processes_with("--port", port) + _processes_with("-p", port) + ([proc.pid] if proc.poll() is None else []):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_a_mistake_in_charts_yaml_stops_huiyi_run_before_it_starts(tmp_path):
    """Found only by the chart step, a typo cost the whole run's work and left its tables unpublished."""
    (tmp_path / "charts.yaml").write_text("tems: [疫情防控]\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "HUIYI_RAW_DIR", "HUIYI_MARTS_DIR", "HUIYI_CHARTS")}
    p = subprocess.run([sys.executable, "-m", "dagster_project.cli", "run", "--raw", str(RAW_FIXTURES), "--marts", str(tmp_path / "marts")],
                       cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 2
    assert f"{tmp_path / 'charts.yaml'}: unknown key 'tems'" in p.stderr and "Nothing was run" in p.stderr
    assert not (tmp_path / "marts" / "huiyi.duckdb").exists() and not (tmp_path / "marts" / "work" / "huiyi_work.duckdb").exists()


OPEN_AT = """
import os, sys, time
from pathlib import Path
from dagster_project.cli import _open_instance
from dagster_project.store import Paths
start = float(sys.argv[1])
while time.time() < start:
    time.sleep(0.001)
with _open_instance(Paths(raw=Path("."), marts=Path(os.environ["DAGSTER_HOME"]).parent)) as instance:
    instance.get_runs(limit=1)
print("opened")
"""


def test_a_new_instance_opened_by_several_processes_at_once_is_set_up_once(tmp_path):
    """`huiyi run` and `huiyi ui` started together on a new marts folder: six processes opening a new
    instance at the same moment failed 17 times in 30 ("table runs already exists", two alembic heads)."""
    import time

    from dagster_project.cli import DAGSTER_YAML

    home = tmp_path / "marts" / ".dagster"
    home.mkdir(parents=True)
    (home / "dagster.yaml").write_text(DAGSTER_YAML, encoding="utf-8")
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    start = str(time.time() + 6)  # all six past their imports before it
    procs = [subprocess.Popen([sys.executable, "-c", OPEN_AT, start], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
             for _ in range(6)]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 and "opened" in o for p, o in zip(procs, outs)), [o[-300:] for o in outs]
