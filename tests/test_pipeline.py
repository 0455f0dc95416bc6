"""The real Dagster assets materialised into a temporary marts folder, over real fixture records."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import duckdb

from .conftest import RAW_FIXTURES, SEED, run_assets

# What the fixture folder holds (tests/fixtures/PROVENANCE.md): 7 xwlb items of which 2 have no
# body, 3 HTML pages, the seed page, 5 central-bank rows, 2 government-report lines.
FIXTURE_DOCUMENTS = 5 + 3 + 1 + 5 + 2


def published(marts: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(marts / "huiyi.duckdb"), read_only=True)


def ingest_metadata(result, key: str) -> dict:
    mats = [m for m in result.asset_materializations_for_node("ingest") if m.asset_key.path[-1] == key]
    return {k: v.value for k, v in mats[0].metadata.items()}


def test_every_record_is_a_document_or_a_rejection(full_run):
    _, marts, _ = full_run
    with published(marts) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == FIXTURE_DOCUMENTS
        rejected = con.execute("SELECT raw_path, record_key, reason, detail FROM rejected_records ORDER BY raw_path").fetchall()
    assert [(r[1], r[2]) for r in rejected] == [("VIDE1355098152803141", "no_body"), ("VIDEEYOzjaGS0BMLfx4YG8Hb161215", "no_body")]
    assert all(r[0] in r[3] for r in rejected)  # each detail names its file


def test_html_pages_point_to_their_xwlb_twins(full_run):
    _, marts, _ = full_run
    with published(marts) as con:
        rows = con.execute(
            """SELECT h.native_id, h.duplicate_of, x.doc_id, h.canonical_id, x.canonical_id
               FROM documents h JOIN documents x ON x.source = 'xwlb' AND x.record_key = h.native_id
               WHERE h.source = 'cctv_html'"""
        ).fetchall()
        lone = con.execute("SELECT duplicate_of FROM documents WHERE native_id = 'VIDE0F0oK6jHeSnYELHPzlv9220304'").fetchone()
    assert sorted(r[0] for r in rows) == ["VIDE08fZsDG4eSiSqMiwGghT250905", "VIDEtWQUA0m5KqwmZOM9HeWG220310"]
    assert all(dup == twin and canon == twin_canon == twin for _, dup, twin, canon, twin_canon in rows)
    assert lone == (None,)  # its xwlb item is not in the fixtures: no twin, not a copy


def test_every_table_and_column_has_a_comment(full_run):
    _, marts, _ = full_run
    with published(marts) as con:
        tables = con.execute("SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()
        missing = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal AND (comment IS NULL OR comment = '')"
        ).fetchall()
    assert {"documents", "rejected_records", "raw_files"} <= {t for t, _ in tables}
    assert all(c for _, c in tables)
    assert missing == []


def test_traditional_report_is_simplified_with_its_original_kept(full_run):
    _, marts, _ = full_run
    with published(marts) as con:
        title, body, original, repairs = con.execute(
            "SELECT title, body, body_original, repairs FROM documents WHERE title LIKE '1954%'"
        ).fetchone()
    assert "全国人民代表大会" in body and "全國人民代表大會" in original
    assert any("traditional" in r for r in repairs)


def test_asset_checks_report_undated_and_untitled_documents(full_run):
    _, _, result = full_run
    evals = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert {"documents_have_titles", "documents_have_dates", "duplicate_share", "rejected_per_reason"} <= set(evals)
    # The NPC resolution has no year; the central-bank CSV has no title column.
    assert not evals["documents_have_dates"].passed and evals["documents_have_dates"].metadata["undated"].value == 1
    assert evals["documents_have_titles"].metadata["untitled"].value == 5
    assert evals["duplicate_share"].passed


def test_theme_check_counts_documents_without_a_theme_or_with_two_primaries(full_run, tmp_path):
    """The primary-theme check on a copy of the run's database where one document of 3+ sentences lost
    its theme rows and another got a second primary theme: it counts one of each."""
    from dagster_project.defs.measures import documents_have_one_primary_theme

    _, marts, result = full_run
    before = next(e for e in result.get_asset_check_evaluations() if e.check_name == "documents_have_one_primary_theme")
    assert before.metadata["untagged"].value == 0 and before.metadata["several_primary"].value == 0
    work = tmp_path / "work.duckdb"
    shutil.copyfile(marts / "work" / "huiyi_work.duckdb", work)
    with duckdb.connect(str(work)) as con:
        lost, twice = [r[0] for r in con.execute(
            """SELECT doc_id FROM theme_scores s JOIN document_lengths l USING (doc_id)
               WHERE l.sentences >= 3 GROUP BY doc_id HAVING count(*) >= 2 ORDER BY doc_id LIMIT 2""").fetchall()]
        con.execute("DELETE FROM theme_scores WHERE doc_id = ?", [lost])
        con.execute("UPDATE theme_scores SET is_primary = true WHERE doc_id = ?", [twice])
        result = documents_have_one_primary_theme(con)
    assert result["metadata"]["untagged"] == 1 and result["metadata"]["several_primary"] == 1


def test_metadata_carries_counts_and_previews(full_run):
    _, _, result = full_run
    meta = ingest_metadata(result, "documents")
    assert meta["dagster/row_count"] == FIXTURE_DOCUMENTS
    assert "焦作市委书记葛巧红" in meta["preview"]
    assert ingest_metadata(result, "rejected_records")["by_reason"] == {"no_body": 2}


def test_copies_across_encodings_and_chrome_are_marked(tmp_path):
    raw = tmp_path / "raw"
    (raw / "a").mkdir(parents=True)
    (raw / "b").mkdir()
    text = SEED.read_text(encoding="utf-8")
    shutil.copyfile(SEED, raw / "a" / "seed.txt")
    # The same report saved in GBK by another scraper.
    (raw / "b" / "seed_gbk.txt").write_bytes(text.encode("gbk"))
    # Syndicated: other site chrome, full-width punctuation throughout, and one sentence dropped.
    other = text.replace("中华网 china.com", "河南日报网 hnr.cn").replace(",", "，").replace("会议以视频形式召开。", "")
    (raw / "b" / "seed_syndicated.txt").write_text(other, encoding="utf-8")
    run_assets(raw, tmp_path / "marts")
    with published(tmp_path / "marts") as con:
        rows = con.execute("SELECT raw_path, duplicate_of, canonical_id, doc_id FROM documents ORDER BY raw_path").fetchall()
    canon = {r[2] for r in rows}
    assert len(canon) == 1
    assert sum(1 for r in rows if r[1] is None) == 1


def test_incremental_runs_read_only_what_changed(raw_copy, tmp_path):
    marts = tmp_path / "marts"
    held_back = raw_copy / "xwlb/assets/2025/20250905.json.gz"
    later = tmp_path / "later.json.gz"
    shutil.move(held_back, later)

    first = run_assets(raw_copy, marts)
    assert ingest_metadata(first, "raw_files")["files_parsed_this_run"] == 10  # 11 fixture files, one held back
    with published(marts) as con:
        parsed_before = dict(con.execute("SELECT raw_path, parsed_at FROM raw_files").fetchall())

    again = run_assets(raw_copy, marts)
    assert ingest_metadata(again, "raw_files")["files_parsed_this_run"] == 0

    # A touched but unchanged file is recognised by its hash and not parsed again.
    os.utime(SEED_COPY := raw_copy / "seed" / SEED.name, ns=(time.time_ns(), time.time_ns()))
    touched = run_assets(raw_copy, marts)
    assert ingest_metadata(touched, "raw_files")["files_parsed_this_run"] == 0

    # One new day file: exactly that file is parsed, and its item arrives (and finds its HTML twin).
    shutil.move(later, held_back)
    added = run_assets(raw_copy, marts)
    meta = ingest_metadata(added, "raw_files")
    assert meta["files_parsed_this_run"] == 1 and meta["parsed"] == ["xwlb/assets/2025/20250905.json.gz"]
    with published(marts) as con:
        parsed_after = dict(con.execute("SELECT raw_path, parsed_at FROM raw_files").fetchall())
        twin = con.execute("SELECT duplicate_of IS NOT NULL FROM documents WHERE native_id = 'VIDE08fZsDG4eSiSqMiwGghT250905' AND source = 'cctv_html'").fetchone()
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert {k: v for k, v in parsed_after.items() if k in parsed_before} == parsed_before
    assert twin == (True,) and n_docs == FIXTURE_DOCUMENTS

    # Term counts and theme scores: only the new documents were done; everything has its rows.
    assert _measured(added, "term_counts") == (1, 0)
    assert _measured(added, "theme_scores") == (1, 0)
    # and the commonest-terms preview is that document's: every term it lists is in one document
    counted = next(m for m in added.asset_materializations_for_node("term_counting") if m.asset_key.path[-1] == "term_counts")
    assert counted.metadata["commonest_terms_of"].value == "the documents counted by this run (1)"
    rows = [line.split("|")[1:-1] for line in counted.metadata["commonest_terms"].value.splitlines()[2:]]
    assert len(rows) == 20 and {r[2].strip() for r in rows} == {"1"}, rows
    # so is the formulations preview of the extraction step
    extracted = next(m for m in added.asset_materializations_for_node("extraction") if m.asset_key.path[-1] == "formulations")
    assert extracted.metadata["preview_of"].value == "the documents extracted by this run (1)"
    rows = [[c.strip() for c in line.split("|")[1:-1]] for line in extracted.metadata["preview"].value.splitlines()[2:]]
    with published(marts) as con:
        of_day = con.execute(
            """SELECT canonical, CAST(count(*) AS VARCHAR) FROM formulations
               WHERE doc_id IN (SELECT doc_id FROM documents WHERE raw_path = 'xwlb/assets/2025/20250905.json.gz')
               GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 10""").fetchall()
        assert con.execute("SELECT count(*) FROM formulations").fetchone()[0] > 0
    assert [tuple(r[:2]) for r in rows] == of_day, (rows, of_day)
    with published(marts) as con:
        assert con.execute("SELECT count(*) FROM documents WHERE is_report AND doc_id NOT IN (SELECT doc_id FROM document_lengths)").fetchone()[0] == 0
        seed_id = con.execute("SELECT doc_id FROM documents WHERE source = 'seed'").fetchone()[0]

    # Removing a raw file removes its rows, its term counts and theme scores included.
    SEED_COPY.unlink()
    removed = run_assets(raw_copy, marts)
    assert _measured(removed, "term_counts") == (0, 1)
    with published(marts) as con:
        assert con.execute("SELECT count(*) FROM documents WHERE source = 'seed'").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM raw_files WHERE raw_path LIKE 'seed/%'").fetchone()[0] == 0
        for table in ("term_counts", "document_lengths", "theme_scores", "counted_docs", "themed_docs"):
            assert con.execute(f"SELECT count(*) FROM {table} WHERE doc_id = ?", [seed_id]).fetchone()[0] == 0, table


def _measured(result, key: str) -> tuple[int, int]:
    """(documents done, documents forgotten) by this run's term counting or theme scoring."""
    node = "term_counting" if key == "term_counts" else "theme_scoring"
    mat = next(m for m in result.asset_materializations_for_node(node) if m.asset_key.path[-1] == key)
    return mat.metadata["documents_done_this_run"].value, mat.metadata["documents_forgotten_this_run"].value


