"""Term counts and theme scores of every document.

Both are per-document work with a ledger, like extraction: a run counts only documents new or changed
since the last run, or all of them when the segmenter, the user dictionary, the taxonomy or the
tagger changed.
"""


import time

import dagster as dg
import pyarrow as pa

from dagster_project.core.measures import count_all, terms_version, theme_all, themes_version
from dagster_project.core.themes import TaxonomyError, load_taxonomy
from dagster_project.defs.metadata import markdown_table
from dagster_project.defs.resources import HuiyiStore
from dagster_project.defs.tables import forget_stale, insert_columns, keeping, kept_table, rows_kept, todo_batches, transaction, write_batches

BATCH = 2000
# What each step reads of a document: a change to it does the document again.
# (documents.body_md5 is md5(body), computed once when the document was read.)
BODY_HASH = "d.body_md5"
# Theme scores also weigh the document's directives, which are what its extraction (the ledger entry
# of extracted_docs: what extraction read, and its version) made: a document extracted from other input
# or by another version is scored again. (Hashing the directives' offsets themselves aggregated all of
# them on every run: 0.49 s at ten times xwlb, against 0.24 s.)
BODY_AND_EXTRACTION_HASH = """CAST(hash(d.body_md5, (
    SELECT hash(e.content_hash, e.version) FROM extracted_docs e WHERE e.doc_id = d.doc_id)) AS VARCHAR)"""


def _run(context, con, ledger: str, tables: tuple[str, ...], version: str, work, with_directives: bool,
         what: str, keep: tuple[str, ...] = ()) -> tuple[dict, dict[str, list] | None]:
    """Forget the stale rows, do the documents the ledger lacks. Returns the step's metadata and, when
    the documents done were few (a day's), the rows written for them in the tables named in `keep`
    (Arrow tables, one per batch), else None."""
    input_hash = BODY_AND_EXTRACTION_HASH if with_directives else BODY_HASH
    forgotten, n_todo = forget_stale(con, ledger, tables, version, input_hash)
    context.log.info(f"{what}: {n_todo} new or changed documents ({forgotten} forgotten; version {version}).")
    spans = ", (SELECT list([x.char_start, x.char_end]) FROM directives x WHERE x.doc_id = d.doc_id) AS directive_spans"
    # a day's few documents: their directives alone are grouped
    few_spans = ("d.doc_id, d.body, s.directive_spans", """LEFT JOIN (
        SELECT x.doc_id, list([x.char_start, x.char_end]) AS directive_spans FROM directives x
        WHERE x.doc_id IN (SELECT doc_id FROM todo_ids) GROUP BY x.doc_id) s ON s.doc_id = d.doc_id""")
    batches = todo_batches(con, ledger, "d.doc_id, d.body" + (spans if with_directives else ""), input_hash, BATCH, n_todo,
                           few_spans if with_directives else None)
    written = rows_kept(n_todo, keep)
    write_batches(con, batches, keeping(work(batches), written), tables, ledger, version, context.log.info)
    return {"documents_done_this_run": n_todo, "documents_forgotten_this_run": forgotten}, written


@dg.multi_asset(
    specs=[
        dg.AssetSpec("term_counts", group_name="emphasis", deps=["documents"], kinds={"duckdb"},
                     description="Occurrences of each term in each document: rjieba with the project's user dictionary "
                     "(lexicon/user_dict.txt), formulations kept whole, stop words out, numbers and dates folded."),
        dg.AssetSpec("document_lengths", group_name="emphasis", deps=["documents"], kinds={"duckdb"},
                     description="Characters, words and sentences of every document: the denominators of rates and shares."),
    ],
    can_subset=False,
)
def term_counting(context: dg.AssetExecutionContext, store: HuiyiStore):
    t0 = time.monotonic()
    with store.writer(context.log.info) as con:
        done, written = _run(context, con, "counted_docs", ("term_counts", "document_lengths"), terms_version(), count_all, False,
                             "Counting terms", keep=("term_counts",))
        n_rows = con.execute("SELECT count(*) FROM term_counts").fetchall()[0][0]
        n_docs = con.execute("SELECT count(*) FROM document_lengths").fetchall()[0][0]
        # The commonest terms of the documents counted by this run: of the whole corpus on a first run,
        # of the day's documents on a day's run (over the whole table, that preview was 1.2 s of every
        # run at ten times xwlb). mart_term_rates has the terms of meeting reports by month and series.
        preview_sql = """SELECT term, sum(n) AS occurrences, count(*) AS documents FROM {rows}
                         WHERE term NOT LIKE '〈%' GROUP BY term ORDER BY occurrences DESC LIMIT 20"""
        if written is None:
            preview = markdown_table(con.execute(preview_sql.format(rows="term_counts")))
        else:
            con.register("counted_now", kept_table(written["term_counts"], pa.schema([("term", pa.string()), ("n", pa.int32())])))
            try:
                preview = markdown_table(con.execute(preview_sql.format(rows="counted_now")))
            finally:
                con.unregister("counted_now")
        lengths = markdown_table(con.execute(
            "SELECT count(*) AS documents, sum(chars) AS chars, round(avg(chars)) AS mean_chars, sum(tokens) AS tokens FROM document_lengths"))
    context.log.info(f"Term counts done in {time.monotonic() - t0:.1f} s: {n_rows} rows over {n_docs} documents.")
    yield dg.MaterializeResult(asset_key="term_counts", metadata={
        "dagster/row_count": n_rows, "commonest_terms": preview,
        "commonest_terms_of": "all documents" if written is None else f"the documents counted by this run ({done['documents_done_this_run']})", **done})
    yield dg.MaterializeResult(asset_key="document_lengths", metadata={"dagster/row_count": n_docs, "totals": lengths})


