"""Meetings, participants, directives and formulations from the documents.

Per-document extraction runs only on documents new or changed since the last run (or all of them
when the extractor or lexicon changed); the meeting merge across sources is SQL over the whole.
"""

import time

import dagster as dg
import pyarrow as pa

from dagster_project.core.extract import extract_all, extractor_version
from dagster_project.defs.metadata import markdown_table
from dagster_project.defs.resources import HuiyiStore
from dagster_project.defs.tables import forget_stale, keeping, kept_table, rows_kept, todo_batches, transaction, write_batches
from dagster_project.store import sql_text

PER_DOC_TABLES = ("meeting_reports", "report_participants", "directives", "formulations")
# What extraction reads of a document: a change to any of it (not only the body) extracts it again. (The
# publisher names a local site's own city: source.yaml's publisher, edited, extracts that folder again.)
# (documents.body_md5 is md5(body), computed once when the document was read.) DuckDB's 64-bit hash,
# not md5 over the joined fields: every run checks every document, and at ten times xwlb that check
# took 0.45 s with md5 and 0.18 s with hash.
INPUT_HASH = "CAST(hash(d.title, d.body_md5, d.published_at, d.page_chrome, d.publisher, d.url) AS VARCHAR)"
BATCH = 1500


def meeting_merge() -> list[str]:
    """The merge across sources (SQL over the whole): meetings from the meeting reports, then the
    meeting ids of the participants and directives."""
    return [sql_text("steps/meetings"),
            # only the rows whose meeting changed are written: updating all 550,000 directives at ten
            # times xwlb took 0.50 s, the few a day changes 0.04 s
            """UPDATE report_participants SET meeting_id = r.meeting_id FROM meeting_reports r
               WHERE report_participants.doc_id = r.doc_id AND report_participants.meeting_id IS DISTINCT FROM r.meeting_id""",
            """UPDATE directives SET meeting_id = r.meeting_id FROM meeting_reports r
               WHERE directives.doc_id = r.doc_id AND directives.meeting_id IS DISTINCT FROM r.meeting_id"""]