def test_a_notebook_holding_the_database_never_blocks_a_run(raw_copy, tmp_path):
    marts = tmp_path / "marts"
    shutil.rmtree(raw_copy / "gov_reports")
    run_assets(raw_copy, marts)
    reader = published(marts)
    before = reader.execute("SELECT count(*) FROM documents").fetchone()[0]
    shutil.copytree(RAW_FIXTURES / "gov_reports", raw_copy / "gov_reports")
    run_assets(raw_copy, marts)  # must not fail while the reader holds the file
    assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == before  # the old snapshot, still readable
    reader.close()
    with published(marts) as fresh:
        assert fresh.execute("SELECT count(*) FROM documents").fetchone()[0] == before + 2


def test_a_notebook_that_connects_again_sees_the_new_run(raw_copy, tmp_path):
    """A notebook re-runs its connect cell after a run: the new connection must read what the run
    published, although the old one was never closed (DuckDB shares one open database per file in a
    process, so a second duckdb.connect read the old snapshot)."""
    from dagster_project.analysis import connect

    marts = tmp_path / "marts"
    shutil.rmtree(raw_copy / "gov_reports")
    run_assets(raw_copy, marts)
    con = connect(marts / "huiyi.duckdb")
    before = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    shutil.copytree(RAW_FIXTURES / "gov_reports", raw_copy / "gov_reports")
    run_assets(raw_copy, marts)
    con = connect(marts / "huiyi.duckdb")  # the cell run again
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == before + 2
    con.close()


