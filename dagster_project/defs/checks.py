"""The data-quality checks of every table, in one step: each check is a query or two, and as a step of
its own it cost more in Dagster's bookkeeping and in opening the database than in the query (8 steps,
0.6 s of a run that has nothing new). The checks themselves live next to the assets they guard; each
can still be run alone (the step runs only the checks selected)."""

from collections.abc import Iterator

import dagster as dg
import duckdb

from dagster_project.defs import extract, ingest, measures
from dagster_project.defs.resources import HuiyiStore

CHECKS = [*ingest.CHECKS, *extract.CHECKS, *measures.CHECKS]


@dg.multi_asset_check(specs=[spec for spec, _ in CHECKS], can_subset=True, name="quality_checks")
def quality_checks(context: dg.AssetCheckExecutionContext, store: HuiyiStore) -> Iterator[dg.AssetCheckResult]:
    selected = context.selected_asset_check_keys
    with store.writer() as con:
        for spec, check in CHECKS:
            if spec.key not in selected:
                continue
            try:
                result = check(con)
            except (OSError, duckdb.IOException):
                raise  # a full disk or a lost file stops the run with its own sentence
            except Exception as e:  # noqa: BLE001 - one check that cannot run must not cost the others
                context.log.error(f"Check {spec.name} could not run: {type(e).__name__}: {e}")
                result = dict(passed=False, description=f"The check could not run: {type(e).__name__}: {e}")
            yield dg.AssetCheckResult(asset_key=spec.asset_key, check_name=spec.name, **result)