@dg.multi_asset(
    specs=[
        dg.AssetSpec("meetings", group_name="meetings", deps=["documents"], kinds={"duckdb"},
                     description="One row per meeting however many sources reported it: date, organ, series, session, chair, level, place, "
                     "the upstream meeting, and its fullest report. documents.is_meeting and meeting_id are set from it."),
        dg.AssetSpec("participants", group_name="meetings", deps=["documents"], kinds={"duckdb"},
                     description="The chair, every person whose words are reported, and listed attendees, with the titles the report gives."),
        dg.AssetSpec("directives", group_name="meetings", deps=["documents"], kinds={"duckdb"},
                     description="Numbered-list items and imperative sentences of every document, with speaker, nesting, strength and offsets."),
        dg.AssetSpec("formulations", group_name="meetings", deps=["documents"], kinds={"duckdb"},
                     description="Every occurrence of a formulation (提法): quoted slogans, numbered formulas, lexicon hits, with offsets."),
    ],
    can_subset=False,
)
def extraction(context: dg.AssetExecutionContext, store: HuiyiStore):
    version = extractor_version()
    t0 = time.monotonic()
    with store.writer(context.log.info) as con:
        # The work list is read through a cursor of its own while the batches done are written.
        forgotten, n_todo = forget_stale(con, "extracted_docs", PER_DOC_TABLES, version, INPUT_HASH)
        context.log.info(f"Extracting meetings, directives and formulations from {n_todo} new or changed documents (extractor {version}).")
        batches = todo_batches(con, "extracted_docs", "d.doc_id, d.title, d.body, d.published_at, d.page_chrome, d.publisher, d.url", INPUT_HASH, BATCH, n_todo)
        written = rows_kept(n_todo, ("formulations",))
        write_batches(con, batches, keeping(extract_all(batches), written), PER_DOC_TABLES, "extracted_docs", version, context.log.info)
        # The merge across sources is rebuilt only when some document's extraction changed (or the
        # copy marks may have: a changed canonical report changes a meeting's report_doc_id).
        changed = (
            forgotten or n_todo
            or con.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0
            # documents read again (same text) come back without is_meeting: the merge sets it
            or con.execute("SELECT count(*) FROM documents WHERE is_meeting IS NULL").fetchone()[0] > 0
        )
        with transaction(con):
            if changed:
                for statement in meeting_merge():
                    con.execute(statement)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("meetings", "participants", "directives", "formulations")}
        series = con.execute("SELECT series, count(*) FROM meetings GROUP BY 1 ORDER BY 2 DESC LIMIT 10").fetchall()
        previews = {
            "meetings": markdown_table(con.execute("SELECT meeting_date, series, session_no, chair, level, province, city, n_reports FROM meetings ORDER BY meeting_date DESC LIMIT 10")),
            "participants": markdown_table(con.execute("SELECT name, title, role, n_reports, meeting_id FROM participants ORDER BY n_reports DESC LIMIT 10")),
            "directives": markdown_table(con.execute("SELECT speaker, kind, ordinal, marker, headline, strength FROM directives WHERE kind = 'enumerated' LIMIT 10")),
        }
        # The commonest formulations of the documents extracted by this run: of the whole corpus on a
        # first run, of the day's documents on a day's run (over the whole table: 0.16 s of every run at
        # ten times xwlb). mart_formulation_changes has them per meeting.
        formulation_sql = """SELECT canonical, count(*) AS occurrences, count(DISTINCT doc_id) AS documents FROM {rows}
                             GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"""
        if written is None:
            previews["formulations"] = markdown_table(con.execute(formulation_sql.format(rows="formulations")))
        else:
            con.register("extracted_now", kept_table(written["formulations"], pa.schema([("doc_id", pa.string()), ("canonical", pa.string())])))
            try:
                previews["formulations"] = markdown_table(con.execute(formulation_sql.format(rows="extracted_now")))
            finally:
                con.unregister("extracted_now")
    context.log.info(f"Extraction done in {time.monotonic() - t0:.1f} s: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    for key in ("meetings", "participants", "directives", "formulations"):
        meta = {"dagster/row_count": counts[key], "preview": previews[key]}
        if key == "formulations":
            meta["preview_of"] = "all documents" if written is None else f"the documents extracted by this run ({n_todo})"
        if key == "meetings":
            meta["largest_series"] = dg.MetadataValue.json(dict(series))
        yield dg.MaterializeResult(asset_key=key, metadata=meta)


def meetings_have_date_and_series(con) -> dict:
    bad = con.execute("SELECT count(*) FROM meetings WHERE meeting_date IS NULL OR series IS NULL").fetchone()[0]
    missing = con.execute("SELECT count(*) FROM meeting_reports WHERE is_meeting AND meeting_id IS NULL").fetchone()[0]
    return dict(
        passed=bad == 0 and missing == 0,
        description=f"{bad} meetings lack a date or series; {missing} meeting reports could not be given a series and date.",
        metadata={"meetings_incomplete": bad, "reports_without_meeting_id": missing},
    )


def meetings_have_chairs(con) -> dict:
    rows = con.execute(
        """SELECT m.meeting_id, d.title FROM meetings m JOIN documents d ON d.doc_id = m.report_doc_id
           WHERE m.chair IS NULL AND d.title LIKE '%主持%' LIMIT 20"""
    ).fetchall()
    n = con.execute(
        "SELECT count(*) FROM meetings m JOIN documents d ON d.doc_id = m.report_doc_id WHERE m.chair IS NULL AND d.title LIKE '%主持%'"
    ).fetchone()[0]
    return dict(
        passed=n == 0, severity=dg.AssetCheckSeverity.WARN,
        description=f"{n} meetings whose title names a chair have none.",
        metadata={"missing_chair": n, "examples": dg.MetadataValue.json([t for _, t in rows])},
    )


def directive_offsets_point_at_text(con) -> dict:
    rows = con.execute("SELECT checked_seq FROM huiyi_checks WHERE check_name = 'directive_offsets_point_at_text'").fetchall()
    since = rows[0][0] if rows else None
    upto = con.execute("SELECT coalesce(max(done_seq), 0) FROM extracted_docs").fetchone()[0]
    # the rows of documents extracted since the last passing check (a document extracted again has new
    # rows). Both sides of the join are narrowed to them first: with the filter after the join, DuckDB
    # joined every directive with every body, 0.5-5 s of every run at ten times xwlb for 0 documents.
    if since is None:
        scope, params = "(SELECT doc_id FROM extracted_docs)", []
    else:
        scope, params = "(SELECT doc_id FROM extracted_docs WHERE done_seq > ?)", [since]

    def mismatches(table: str, text: str) -> int:
        return con.execute(
            f"""WITH scope AS MATERIALIZED {scope}
                SELECT count(*) FROM (SELECT * FROM {table} WHERE doc_id IN (SELECT doc_id FROM scope)) x
                JOIN (SELECT doc_id, body FROM documents WHERE doc_id IN (SELECT doc_id FROM scope)) d USING (doc_id)
                WHERE substr(d.body, x.char_start + 1, x.char_end - x.char_start) <> x.{text}""", params).fetchall()[0][0]

    bad, bad_f = mismatches("directives", "text"), mismatches("formulations", "surface")
    checked = con.execute(f"SELECT count(*) FROM {scope}", params).fetchall()[0][0]
    if bad == 0 and bad_f == 0:
        con.execute("INSERT OR REPLACE INTO huiyi_checks VALUES ('directive_offsets_point_at_text', ?)", [upto])
    return dict(
        passed=bad == 0 and bad_f == 0,
        description=f"{bad} directives and {bad_f} formulations whose offsets do not give back their text "
        f"(the rows of {checked} documents verified: {'all' if since is None else 'those extracted since the last passing check'}).",
        metadata={"bad_directives": bad, "bad_formulations": bad_f, "documents_verified": checked},
    )


@dg.asset(
    group_name="meetings",
    deps=["formulations", "meetings"],
    kinds={"duckdb"},
    description="Quoted or numbered formulations the corpus repeats (3+ documents) that lexicon/formulas.txt lacks, with "
    "document and meeting counts and first and last use: candidates to promote into the lexicon.",
)
def formulation_candidates(store: HuiyiStore) -> dg.MaterializeResult:
    with store.writer() as con:
        with transaction(con):
            con.execute("DROP TABLE IF EXISTS formulation_candidates")
            con.execute(f"CREATE TABLE formulation_candidates AS {sql_text('steps/formulation_candidates')}")
            con.execute("COMMENT ON TABLE formulation_candidates IS 'Formulations the corpus repeats (quoted or numbered, in 3+ canonical documents) that the lexicon lacks: candidates for lexicon/formulas.txt.'")
            for col, text in {
                "candidate": "The formulation (canonical form).", "documents": "Canonical documents using it.",
                "meetings": "Meetings whose reports use it.", "first_seen": "Earliest publication using it.",
                "last_seen": "Latest publication using it.", "first_meeting": "Date of the first meeting using it.",
                "last_meeting": "Date of the last meeting using it.",
            }.items():
                con.execute(f"COMMENT ON COLUMN formulation_candidates.{col} IS '{text}'")
        n = con.execute("SELECT count(*) FROM formulation_candidates").fetchone()[0]
        preview = markdown_table(con.execute("SELECT * FROM formulation_candidates LIMIT 15"))
    return dg.MaterializeResult(metadata={"dagster/row_count": n, "preview": preview})


# Checks of these tables, each with what it needs: defs/checks.py runs them all in one step over one connection.
CHECKS = [
    (dg.AssetCheckSpec("meetings_have_date_and_series", asset="meetings", description="Every meeting has a date and a series."), meetings_have_date_and_series),
    (dg.AssetCheckSpec("meetings_have_chairs", asset="meetings", description="No meeting without a chair where its report's title names one (主持)."), meetings_have_chairs),
    (dg.AssetCheckSpec("directive_offsets_point_at_text", asset="directives", description="Every directive's and formulation's offsets point at its text: body[char_start:char_end] = text. "
                 "Verified for the documents extracted since the check last passed (so a failure is reported again until fixed): the rows of the others have not changed."), directive_offsets_point_at_text),
]
