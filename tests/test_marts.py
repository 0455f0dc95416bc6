"""The marts, materialised by the real assets over the fixture raw folder, checked against the tables
and against the core functions computed independently in Python."""

import pytest

from dagster_project.core.keyness import compare
from dagster_project.core.terms import count_terms

PBOC = "中国人民银行货币政策委员会例会"


def test_marts_are_published_with_comments(db):
    marts = {r[0] for r in db.execute("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'mart_%'").fetchall()}
    assert marts == {"mart_theme_emphasis", "mart_term_rates", "mart_directive_summary", "mart_formulation_changes",
                     "mart_theme_shifts", "mart_distinctive_terms"}
    for t in marts:
        assert db.execute("SELECT count(*) FROM " + t).fetchone()[0] > 0, t
        assert db.execute("SELECT comment FROM duckdb_tables() WHERE table_name = ?", [t]).fetchone()[0]


def test_theme_emphasis_lists_every_theme_of_every_meeting(db):
    meetings, themes = db.execute("SELECT (SELECT count(*) FROM meetings), (SELECT count(*) FROM themes)").fetchone()
    assert db.execute("SELECT count(*) FROM mart_theme_emphasis").fetchone()[0] == meetings * themes
    # the central bank's committee meetings are about money: finance is their primary theme
    primaries = db.execute(
        "SELECT theme_id, count(*) FROM mart_theme_emphasis WHERE series = ? AND is_primary GROUP BY 1", [PBOC]).fetchall()
    assert dict(primaries).get("finance", 0) == max(n for _, n in primaries)


def test_term_rates_match_counting_the_report_text_again(db):
    rows = db.execute(
        """SELECT m.report_doc_id, d.body, date_trunc('month', m.meeting_date)::DATE FROM meetings m
           JOIN documents d ON d.doc_id = m.report_doc_id WHERE m.series = ?""", [PBOC]).fetchall()
    assert len(rows) >= 3
    for _, body, month in rows:
        same_month = [b for _, b, mo in rows if mo == month]
        n = sum(count_terms(b).counts["货币政策"] for b in same_month)
        chars = sum(len(b) for b in same_month)
        got = db.execute("SELECT n, chars, rate_per_10k FROM mart_term_rates WHERE series = ? AND month = ? AND term = '货币政策'",
                         [PBOC, month]).fetchone()
        assert got[0] == n and got[1] == chars
        assert got[2] == pytest.approx(n * 10000 / chars, abs=1e-4)


def test_formulation_changes_are_set_differences_of_consecutive_meetings(db):
    meetings = db.execute("SELECT meeting_id, report_doc_id FROM meetings WHERE series = ? ORDER BY meeting_date", [PBOC]).fetchall()
    used = {doc: {r[0] for r in db.execute("SELECT canonical FROM formulations WHERE doc_id = ?", [doc]).fetchall()} for _, doc in meetings}
    total = 0
    for (_, prev_doc), (mid, doc) in zip(meetings, meetings[1:]):
        got = db.execute("SELECT change, canonical FROM mart_formulation_changes WHERE meeting_id = ?", [mid]).fetchall()
        assert {c for ch, c in got if ch == "added"} == used[doc] - used[prev_doc]
        assert {c for ch, c in got if ch == "dropped"} == used[prev_doc] - used[doc]
        total += len(got)
    assert total > 0


def test_theme_shifts_compare_each_meeting_with_the_one_before(db):
    meetings = db.execute("SELECT meeting_id, report_doc_id FROM meetings WHERE series = ? ORDER BY meeting_date", [PBOC]).fetchall()

    def shares(doc):
        return dict(db.execute("SELECT theme_id, share FROM theme_scores WHERE doc_id = ?", [doc]).fetchall())

    for (_, prev_doc), (mid, doc) in zip(meetings, meetings[1:]):
        now, before = shares(doc), shares(prev_doc)
        rows = db.execute("SELECT theme_id, share, prev_share, rank FROM mart_theme_shifts WHERE meeting_id = ? ORDER BY rank", [mid]).fetchall()
        assert {t for t, *_ in rows} == set(now) | set(before)
        for theme, share, prev, _ in rows:
            assert share == pytest.approx(now.get(theme, 0)) and prev == pytest.approx(before.get(theme, 0))
        moves = [abs(now.get(t, 0) - before.get(t, 0)) for t, *_ in rows]
        assert moves == sorted(moves, reverse=True)


def test_directive_summary_counts_every_directive_of_the_reports(db):
    assert db.execute("SELECT sum(directives) FROM mart_directive_summary").fetchone()[0] == db.execute(
        "SELECT count(*) FROM directives x JOIN meetings m ON x.doc_id = m.report_doc_id").fetchone()[0]


def test_distinctive_terms_equal_core_keyness_against_the_previous_meetings(db):
    meetings = db.execute("SELECT meeting_id, report_doc_id, series FROM meetings WHERE series = ? ORDER BY meeting_date", [PBOC]).fetchall()
    last_id, last_doc, series = meetings[-1]
    baseline_docs = [doc for _, doc, _ in meetings[-7:-1]]

    def counts(docs):
        out = {}
        for term, n in db.execute(
                f"SELECT term, sum(n) FROM term_counts WHERE doc_id IN ({','.join('?' * len(docs))}) AND term NOT LIKE '〈%' GROUP BY term", docs).fetchall():
            out[term] = int(n)
        return out

    # the prior's background is the meeting and its baseline together: compare()'s default
    expected = compare(counts([last_doc]), counts(baseline_docs), prior_size=500, top=5, min_count=3)
    got = db.execute(
        "SELECT term, z, baseline_meetings FROM mart_distinctive_terms WHERE meeting_id = ? AND rank <= 5 ORDER BY direction DESC, rank",
        [last_id]).fetchall()
    assert got[0][2] == len(baseline_docs)
    assert [t for t, _, _ in got] == [k.term for k in expected]
    assert [z for _, z, _ in got] == pytest.approx([k.z for k in expected], abs=1e-5)