@dg.multi_asset(
    specs=[
        dg.AssetSpec("themes", group_name="emphasis", kinds={"duckdb"},
                     description="The theme taxonomy in use, from lexicon/themes.yaml (the 15 themes of ANNOTATION.md §4 by default)."),
        dg.AssetSpec("theme_scores", group_name="emphasis", deps=["documents", "directives"], kinds={"duckdb"},
                     description="The themes each document addresses: sentences carrying each theme, its share of the document, "
                     "the share with directive sentences weighted, and the primary theme."),
    ],
    can_subset=False,
)
def theme_scoring(context: dg.AssetExecutionContext, store: HuiyiStore):
    try:
        taxonomy = load_taxonomy()
    except TaxonomyError as e:
        raise dg.Failure(description=str(e)) from None
    t0 = time.monotonic()
    with store.writer(context.log.info) as con:
        with transaction(con):
            con.execute("DELETE FROM themes")
            insert_columns(con, "themes", {
                "theme_id": [t.id for t in taxonomy.themes], "name_zh": [t.name_zh for t in taxonomy.themes],
                "description": [t.description for t in taxonomy.themes], "position": list(range(len(taxonomy.themes))),
            })
        done, _ = _run(context, con, "themed_docs", ("theme_scores",), themes_version(), theme_all, True, "Scoring themes")
        n_rows = con.execute("SELECT count(*) FROM theme_scores").fetchone()[0]
        primary = markdown_table(con.execute(
            """SELECT t.theme_id, t.name_zh, count(s.doc_id) FILTER (WHERE s.is_primary) AS primary_in,
                      count(s.doc_id) AS tagged_in
               FROM themes t LEFT JOIN theme_scores s USING (theme_id) GROUP BY t.theme_id, t.name_zh, t.position ORDER BY t.position"""))
    context.log.info(f"Theme scores done in {time.monotonic() - t0:.1f} s: {n_rows} rows.")
    yield dg.MaterializeResult(asset_key="themes", metadata={"dagster/row_count": len(taxonomy.themes), "taxonomy": dg.MetadataValue.path(taxonomy.source)})
    yield dg.MaterializeResult(asset_key="theme_scores", metadata={"dagster/row_count": n_rows, "documents_per_theme": primary, **done})


def documents_have_one_primary_theme(con) -> dict:
    # One pass over the primary rows per document (a document with a theme has a primary): 0.10 s at
    # ten times xwlb, against 0.21 s for an anti join over all theme rows and a count of its own.
    several, none_, total = con.execute(
        """SELECT count(*) FILTER (WHERE p.n > 1), count(*) FILTER (WHERE l.sentences >= 3 AND p.n IS NULL),
                  count(*) FILTER (WHERE l.sentences >= 3)
           FROM document_lengths l FULL JOIN (SELECT doc_id, count(*) AS n FROM theme_scores WHERE is_primary GROUP BY doc_id) p
           USING (doc_id)""").fetchall()[0]
    untagged = none_ / total if total else 0.0
    return dict(
        passed=several == 0 and untagged < 0.2,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{several} documents with several primary themes; {none_} of {total} documents of 3+ sentences ({untagged:.1%}) have no theme.",
        metadata={"several_primary": several, "untagged": none_, "untagged_share": round(untagged, 4)},
    )


# Checks of these tables, each with what it needs: defs/checks.py runs them all in one step over one connection.
CHECKS = [
    (dg.AssetCheckSpec("documents_have_one_primary_theme", asset="theme_scores", description="Every document with a body and at least 3 sentences has a theme, and exactly one primary."), documents_have_one_primary_theme),
]
