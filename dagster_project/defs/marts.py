"""The marts notebooks and charts read: SQL over the tables (sql/marts/<name>.sql), one asset each; the
marts without settings are built in one step."""


import hashlib

import dagster as dg
import duckdb

from dagster_project.defs.metadata import error_line, markdown_table
from dagster_project.defs.resources import HuiyiStore
from dagster_project.defs.tables import built_from, data_signature, mark_built, transaction
from dagster_project.store import sql_text

# The per-document steps: marts and charts run after all of them, so the data signature they are built
# from is the run's final one (and a run with nothing new finds it unchanged).
PER_DOCUMENT = ["meetings", "directives", "formulations", "term_counts", "theme_scores"]
MARTS = {
    "theme_emphasis": (["meetings", "theme_scores", "themes"], "Theme emphasis per meeting: the share of each theme in the meeting's fullest report, with series and date.",
                       "SELECT series, meeting_date, name_zh, round(share, 3) AS share FROM mart_theme_emphasis WHERE is_primary ORDER BY meeting_date DESC LIMIT 10"),
    "term_rates": (["meetings", "term_counts", "document_lengths"], "Term rates per 10,000 characters by month and series, and the share of meetings using each term.",
                   "SELECT series, month, term, n, rate_per_10k, share_of_meetings FROM mart_term_rates WHERE series = '全部会议' AND term NOT LIKE '〈%' ORDER BY month DESC, n DESC LIMIT 10"),
    "directive_summary": (["meetings", "directives"], "Directives per meeting, counted by speaker and strength.",
                          "SELECT series, meeting_date, speaker, strength, directives FROM mart_directive_summary ORDER BY meeting_date DESC, directives DESC LIMIT 10"),
    "formulation_changes": (["meetings", "formulations"], "Formulations added and dropped between consecutive meetings of each series.",
                            "SELECT series, meeting_date, change, canonical FROM mart_formulation_changes ORDER BY meeting_date DESC LIMIT 10"),
    "theme_shifts": (["meetings", "theme_scores", "themes"], "Theme shares of each meeting against the previous one of its series, ranked by how far they moved.",
                     "SELECT series, meeting_date, name_zh, round(prev_share, 3) AS before, round(share, 3) AS after FROM mart_theme_shifts WHERE rank = 1 ORDER BY meeting_date DESC LIMIT 10"),
}


# Marts computed in parts, each part recomputed only when what it reads changed (sql/marts/<name>_inputs.sql
# gives each part's key and fingerprint): after one new day file, a handful of meetings and months.
INCREMENTAL = {"term_rates": "series and months", "distinctive_terms": "meetings", "theme_emphasis": "meetings",
               "theme_shifts": "meetings", "formulation_changes": "meetings"}
# Parts computed per pass of the SQL, where one pass over every part spills far past the memory cap: at
# ten times xwlb (29,572 meetings) the distinctive terms' first build in one pass spilled 12.7 GB to disk
# (39 s with the SQL's former window sums, 34 s with its grouped totals); in passes of 2,000 meetings it
# took 21 s for the same rows. A mart not named here is computed in one pass.
PARTS_PER_PASS = {"distinctive_terms": 2000}


@dg.multi_asset(
    name="sql_marts",
    specs=[
        # after every per-document step, so the signature a mart is built from is the run's final one
        dg.AssetSpec(f"mart_{name}", group_name="marts", deps=[*deps, *PER_DOCUMENT], kinds={"duckdb"}, description=description + f" (sql/marts/{name}.sql)")
        for name, (deps, description, _) in MARTS.items()
    ],
    can_subset=True,
)
def sql_marts(context: dg.AssetExecutionContext, store: HuiyiStore):
    """The marts without settings, in one step over one connection: as a step each, Dagster's bookkeeping
    and opening the database cost more than the SQL when little changed. Each can still be materialised
    alone; one whose SQL fails is reported and the others are still built, but the step fails, so the
    steps after it (charts, report, publish) are skipped even where they do not read the failed mart."""
    failed = []
    with store.writer() as con:
        for name, (_, _, preview_sql) in MARTS.items():
            if dg.AssetKey(f"mart_{name}") not in context.selected_asset_keys:
                continue
            try:
                rebuilt = _build(con, name, context.log.info)
                n = con.execute(f"SELECT count(*) FROM mart_{name}").fetchone()[0]
                preview = markdown_table(con.execute(preview_sql))
            except duckdb.IOException:
                raise  # a full disk or a lost file stops the run with its own sentence
            except duckdb.Error as e:
                context.log.error(f"mart_{name} could not be built: {type(e).__name__}: {e}")
                failed.append(f"mart_{name}: {error_line(e)}")
                continue
            yield dg.MaterializeResult(asset_key=f"mart_{name}", metadata={"dagster/row_count": n, "preview": preview, "rebuilt": rebuilt})
    if failed:
        raise dg.Failure(description="Marts not built (the others were): " + "; ".join(failed))


