"""The data-quality checks of every table, in one step: each check is a query or two, and as a step of
its own it cost more in Dagster's bookkeeping and in opening the database than in the query (8 steps,
0.6 s of a run that has nothing new). The checks themselves live next to the assets they guard; each
can still be run alone (the step runs only the checks selected). One step means the checks wait for
every table they read: when a step before them fails, all of them are skipped, not only those of its
tables."""

from collections.abc import Iterator

import dagster as dg
import duckdb

from dagster_project.defs import extract, ingest, measures
from dagster_project.defs.metadata import error_line
from dagster_project.defs.resources import HuiyiStore

CHECKS = [*ingest.CHECKS, *extract.CHECKS, *measures.CHECKS]


@dg.multi_asset_check(specs=[spec for spec, _ in CHECKS], can_subset=True, name="quality_checks")
def quality_checks(context: dg.AssetCheckExecutionContext, store: HuiyiStore) -> Iterator[dg.AssetCheckResult]:
    selected = context.selected_asset_check_keys
    crashed = []
    with store.writer() as con:
        for spec, check in CHECKS:
            if spec.key not in selected:
                continue
            try:
                result = check(con)
            except (OSError, duckdb.IOException):
                raise  # a full disk or a lost file stops the run with its own sentence
            except Exception as e:  # noqa: BLE001 - one check that cannot run must not cost the others
                why = error_line(e)
                crashed.append(f"{spec.name} ({why})")
                result = dict(passed=False, description=f"The check could not run: {why}")
            yield dg.AssetCheckResult(asset_key=spec.asset_key, check_name=spec.name, **result)
    if crashed:
        # a check that cannot run is a bug, not a finding about the data: the step (and the run) fails,
        # after the other checks have given their verdicts
        raise dg.Failure(description="Checks that could not run (the others ran): " + "; ".join(crashed))