def test_a_working_database_from_older_table_definitions_is_rebuilt(raw_copy, tmp_path):
    marts = tmp_path / "marts"
    run_assets(raw_copy, marts)
    with duckdb.connect(str(marts / "work" / "huiyi_work.duckdb")) as con:
        con.execute("UPDATE huiyi_meta SET value = 'an older schema' WHERE key = 'schema_version'")
    again = run_assets(raw_copy, marts)
    assert ingest_metadata(again, "raw_files")["files_parsed_this_run"] == 11
    with published(marts) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == FIXTURE_DOCUMENTS


def test_files_read_by_an_older_reader_are_read_again(raw_copy, tmp_path):
    marts = tmp_path / "marts"
    run_assets(raw_copy, marts)
    with duckdb.connect(str(marts / "work" / "huiyi_work.duckdb")) as con:
        con.execute("UPDATE raw_files SET reader_version = 'older' WHERE raw_path LIKE 'xwlb/%'")
    again = run_assets(raw_copy, marts)
    assert sorted(ingest_metadata(again, "raw_files")["parsed"]) == sorted(
        p.relative_to(raw_copy).as_posix() for p in (raw_copy / "xwlb").rglob("*.json.gz")
    )
    with published(marts) as con:
        # the re-read documents got their meeting flags back from the merge
        assert con.execute("SELECT count(*) FROM documents WHERE is_meeting IS NULL").fetchone()[0] == 0