def test_any_two_groups_of_meetings_can_be_compared(db):
    from dagster_project.analysis import distinctive_terms, meetings_where

    early = meetings_where(db, series=PBOC, end="2024-06-30")
    late = meetings_where(db, series=PBOC, start="2024-07-01")
    assert early and late and not set(early) & set(late)
    rows = distinctive_terms(db, late, early, top=5)
    assert rows and all(r.n_target + r.n_reference >= 3 for r in rows)
    assert [r.z for r in rows if r.z > 0] == sorted((r.z for r in rows if r.z > 0), reverse=True)
    # a quote in a value is a value, never SQL
    assert meetings_where(db, series="x' OR '1'='1") == []


def test_a_mart_or_check_that_fails_leaves_the_others_built(tmp_path, monkeypatch):
    """The marts share one step and the checks another: one mart whose SQL fails, and one check that
    raises, fail their step (and the run) but alone: the other marts are built and the other checks
    give their verdicts."""
    import shutil

    from dagster_project.defs import checks, marts

    from .conftest import RAW_FIXTURES, run_assets

    raw = tmp_path / "raw"
    shutil.copytree(RAW_FIXTURES, raw)
    real_sql = marts.sql_text
    monkeypatch.setattr(marts, "sql_text", lambda name: "SELECT * FROM no_such_table" if name == "marts/theme_shifts" else real_sql(name))

    def broken(con):
        raise ValueError("a check bug")

    monkeypatch.setattr(checks, "CHECKS", [(spec, broken if spec.name == "meetings_have_chairs" else fn) for spec, fn in checks.CHECKS])
    result = run_assets(raw, tmp_path / "marts", must_succeed=False)
    assert not result.success
    made = {m.asset_key.path[0] for m in result.asset_materializations_for_node("sql_marts")}
    assert made == {f"mart_{name}" for name in marts.MARTS if name != "theme_shifts"}
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE" and e.step_key == "sql_marts")
    assert "mart_theme_shifts" in str(failure.event_specific_data.error) and "no_such_table" in str(failure.event_specific_data.error)
    evals = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert set(evals) == {spec.name for spec, _ in checks.CHECKS}
    assert not evals["meetings_have_chairs"].passed and "a check bug" in evals["meetings_have_chairs"].description
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE" and e.step_key == "quality_checks")
    assert "meetings_have_chairs" in str(failure.event_specific_data.error) and "a check bug" in str(failure.event_specific_data.error)
    assert evals["meetings_have_date_and_series"].passed and evals["duplicate_share"].passed


def test_distinctive_terms_computed_in_passes_equal_one_pass(full_run, tmp_path, monkeypatch):
    """Many meetings to compute are done a few thousand per pass (the memory cap); passes of three
    meetings over the fixture corpus give the rows of the run's single pass, and record every meeting's
    inputs, so the next build finds nothing to do. With a meeting gone, the build in passes deletes its
    rows, recomputes the meetings whose baseline held it, keeps the others, and ends equal to a rebuild."""
    import math
    import shutil

    import duckdb

    from dagster_project.defs import marts
    from dagster_project.defs.marts import BaselineConfig, _build, bind_settings

    _, marts_dir, _ = full_run
    shutil.copyfile(marts_dir / "huiyi.duckdb", tmp_path / "copy.duckdb")
    monkeypatch.setitem(marts.PARTS_PER_PASS, "distinctive_terms", 3)
    logged = []
    query = "SELECT * FROM mart_distinctive_terms ORDER BY meeting_id, direction, rank"
    with duckdb.connect(str(tmp_path / "copy.duckdb")) as con:
        one_pass = con.execute(query).fetchall()
        settings = bind_settings(con, BaselineConfig())
        con.execute("DROP TABLE mart_distinctive_terms")  # a first build: every meeting to compute
        assert _build(con, "distinctive_terms", logged.append, *settings)
        meetings = con.execute("SELECT count(*) FROM meetings").fetchone()[0]
        assert f"{meetings} of {meetings} meetings computed in {math.ceil(meetings / 3)} passes" in logged[-1]
        assert con.execute(query).fetchall() == one_pass and len(one_pass) > 100
        # its signature forgotten, the next build compares every meeting's inputs and finds none changed
        con.execute("DELETE FROM huiyi_meta WHERE key = 'built:mart_distinctive_terms'")
        assert not _build(con, "distinctive_terms", logged.append, *settings)
        assert f"0 of {meetings} meetings computed" in logged[-1]

        # a meeting in the middle of the longest series gone: it leaves the baselines of the next six
        longest = con.execute("SELECT series FROM meetings GROUP BY series ORDER BY count(*) DESC, series LIMIT 1").fetchone()[0]
        series = con.execute("SELECT meeting_id FROM meetings WHERE series = ? ORDER BY meeting_date", [longest]).fetchall()
        assert len(series) >= 5
        gone = series[len(series) // 2][0]
        con.execute("DELETE FROM meetings WHERE meeting_id = ?", [gone])
        assert _build(con, "distinctive_terms", logged.append, *settings)
        changed = int(logged[-1].split(" of ")[0].rsplit(" ", 1)[-1])
        assert 1 <= changed <= 6
        incremental = con.execute(query).fetchall()
        assert not any(r[0] == gone for r in incremental)
        con.execute("DROP TABLE mart_distinctive_terms")
        _build(con, "distinctive_terms", logged.append, *settings)
        assert con.execute(query).fetchall() == incremental
