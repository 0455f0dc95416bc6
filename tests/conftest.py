"""Shared test helpers: the real fixture records, and a way to run the real assets into a temp folder."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
RAW_FIXTURES = FIXTURES / "raw"
SEED = RAW_FIXTURES / "seed" / "jiaozuo-2021-12-14-covid-9th-special-meeting.txt"


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A private copy of the fixture raw folder that a test may change."""
    dest = tmp_path / "raw"
    shutil.copytree(RAW_FIXTURES, dest)
    return dest


def xwlb_items(rel: str) -> list[dict]:
    return json.load(gzip.open(RAW_FIXTURES / "xwlb" / "assets" / rel))["videoList"]


def run_assets(raw: Path, marts: Path, instance=None, must_succeed: bool = True):
    """Materialise every asset and check of the project, as `huiyi run` does, into `marts`."""
    import dagster as dg

    from dagster_project.definitions import defs
    from dagster_project.defs.resources import HuiyiStore

    graph_assets = list(defs.assets or [])
    checks = list(defs.asset_checks or [])
    result = dg.materialize(
        [*graph_assets, *checks],
        resources={"store": HuiyiStore(raw_dir=str(raw), marts_dir=str(marts))},
        instance=instance or dg.DagsterInstance.ephemeral(),
        raise_on_error=must_succeed,
    )
    assert result.success or not must_succeed
    return result


@pytest.fixture(scope="session")
def full_run(tmp_path_factory):
    """Every asset materialised once over a copy of the fixture raw folder: (raw, marts, result)."""
    tmp = tmp_path_factory.mktemp("run")
    raw = tmp / "raw"
    shutil.copytree(RAW_FIXTURES, raw)
    marts = tmp / "marts"
    result = run_assets(raw, marts)
    return raw, marts, result


@pytest.fixture(scope="module")
def db(full_run):
    """The published database of full_run, read-only."""
    import duckdb

    _, marts, _ = full_run
    con = duckdb.connect(str(marts / "huiyi.duckdb"), read_only=True)
    yield con
    con.close()
