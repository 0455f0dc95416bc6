"""No stage assumes one process: under Dagster's multiprocess executor, steps in separate processes
(two at a time) build the same tables as the in-process run."""

import shutil

import dagster as dg
import duckdb

from .conftest import RAW_FIXTURES, run_assets

# What every stage writes, compared row for row (timestamps and run-specific paths left out).
TABLES = {
    "documents": "SELECT * EXCLUDE (ingested_at) FROM documents",
    "meetings": "SELECT * FROM meetings",
    "participants": "SELECT * FROM participants",
    "directives": "SELECT * FROM directives",
    "formulations": "SELECT * FROM formulations",
    "term_counts": "SELECT * FROM term_counts",
    "document_lengths": "SELECT * FROM document_lengths",
    "theme_scores": "SELECT * FROM theme_scores",
    "mart_theme_emphasis": "SELECT * FROM mart_theme_emphasis",
    "mart_term_rates": "SELECT * FROM mart_term_rates",
    "mart_directive_summary": "SELECT * FROM mart_directive_summary",
    "mart_formulation_changes": "SELECT * FROM mart_formulation_changes",
    "mart_theme_shifts": "SELECT * FROM mart_theme_shifts",
    "mart_distinctive_terms": "SELECT * FROM mart_distinctive_terms",
}


def checksums(db) -> dict[str, tuple[int, str]]:
    """(rows, md5 of the sorted rows) per table."""
    with duckdb.connect(str(db), read_only=True) as con:
        out = {}
        for name, sql in TABLES.items():
            out[name] = con.execute(
                f"SELECT count(*), md5(coalesce(string_agg(r, chr(10) ORDER BY r), '')) FROM (SELECT CAST(t AS VARCHAR) AS r FROM ({sql}) t)"
            ).fetchone()
        return out


def test_the_multiprocess_executor_builds_the_same_tables(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(RAW_FIXTURES, raw)
    run_assets(raw, tmp_path / "in_process")

    marts = tmp_path / "multiprocess"
    monkeypatch.setenv("HUIYI_RAW_DIR", str(raw))  # the store resource reads these in every step's process
    monkeypatch.setenv("HUIYI_MARTS_DIR", str(marts))
    from tests.multiprocess_job import huiyi_multiprocess

    (tmp_path / "dagster_home").mkdir()
    with dg.DagsterInstance.local_temp(str(tmp_path / "dagster_home")) as instance:
        result = dg.execute_job(dg.reconstructable(huiyi_multiprocess), instance=instance)
        assert result.success
        pids = {e.pid for e in result.all_events if e.is_step_start}
    assert len(pids) > 5  # every step in a process of its own

    a, b = checksums(tmp_path / "in_process" / "huiyi.duckdb"), checksums(marts / "huiyi.duckdb")
    assert all(n > 0 for n, _ in a.values())
    assert a == b


def _uses_the_pool() -> None:
    """What a step does in its own process: the shared pool does some work."""
    from dagster_project.core import parallel

    assert list(parallel.map_batches(len, [[1], [1, 2], [1, 2, 3]], workers=2)) == [1, 2, 3]


def test_a_process_that_started_the_pool_ends():
    """A step's process under the multiprocess executor is started by multiprocessing, which at its exit
    waits for its children before atexit handlers could run: the pool's workers must be let go first.
    (Without that, the process hung at its exit in about half of the tries: six tries.)"""
    import multiprocessing

    import psutil

    for _ in range(6):
        child = multiprocessing.get_context("spawn").Process(target=_uses_the_pool)
        child.start()
        child.join(60)
        try:
            assert not child.is_alive(), "the process did not end: it waits for its pool's workers"
            assert child.exitcode == 0
        finally:
            if child.is_alive():
                for p in psutil.Process(child.pid).children(recursive=True):
                    p.kill()
                child.kill()