def test_editing_a_source_yaml_or_a_date_reaches_documents_and_meetings(raw_copy, tmp_path):
    marts = tmp_path / "marts"
    run_assets(raw_copy, marts)
    (raw_copy / "seed" / "source.yaml").write_text("publisher: 焦作日报\n", encoding="utf-8")
    page = raw_copy / "seed" / SEED.name
    page.write_text(page.read_text(encoding="utf-8").replace("2021-12-14 16:43:32", "2022-12-14 16:43:32"), encoding="utf-8")
    run_assets(raw_copy, marts)
    with published(marts) as con:
        doc = con.execute("SELECT publisher, published_at::DATE FROM documents WHERE source = 'seed'").fetchone()
        meeting = con.execute("SELECT m.meeting_date FROM meetings m JOIN documents d ON d.meeting_id = m.meeting_id WHERE d.source = 'seed'").fetchone()
    assert str(doc[1]) == "2022-12-14"
    assert str(meeting[0]) == "2022-12-11"


def test_a_source_yaml_edit_alone_re_reads_its_files(raw_copy, tmp_path):
    marts = tmp_path / "marts"
    run_assets(raw_copy, marts)
    (raw_copy / "gov_csv" / "source.yaml").write_text("publisher: 中国人民银行\n", encoding="utf-8")
    again = run_assets(raw_copy, marts)
    assert ingest_metadata(again, "raw_files")["parsed"] == ["gov_csv/pboc_mpc_meetings.csv"]
    with published(marts) as con:
        assert con.execute("SELECT DISTINCT publisher FROM documents WHERE source = 'gov_csv'").fetchall() == [("中国人民银行",)]


def test_participants_are_one_row_per_meeting_person_and_role(full_run):
    _, marts, _ = full_run
    with published(marts) as con:
        rows, distinct, orphans = con.execute(
            "SELECT count(*), count(DISTINCT (meeting_id, name, role)), count(*) FILTER (WHERE meeting_id IS NULL) FROM participants"
        ).fetchone()
    assert rows == distinct and orphans == 0 and rows > 0


