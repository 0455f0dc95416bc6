"""The jobs: everything (used by `huiyi run` and the weekly schedule), and a refresh without the report
(used by the raw-folder sensor), so files dropped during the week do not use up what is new to Monday's report."""

import dagster as dg

everything = dg.define_asset_job("huiyi_all", selection=dg.AssetSelection.all(), description="Materialise every Huiyi asset for what is in the raw folder, the report included.")
refresh = dg.define_asset_job(
    "huiyi_refresh", selection=dg.AssetSelection.all() - dg.AssetSelection.assets("weekly_report"),
    description="Everything but the weekly report: what the raw-folder sensor runs when files arrive.",
)


@dg.definitions
def defs() -> dg.Definitions:
    # Steps that write DuckDB run one at a time in one process, in the UI as in `huiyi run`.
    return dg.Definitions(jobs=[everything, refresh], executor=dg.in_process_executor)
