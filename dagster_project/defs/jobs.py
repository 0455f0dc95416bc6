"""The job that materialises everything, used by `huiyi run`, the sensor and the UI alike."""

import dagster as dg

everything = dg.define_asset_job("huiyi_all", selection=dg.AssetSelection.all(), description="Materialise every Huiyi asset for what is in the raw folder.")


@dg.definitions
def defs() -> dg.Definitions:
    # Steps that write DuckDB run one at a time in one process, in the UI as in `huiyi run`.
    return dg.Definitions(jobs=[everything], executor=dg.in_process_executor)