def test_the_offsets_check_verifies_what_changed_and_does_not_forget_a_failure(raw_copy, tmp_path):
    marts = tmp_path / "marts"

    def offsets(result):
        return next(e for e in result.get_asset_check_evaluations() if e.check_name == "directive_offsets_point_at_text")

    first = offsets(run_assets(raw_copy, marts))
    with published(marts) as con:
        extracted = con.execute("SELECT count(*) FROM extracted_docs").fetchone()[0]
    assert first.passed and first.metadata["documents_verified"].value == extracted > 0
    again = offsets(run_assets(raw_copy, marts))
    assert again.passed and again.metadata["documents_verified"].value == 0  # nothing was extracted again

    # A directive whose offsets are wrong, in a document written after the last passing check (as if an
    # extractor bug had just written it): it is found, and since a failing check does not move on, it is
    # found again on the next run, and the one after.
    work = next((marts / "work").glob("*.duckdb"))
    with duckdb.connect(str(work)) as con:
        doc = con.execute("UPDATE directives SET char_start = char_start + 1 WHERE directive_id = (SELECT min(directive_id) FROM directives) RETURNING doc_id").fetchone()[0]
        con.execute("UPDATE extracted_docs SET done_seq = nextval('extracted_docs_seq') WHERE doc_id = ?", [doc])
    for _ in range(2):
        failed = offsets(run_assets(raw_copy, marts))
        assert not failed.passed and failed.metadata["bad_directives"].value == 1
        assert failed.metadata["documents_verified"].value == 1


def _bytes_of(fd: int) -> bytes:
    return os.pread(fd, os.fstat(fd).st_size, 0)


def test_a_copy_published_earlier_is_rewritten_only_when_no_reader_holds_it(raw_copy, tmp_path):
    """Publishing keeps the database it replaces as a spare and, two runs later, writes the new one over
    it, changed blocks only, but never while a reader (here in this very process, which a plain fcntl
    lock would not see) has it open, and never while it is also the published file."""
    from dagster_project.store import SPARE_NAME, Paths, _free_spare

    marts = tmp_path / "marts"
    shutil.rmtree(raw_copy / "gov_reports")
    run_assets(raw_copy, marts)
    reader = published(marts)
    held = os.open(marts / "huiyi.duckdb", os.O_RDONLY)  # the reader's file, to compare its bytes later
    try:
        first = _bytes_of(held)
        shutil.copytree(RAW_FIXTURES / "gov_reports", raw_copy / "gov_reports")
        run_assets(raw_copy, marts)
        assert os.path.samestat(os.fstat(held), os.stat(marts / SPARE_NAME))  # the reader's file is the spare
        # The publish's probe finds the reader's lock and drops the spare's name: closing the probe's
        # descriptor released this process's locks on that file, so it must never be looked at again.
        assert _free_spare(Paths.resolve(raw_copy, marts)) is None and not (marts / SPARE_NAME).exists()
        run_assets(raw_copy, marts)  # copies the whole database: no spare
        assert _bytes_of(held) == first
        assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == FIXTURE_DOCUMENTS - 2
        reader.close()
    finally:
        os.close(held)

    # No reader now: the next run writes over the spare, which becomes the published file, equal byte
    # for byte to the working database and read as the same tables.
    spare = os.stat(marts / SPARE_NAME)
    run_assets(raw_copy, marts)
    assert os.path.samestat(os.stat(marts / "huiyi.duckdb"), spare)
    assert (marts / "huiyi.duckdb").read_bytes() == (marts / "work" / "huiyi_work.duckdb").read_bytes()
    with published(marts) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == FIXTURE_DOCUMENTS

    # A spare that is also the published file (a run killed between its two renames) is not rewritten.
    (marts / SPARE_NAME).unlink()
    os.link(marts / "huiyi.duckdb", marts / SPARE_NAME)
    held = os.open(marts / "huiyi.duckdb", os.O_RDONLY)
    try:
        before = _bytes_of(held)
        (raw_copy / "gov_reports" / "government_work_reports.jsonl").unlink()
        run_assets(raw_copy, marts)
        assert _bytes_of(held) == before
        assert not os.path.samestat(os.fstat(held), os.stat(marts / "huiyi.duckdb"))
    finally:
        os.close(held)
    with published(marts) as con:  # the file's two reports are gone
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == FIXTURE_DOCUMENTS - 2