def _build(con, name: str, log, *settings: str) -> bool:
    """Run the SQL of mart `name` unless the mart exists and was built from the same data, SQL and
    settings. An incremental mart recomputes only its parts whose inputs changed, or every part when
    its SQL or settings changed. Returns whether anything was recomputed."""
    table, sql = f"mart_{name}", sql_text(f"marts/{name}")
    signature = data_signature(con, sql, *settings)
    exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchall()[0][0]
    if exists and built_from(con, table) == signature:
        log(f"{table}: nothing it reads changed since it was built; kept as it is.")
        return False
    if name not in INCREMENTAL:
        with transaction(con):
            con.execute(sql)
            mark_built(con, table, signature)
        return True
    inputs = sql_text(f"marts/{name}_inputs")
    recipe = hashlib.md5("\x1f".join([sql, inputs, *settings]).encode()).hexdigest()
    with transaction(con):
        if not exists or built_from(con, f"{table}:recipe") != recipe:
            con.execute(f"DROP TABLE IF EXISTS {table}")
            con.execute("DELETE FROM huiyi_mart_inputs WHERE mart = ?", [table])
        con.execute(f"CREATE OR REPLACE TEMP TABLE mart_current AS {inputs}")
        # every part to compute, numbered into passes; and the parts that are gone (their rows deleted in the first pass)
        con.execute("""CREATE OR REPLACE TEMP TABLE mart_scope_all AS
                       SELECT key, (row_number() OVER (ORDER BY key) - 1) // ? AS pass FROM mart_current c WHERE NOT EXISTS (
                           SELECT 1 FROM huiyi_mart_inputs i WHERE i.mart = ? AND i.key = c.key AND i.fingerprint = c.fingerprint)""",
                    [PARTS_PER_PASS.get(name, 2**62), table])
        con.execute("""CREATE OR REPLACE TEMP TABLE mart_gone AS
                       SELECT key FROM huiyi_mart_inputs WHERE mart = ? AND key NOT IN (SELECT key FROM mart_current)""", [table])
        n_scope, n_gone, n_all, passes = con.execute(
            """SELECT (SELECT count(*) FROM mart_scope_all), (SELECT count(*) FROM mart_gone), (SELECT count(*) FROM mart_current),
                      (SELECT coalesce(max(pass) + 1, 1) FROM mart_scope_all)""").fetchone()
        for k in range(passes):
            con.execute("CREATE OR REPLACE TEMP TABLE mart_scope AS SELECT key FROM mart_scope_all WHERE pass = ?", [k])
            con.execute(f"""CREATE OR REPLACE TEMP TABLE mart_stale AS SELECT key FROM mart_scope
                            {'UNION SELECT key FROM mart_gone' if k == 0 else ''}""")
            con.execute(sql)
        con.execute("DELETE FROM huiyi_mart_inputs WHERE mart = ? AND key IN (SELECT key FROM mart_scope_all UNION SELECT key FROM mart_gone)", [table])
        con.execute("INSERT INTO huiyi_mart_inputs SELECT ?, key, fingerprint FROM mart_current WHERE key IN (SELECT key FROM mart_scope_all)", [table])
        for temp in ("mart_current", "mart_scope_all", "mart_gone", "mart_scope", "mart_stale"):
            con.execute(f"DROP TABLE {temp}")
        mark_built(con, table, signature)
        mark_built(con, f"{table}:recipe", recipe)
    log(f"{table}: {n_scope} of {n_all} {INCREMENTAL[name]} computed"
        + (f" in {passes} passes" if passes > 1 else "") + " (the others read nothing that changed).")
    return n_scope + n_gone > 0


MART_TABLES = [f"mart_{name}" for name in (*MARTS, "distinctive_terms")]


class BaselineConfig(dg.Config):
    baseline_meetings: int = 6  # the previous N meetings of the series form the baseline
    prior_size: float = 500.0  # pseudo-counts of the Dirichlet prior, spread as the series' own term counts
    top_terms: int = 20  # terms kept in each direction
    min_count: int = 3  # a term used fewer times in meeting and baseline together is left out


def bind_settings(con, config: BaselineConfig) -> list[str]:
    """The settings as SQL variables of the connection (bound as parameters: configuration never becomes
    SQL text), and as the strings the mart's signature is made with."""
    settings = []
    for key in ("baseline_meetings", "prior_size", "top_terms", "min_count"):
        con.execute(f"SET VARIABLE {key} = ?", [getattr(config, key)])
        settings.append(f"{key}={getattr(config, key)}")
    return settings


@dg.asset(group_name="marts", deps=PER_DOCUMENT, kinds={"duckdb"},
          description="Distinctive terms of each meeting against the previous N meetings of its series (log-odds ratio "
          "with informative Dirichlet prior, z-scores; sql/marts/distinctive_terms.sql).")
def mart_distinctive_terms(context: dg.AssetExecutionContext, config: BaselineConfig, store: HuiyiStore) -> dg.MaterializeResult:
    with store.writer() as con:
        _build(con, "distinctive_terms", context.log.info, *bind_settings(con, config))
        n = con.execute("SELECT count(*) FROM mart_distinctive_terms").fetchone()[0]
        preview = markdown_table(con.execute(
            """SELECT series, meeting_date, direction, rank, term, n_meeting, n_baseline, round(z, 2) AS z FROM mart_distinctive_terms
               WHERE meeting_id = (SELECT meeting_id FROM mart_distinctive_terms ORDER BY meeting_date DESC LIMIT 1) AND rank <= 8
               ORDER BY direction DESC, rank"""))
    return dg.MaterializeResult(metadata={"dagster/row_count": n, "latest_meeting": preview,
                                          "baseline_meetings": config.baseline_meetings, "prior_size": config.prior_size})
