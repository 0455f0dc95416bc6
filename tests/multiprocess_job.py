"""The project's assets as a job under Dagster's multiprocess executor (two steps at a time), for
tests/test_scaling.py. A module-level function, so that Dagster can rebuild it in each step's process."""

import dagster as dg


def huiyi_multiprocess():
    from dagster_project.definitions import defs

    mp = dg.Definitions(
        assets=list(defs.assets or []),
        asset_checks=list(defs.asset_checks or []),
        resources=defs.resources,
        jobs=[dg.define_asset_job("huiyi_multiprocess", selection=dg.AssetSelection.all(),
                                  executor_def=dg.multiprocess_executor.configured({"max_concurrent": 2}))],
    )
    return mp.resolve_job_def("huiyi_multiprocess")