def test_the_spare_is_kept_only_on_a_file_system_whose_readers_this_kernel_sees(tmp_path):
    """The file system of the marts folder is the longest mount point above it in /proc/self/mountinfo,
    whose escapes (\\040 for a space) are undone and whose other characters (会议) are taken as they are;
    a share that other machines' readers may hold (NFS, virtiofs) gets no spare."""
    from dagster_project.store import _LOCAL_FILE_SYSTEMS, file_system_of

    mountinfo = "\n".join([
        "22 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda rw",
        "30 22 0:40 / /mnt/my\\040data rw - nfs4 srv:/export rw",
        "31 22 0:41 / /mnt/会议 rw - virtiofs share rw",
        "32 22 0:42 / /mnt/my rw - tmpfs tmpfs rw",
    ])
    found = {f: file_system_of(Path(f), mountinfo) for f in ("/mnt/my data/marts", "/mnt/会议/marts", "/mnt/my/marts", "/mnt/mydata", "/srv")}
    assert found == {"/mnt/my data/marts": "nfs4", "/mnt/会议/marts": "virtiofs", "/mnt/my/marts": "tmpfs", "/mnt/mydata": "ext4", "/srv": "ext4"}
    assert {"nfs4", "virtiofs"}.isdisjoint(_LOCAL_FILE_SYSTEMS) and {"ext4", "tmpfs"} <= _LOCAL_FILE_SYSTEMS


def _copies_as_a_whole_comparison_makes_them(work_db: Path, tmp_path: Path):
    """(marks, pairs) in a working database, and those marking the copies over the whole corpus gives."""
    from dagster_project.defs.ingest import mark_copies

    copy = tmp_path / "copies_whole.duckdb"
    shutil.copyfile(work_db, copy)
    queries = ("SELECT doc_id, duplicate_of, canonical_id FROM documents ORDER BY ALL", "SELECT a, b, why FROM copy_pairs ORDER BY ALL")
    with duckdb.connect(str(copy)) as con:
        now = [con.execute(q).fetchall() for q in queries]
        con.execute("DELETE FROM copy_inputs")  # nothing marked before: the whole corpus is compared
        assert mark_copies(con)["compared"] == "whole corpus"
        whole = [con.execute(q).fetchall() for q in queries]
    return now, whole


def test_added_documents_are_compared_alone_when_they_change_no_pair_before_them(raw_copy, tmp_path):
    """Copy marks made by comparing only the documents a run adds equal those of comparing everything:
    when the additions leave every pair before them as it was (the government work reports, and a page
    that is a near copy of the seed report, which brings a pair of its own), and when they may not (the
    xwlb items, whose saved pages are already there), which the run detects, and then compares the
    whole corpus; so it does when the pairs kept were found by other detection code."""
    marts = tmp_path / "marts"
    work_db = marts / "work" / "huiyi_work.duckdb"
    shutil.rmtree(raw_copy / "gov_reports")
    run_assets(raw_copy, marts)
    with published(marts) as con:
        pairs_before = set(con.execute("SELECT a, b, why FROM copy_pairs").fetchall())
    assert pairs_before, "no pair before the additions: the pairs kept would not be tested"

    shutil.copytree(RAW_FIXTURES / "gov_reports", raw_copy / "gov_reports")
    seed = SEED.read_text(encoding="utf-8")
    edited = seed.replace("二要坚持问题导向", "二要坚持目标导向")
    assert edited != seed
    (raw_copy / "seed" / "jiaozuo-edited-copy.txt").write_text(edited, encoding="utf-8")
    result = run_assets(raw_copy, marts)
    assert ingest_metadata(result, "documents")["copies_compared"] == "3 added documents"
    now, whole = _copies_as_a_whole_comparison_makes_them(work_db, tmp_path)
    assert now == whole
    with published(marts) as con:
        copy_id = con.execute("SELECT doc_id FROM documents WHERE raw_path LIKE '%jiaozuo-edited-copy.txt'").fetchone()[0]
    assert pairs_before < set(now[1])
    assert any(why == "near" and copy_id in (a, b) for a, b, why in now[1])  # the added page's own pair

    # Pairs kept from other detection code are not added to: the whole corpus is compared.
    with duckdb.connect(str(work_db)) as con:
        con.execute("UPDATE huiyi_meta SET value = 'older' WHERE key = 'built:copy_pairs'")
    (raw_copy / "seed" / "jiaozuo-edited-copy-2.txt").write_text(edited.replace("三要抓住几个关键", "三要抓住关键环节"), encoding="utf-8")
    result = run_assets(raw_copy, marts)
    assert ingest_metadata(result, "documents")["copies_compared"] == "whole corpus"

    shutil.rmtree(raw_copy / "xwlb")
    result = run_assets(raw_copy, marts)
    assert ingest_metadata(result, "documents")["copies_compared"] == "whole corpus"  # documents gone
    shutil.copytree(RAW_FIXTURES / "xwlb", raw_copy / "xwlb")
    result = run_assets(raw_copy, marts)
    assert ingest_metadata(result, "documents")["copies_compared"] == "whole corpus"
    now, whole = _copies_as_a_whole_comparison_makes_them(work_db, tmp_path)
    assert now == whole
    assert sum(1 for _, dup, _ in now[0] if dup) >= 2  # the two pages point to their xwlb items


