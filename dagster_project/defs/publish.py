"""Publish: the working database becomes huiyi.duckdb, by atomic rename, for notebooks and charts."""


import dagster as dg

from dagster_project.defs.charts import CHART_KEYS
from dagster_project.defs.marts import MART_TABLES
from dagster_project.defs.resources import HuiyiStore
from dagster_project.defs.tables import built_from, data_signature, mark_built
from dagster_project.store import exported_path

# Tables exported as Parquet beside the published database.
EXPORTED = ["documents", "rejected_records", "meetings", "participants", "directives", "formulations", "term_counts",
            "document_lengths", "themes", "theme_scores", *MART_TABLES]
# The three large ones with a doc_id are exported one file per source and five years
# (sql/steps/parquet_parts.sql), and mart_term_rates one file per five years of its month
# (store.PART_EXPRESSIONS): a new day file then writes one part of each again, not the whole table.
# (formulations, document_lengths and theme_scores were tried per part too: at ten times xwlb their
# part fingerprints cost about what the smaller writes saved, and they stay one file each.)
PER_PART = ("documents", "term_counts", "directives", "mart_term_rates")


@dg.asset(
    group_name="publish",
    deps=["documents", "rejected_records", "raw_files", "meetings", "participants", "directives", "formulations", "formulation_candidates",
          "term_counts", "document_lengths", "themes", "theme_scores", *MART_TABLES, *CHART_KEYS, "weekly_report"],
    description="The published DuckDB file (huiyi.duckdb at the top of the marts folder) that notebooks query. "
    "Written privately and swapped in by atomic rename: an open notebook keeps the old file until it reconnects.",
    kinds={"duckdb", "parquet"},
)
def huiyi_database(context: dg.AssetExecutionContext, store: HuiyiStore) -> dg.MaterializeResult:
    # Parquet is written again only when the tables changed (a run with nothing new still publishes the
    # database, whose report_log did change).
    with store.writer(context.log.info) as con:
        signature = data_signature(con, "parquet", *EXPORTED)
        unchanged = built_from(con, "parquet") == signature and all(
            exported_path(store.paths.parquet_dir, t, PER_PART).exists() for t in EXPORTED)
    if unchanged:
        context.log.info("The tables did not change since the last export; Parquet files kept.")
    # The export is marked built only once it is complete: a run killed half-way exports again.
    path = store.publish([] if unchanged else EXPORTED, context.log.info,
                         on_exported=None if unchanged else (lambda con: mark_built(con, "parquet", signature)),
                         per_part=PER_PART)
    context.log.info(f"Published {path}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "size_mb": round(path.stat().st_size / 2**20, 1),
            "parquet": dg.MetadataValue.path(str(store.paths.parquet_dir)),
        }
    )