def test_a_removed_or_corrected_file_is_compared_alone_when_it_changes_no_pair_among_the_others(raw_copy, tmp_path):
    """A page that is a near copy of the seed report, read again with another sentence edited, then
    removed: the marks made by dropping its pairs and looking for those of its new text equal those of
    comparing everything, and the run says what it compared."""
    marts = tmp_path / "marts"
    work_db = marts / "work" / "huiyi_work.duckdb"
    seed = SEED.read_text(encoding="utf-8")
    edited = seed.replace("二要坚持问题导向", "二要坚持目标导向")
    assert edited != seed
    page = raw_copy / "seed" / "jiaozuo-edited-copy.txt"
    page.write_text(edited, encoding="utf-8")
    run_assets(raw_copy, marts)
    with published(marts) as con:
        page_id = con.execute("SELECT doc_id FROM documents WHERE raw_path LIKE '%jiaozuo-edited-copy.txt'").fetchone()[0]

    corrected = edited.replace("三要抓住几个关键", "三要抓住关键环节")
    assert corrected != edited
    page.write_text(corrected, encoding="utf-8")
    result = run_assets(raw_copy, marts)
    assert ingest_metadata(result, "documents")["copies_compared"] == "1 changed document"
    now, whole = _copies_as_a_whole_comparison_makes_them(work_db, tmp_path)
    assert now == whole
    assert any(why == "near" and page_id in (a, b) for a, b, why in now[1])  # still a near copy of the seed report
    with duckdb.connect(str(work_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM copy_gone").fetchone()[0] == 0  # emptied by the marking

    page.unlink()
    result = run_assets(raw_copy, marts)
    assert ingest_metadata(result, "documents")["copies_compared"] == "1 removed document"
    now, whole = _copies_as_a_whole_comparison_makes_them(work_db, tmp_path)
    assert now == whole
    assert not any(page_id in (a, b) for a, b, _ in now[1])
    assert page_id not in {d for d, _, _ in now[0]}

    # A document gone without what it was kept (its rows deleted by hand, not by a run forgetting its
    # file): nothing can be said of the pairs it leaves, and the whole corpus is compared.
    page.write_text(corrected, encoding="utf-8")
    result = run_assets(raw_copy, marts)
    assert ingest_metadata(result, "documents")["copies_compared"] == "1 added document"
    from dagster_project.defs.ingest import mark_copies

    with duckdb.connect(str(work_db)) as con:
        con.execute("DELETE FROM doc_minhash WHERE doc_id = ?", [page_id])
        con.execute("DELETE FROM documents WHERE doc_id = ?", [page_id])
        assert mark_copies(con)["compared"] == "whole corpus"



def test_documents_too_many_to_keep_make_the_next_marking_compare_the_whole_corpus(raw_copy, tmp_path, monkeypatch):
    """When the documents a run forgets are too many to keep as the marks saw them, the next marking
    compares the whole corpus. Else a run stopped before its marking, after writing part of a file again,
    would leave a later run to keep the documents' state in between, which the marks never saw (found in
    review: a changed report flag then hid a MinHash bucket that shrank)."""
    from dagster_project.defs import ingest as ing
    from dagster_project.defs.tables import transaction

    marts = tmp_path / "marts"
    work_db = marts / "work" / "huiyi_work.duckdb"
    run_assets(raw_copy, marts)
    with duckdb.connect(str(work_db)) as con:
        path = con.execute("SELECT raw_path FROM documents WHERE source = 'seed'").fetchone()[0]
        con.execute("CREATE TEMP TABLE saved AS SELECT * FROM documents WHERE raw_path = ?", [path])
        con.execute("CREATE TEMP TABLE saved_sigs AS SELECT * FROM doc_minhash WHERE doc_id IN (SELECT doc_id FROM saved)")
        monkeypatch.setattr(ing, "ADDED_ALWAYS_ALONE", 0)
        monkeypatch.setattr(ing, "ADDED_SHARE_FOR_WHOLE", 0.0)
        with transaction(con):
            ing._forget_files(con, [path])  # more than may be kept (none, here): nothing is kept
        monkeypatch.undo()
        assert con.execute("SELECT count(*) FROM copy_gone").fetchone()[0] == 0
        # the run stopped after writing the file's document again, its report flag changed meanwhile;
        # a later run forgets the file again, and keeps what it finds
        con.execute("INSERT INTO documents SELECT * REPLACE (false AS is_report) FROM saved")
        con.execute("INSERT INTO doc_minhash SELECT * FROM saved_sigs")
        with transaction(con):
            ing._forget_files(con, [path])
        assert con.execute("SELECT count(*) FROM copy_gone").fetchone()[0] > 0
        assert ing.mark_copies(con)["compared"] == "whole corpus"

def test_a_removal_that_lets_a_crowded_bucket_propose_pairs_compares_the_whole_corpus(raw_copy, tmp_path):
    """Fifty-eight reposts of the seed report, each with a line of its own, share MinHash buckets of more
    than 50 documents, which propose no pairs (boilerplate). Removing two leaves every such bucket above
    50, and the run compares only what left; removing more brings a bucket to 50, whose members then
    become near pairs: a run that only dropped the pairs of the documents gone would miss them, so it
    compares the whole corpus. Both times the marks equal those of comparing everything."""
    marts = tmp_path / "marts"
    work_db = marts / "work" / "huiyi_work.duckdb"
    seed = SEED.read_text(encoding="utf-8")
    reposts = raw_copy / "seed" / "reposts"
    reposts.mkdir()
    for k in range(58):
        (reposts / f"repost-{k:02d}.txt").write_text(seed.rstrip() + f"\n本文转载自第{k + 1}号站点。\n", encoding="utf-8")
    run_assets(raw_copy, marts)

    def crowded_buckets():
        """Per band, the members of the reposts' largest bucket, as copy detection counts them."""
        with duckdb.connect(str(work_db), read_only=True) as con:
            return dict(con.execute(
                """SELECT band, max(n) FROM (SELECT m.band, m.bucket, count(*) AS n FROM doc_minhash m
                   JOIN documents d USING (doc_id) WHERE d.raw_path LIKE '%reposts/%' GROUP BY 1, 2) GROUP BY 1""").fetchall())

    def repost_pairs(pairs):
        with duckdb.connect(str(work_db), read_only=True) as con:
            ids = {r[0] for r in con.execute("SELECT doc_id FROM documents WHERE raw_path LIKE '%reposts/%'").fetchall()}
        return [p for p in pairs if p[0] in ids and p[1] in ids]

    sizes = crowded_buckets()
    assert len(sizes) == 8 and min(sizes.values()) >= 53, sizes  # every band: one bucket of more than 52
    with duckdb.connect(str(work_db), read_only=True) as con:
        assert repost_pairs(con.execute("SELECT a, b, why FROM copy_pairs").fetchall()) == []

    for k in (0, 1):
        (reposts / f"repost-{k:02d}.txt").unlink()
    result = run_assets(raw_copy, marts)
    assert ingest_metadata(result, "documents")["copies_compared"] == "2 removed documents"
    now, whole = _copies_as_a_whole_comparison_makes_them(work_db, tmp_path)
    assert now == whole and repost_pairs(now[1]) == []

    for k in range(2, 10):
        (reposts / f"repost-{k:02d}.txt").unlink()
    result = run_assets(raw_copy, marts)
    assert min(crowded_buckets().values()) <= 50
    assert ingest_metadata(result, "documents")["copies_compared"] == "whole corpus"
    now, whole = _copies_as_a_whole_comparison_makes_them(work_db, tmp_path)
    assert now == whole
    assert repost_pairs(now[1])  # the bucket of 50 or fewer proposes its members, near copies of each other
