"""The faster forms of the per-document code give what the plain forms give, on real text.

Each test states the plain definition (a lookbehind pattern, the MinHash formula over Python integers,
one pass per sentence) and checks the fast code against it on the fixture reports; and the shared
process pool is replaced when a step's code or lexicon changed.
"""

import re

import numpy as np
import pytest

from dagster_project.core import dedup, directives, formulations, parallel, themes
from dagster_project.core.numerals import CN_NUMERAL
from dagster_project.core.ingest import ingest_batch, list_raw_files

from .conftest import RAW_FIXTURES
from .labelled import THEMES_HOLDOUT, load_gold


@pytest.fixture(scope="module")
def bodies() -> list[str]:
    """The fixture reports: the raw folder's and the hand-labelled set's, cleaned as a run cleans them."""
    files, _ = list_raw_files(RAW_FIXTURES)
    docs = ingest_batch([str(f) for f in files], str(RAW_FIXTURES))["documents"].to_pydict()
    out = [b for b in docs["body"] if b] + [g.doc.body for g in load_gold() + load_gold(THEMES_HOLDOUT) if g.doc.body]
    assert len(out) >= 50
    return out


# The marker patterns as they were written before: what must come before a marker as a lookbehind.
_CN = directives._CN
_BOUNDARY = r"(?:(?<=^)|(?<=[\n。；：，:;]))"
LOOKBEHIND_FAMILIES = {
    "yao": rf"(?<![{_CN}第统唯万同进之逐专单划归合])(?P<m>(?P<n>[{_CN}]{{1,2}})要)(?!求|点|素|件|害|闻|务|是|紧|事|么)",
    "shi": rf"(?<![{_CN}第])(?P<m>(?P<n>[{_CN}]{{1,2}})是)(?!否|非|不是|指|说|因为|由于|为了)",
    "di": rf"{_BOUNDARY}(?P<m>第(?P<n>[{_CN}]{{1,2}})[，、,：:]|(?P<n1>首先)[，,])",
    "paren": rf"{_BOUNDARY}(?P<m>[（(](?P<n>[{_CN}]{{1,2}})[）)])",
    "paren_digit": rf"{_BOUNDARY}(?P<m>[（(](?P<n>\d{{1,2}})[）)])",
    "dun": rf"(?:(?<=^)|(?<=\n))(?P<m>(?P<n>[{_CN}]{{1,2}})、)",
    "arabic": rf"{_BOUNDARY}(?P<m>(?P<n>\d{{1,2}})[.、．](?!\d))",
    "seq": rf"{_BOUNDARY}(?P<m>(?P<n>首先|其次|再次|然后|最后)[，,、])",
}
# Texts made to trip the candidate-then-test form: markers run together, after excluded characters,
# at the very start, after every boundary character.
TRICKY = ["一要二要三要", "统一要求，一要抓好", "三十一、工作", "\n三十一、工作", "2012.3.一是", "第一，第二、首先，其次，最后、",
          "（一）（二）(三)", "万一二要", "一是二是，三是", "：1.做好；2、抓紧", "首先，\n其次，", "十二要求",
          # each family where the character before rules the marker out
          "工作。一、充分认识", "好的（一）做好", "要做1.好", "要做(1)好", "他说第一，", "然首先，", "第一是", "进一要"]


# A list in every family, its second item in ASCII, full-width and Arabic-Indic digits too: each must have a
# second-item marker for _lists' precheck
LISTS = ["一要做好，二要抓紧", "一是做好；二是抓紧", "第一，做好。第二，抓紧", "首先，做好。第二，抓紧", "（一）做好。（二）抓紧", "(1)做好。(2)抓紧", "（１）做好；（２）抓紧",
         "一、做好\n二、抓紧", "1.做好；2.抓紧", "１．做好；２．抓紧", "01.做好；02.抓紧", "\u0661.做好；\u0662.抓紧",
         "首先，做好。其次，抓紧", "首先，做好。最后，抓紧"]


def test_no_list_without_a_second_item_marker(bodies):
    """_lists finds no markers where no second-item marker (二要, 第二, 2., 其次…) appears: it gives what the runs of all
    of a text's markers give, on every fixture report and the texts above."""
    with_lists = 0
    for text in bodies + TRICKY + LISTS:
        plain = directives._runs(text, directives._markers(text))
        assert directives._lists(text) == plain, text[:80]
        if plain:
            with_lists += 1
            assert directives._SECOND_ITEM.search(text), text[:80]
    assert all(directives._lists(t) for t in LISTS)
    assert with_lists >= 30


def test_numbered_formulas_match_the_pattern_without_its_look_ahead(bodies):
    """NUMBERED opens with a look-ahead for a numeral or digit, which only lets the engine skip faster."""
    head = f"(?=[{CN_NUMERAL}\\d])"
    assert formulations.NUMBERED.pattern.startswith(head)
    plain = re.compile(formulations.NUMBERED.pattern[len(head):])
    found = 0
    for text in bodies + ["11类重点人员", "两个确保、四个意识", "十四五规划", "三大攻坚战", "第二个确保", "二十大战略部署"]:
        want = [m.span("f") for m in plain.finditer(text)]
        assert [m.span("f") for m in formulations.NUMBERED.finditer(text)] == want, text[:80]
        found += len(want)
    assert found >= 20


def test_list_markers_match_the_lookbehind_patterns(bodies):
    assert set(LOOKBEHIND_FAMILIES) == set(directives.FAMILIES)
    found = 0
    for text in bodies + TRICKY:
        for fam, plain in LOOKBEHIND_FAMILIES.items():
            want = [(m.start(), m.end()) for m in re.finditer(plain, text)]
            must, chars = directives.FAMILY_BEFORE[fam]
            got = [(m.start(), m.end()) for m in directives.FAMILIES[fam].finditer(text)
                   if m.start() == 0 or (text[m.start() - 1] in chars) == must]
            assert got == want, (fam, text[:80])
            found += len(want)
    assert found > 50


def _minhash_by_definition(body: str) -> list[int] | None:
    """The signature from its definition: per hash function, the least ((h * a + b) mod 2^64) >> 16 over
    the polynomial hashes h of the 5-character shingles, in Python integers."""
    s = dedup._KEEP.sub("", body)
    if len(s) < dedup.MIN_CHARS:
        return None
    mask = (1 << 64) - 1
    shingles = set()
    for i in range(len(s) - dedup.SHINGLE + 1):
        h = 0
        for ch in s[i:i + dedup.SHINGLE]:
            h = (h * int(dedup._BASE) + ord(ch)) & mask
        shingles.add(h)
    return [min((((h * int(a)) & mask) + int(b) & mask) >> 16 for h in shingles) for a, b in zip(dedup._A, dedup._B)]


def test_minhash_is_its_definition(bodies):
    for body in bodies[::6] + ["短文" * 10, "会" * 79, "会议" * 45]:
        got = dedup.minhash(body)
        want = _minhash_by_definition(body)
        assert (got is None) == (want is None)
        if want is not None:
            assert got.tolist() == want


def _bucket_by_definition(values: list[int]) -> int:
    """A band's LSH bucket from its definition, in Python integers: splitmix64's multiply and xor-shift
    steps over the band's four values, modulo 2^64."""
    mask = (1 << 64) - 1
    x = 0x9E3779B97F4A7C15
    for v in values:
        x = ((x ^ v) * 0xBF58476D1CE4E5B9) & mask
        x ^= x >> 31
        x = (x * 0x94D049BB133111EB) & mask
        x ^= x >> 29
    return x


def test_signatures_of_many_bodies_together_are_each_one_alone(bodies):
    """minhash_many hashes the shingles of a group of bodies at once: no shingle may cross from one body
    into the next, and a group boundary (every _CHUNK characters) must not change a value. Each row is
    checked against the definition in Python integers, and so is each band's bucket."""
    group = bodies + ["短文" * 10, "会" * 79] + bodies * 3
    assert sum(map(len, group)) > 2 * dedup._CHUNK
    kept, sigs = dedup.minhash_many(group)
    assert len(kept) > 300
    want = {}
    for i, body in enumerate(group):
        if body not in want:
            want[body] = _minhash_by_definition(body)
    assert kept == [i for i, body in enumerate(group) if want[body] is not None]
    for row, i in zip(sigs, kept):
        assert row.tolist() == want[group[i]]
    buckets = dedup.band_buckets_many(sigs)
    for row, got in zip(sigs[:40], buckets[:40]):
        values = row.tolist()
        assert got.tolist() == [_bucket_by_definition(values[b * dedup.ROWS:(b + 1) * dedup.ROWS]) for b in range(dedup.BANDS)]
    # the same body signed twice in one group lands in the same buckets
    first = {group[i]: k for k, i in enumerate(kept)}
    assert all(buckets[k].tolist() == buckets[first[group[i]]].tolist() for k, i in enumerate(kept))


def test_a_body_longer_than_a_chunk_is_signed_in_chunks_to_the_same_values(bodies, monkeypatch):
    """Bodies longer than dedup._CHUNK are hashed alone, a chunk at a time (memory stays bounded); with
    the chunk made small, every long fixture body takes that path and must give its definition."""
    monkeypatch.setattr(dedup, "_CHUNK", 300)
    long = [b for b in bodies if len(dedup._KEEP.sub("", b)) > 300][:12]
    assert len(long) == 12
    kept, sigs = dedup.minhash_many(long + ["短文" * 10] + long[:2])
    assert kept == [*range(12), 13, 14]
    for row, body in zip(sigs, long + long[:2]):
        assert row.tolist() == _minhash_by_definition(body)


def test_theme_hits_are_those_of_each_sentence_alone(bodies):
    """One matcher pass over the body gives each sentence the hits a pass over that sentence gives."""
    tax = themes.default_taxonomy()
    n = 0
    for body in bodies:
        sents = themes.sentences(body)
        if not sents:
            continue
        per = themes._sentence_hits(body, sents, tax)
        for (s, e), hits in zip(sents, per):
            alone: dict = {}
            for end, (k, payload, phrase) in tax.matcher().iter(body[s:e]):
                for ti, w in payload:
                    alone.setdefault(ti, []).append((s + end + 1 - k, s + end + 1, w, phrase))
            assert hits == alone
            n += sum(len(v) for v in hits.values())
    assert n > 100


def _pid(_):
    import os

    return os.getpid()


def test_the_shared_pool_is_replaced_when_a_steps_version_changes():
    try:
        pool = parallel.shared_pool(2, "terms", "v1")
        assert parallel.shared_pool(2, "terms", "v1") is pool
        assert parallel.shared_pool(2, "themes", "w1") is pool  # another step: the same warm workers
        assert parallel.warm_pool(2) is pool
        first = set(pool.map(_pid, range(8)))
        fresh = parallel.shared_pool(2, "terms", "v2")  # the lexicon changed: no worker keeps the old one
        assert fresh is not pool
        assert not first & set(fresh.map(_pid, range(8)))
    finally:
        parallel.shutdown_pool()
    assert parallel.warm_pool(2) is None


def test_map_batches_gives_results_in_order_through_the_pool():
    try:
        out = list(parallel.map_batches(np.sum, [np.arange(i) for i in range(30)], workers=2, step="t", version="1"))
        assert out == [sum(range(i)) for i in range(30)]
    finally:
        parallel.shutdown_pool()


def test_a_lexicon_edited_between_two_runs_of_one_process_changes_the_extraction_version(tmp_path, monkeypatch):
    """The shared pool is replaced when a step's version changes; for extraction (and themes, which
    include it) that version must see a lexicon file edited while the process lives."""
    import shutil

    from dagster_project.core import extract, lexicon, measures

    lex = tmp_path / "lexicon"
    shutil.copytree(lexicon.LEXICON_DIR, lex)
    monkeypatch.setattr(extract, "LEXICON_DIR", lex)
    before, themes_before = extract.extractor_version(), measures.themes_version()
    with open(lex / "leaders.txt", "a", encoding="utf-8") as f:
        f.write("\n张三丰\n")
    assert extract.extractor_version() != before
    assert measures.themes_version() != themes_before
    # …and so must the list of quoted words that are no formulation
    after_leaders = extract.extractor_version()
    with open(lex / "not_formulations.txt", "a", encoding="utf-8") as f:
        f.write("\n定海神针\n")
    assert extract.extractor_version() != after_leaders


def _copy_candidates(con, fresh: list[str] | None = None) -> set[tuple]:
    """copy_candidates.sql over the documents in the tables, or copy_candidates_added.sql for `fresh`."""
    import pyarrow as pa

    from dagster_project.store import sql_text

    if fresh is None:
        return set(con.execute(sql_text("steps/copy_candidates")).fetchall())
    con.register("fresh", pa.table({"doc_id": pa.array(fresh, pa.string())}))
    try:
        return set(con.execute(sql_text("steps/copy_candidates_added")).fetchall())
    finally:
        con.unregister("fresh")


@pytest.mark.parametrize("seed", range(24))
def test_the_candidates_of_added_documents_complete_those_before_them(seed):
    """What copy_candidates_added.sql proposes for added documents, with the candidates before them, is
    what copy_candidates.sql proposes over all of them, unless it says the additions change pairs before
    them ('blocked'), which it must say whenever they do. Random corpora: shared contents and publisher
    ids (new documents anywhere in id order, often first of their group, some with contents of their own
    so that only a publisher id can put them first), short and non-report documents, undated ones, and in
    every other corpus new documents of their own content that crowd one MinHash bucket past its
    50-member limit, or up to it."""
    import duckdb

    rng = np.random.default_rng(seed)
    n_old, n_new = 300, int(rng.integers(1, 12))
    # every other corpus crowds a bucket; of the rest, half give the new documents contents of their own,
    # so that only their publisher ids can make them first of a group
    crowd, own_content = seed % 2 == 1, seed % 4 == 2
    order = np.arange(n_old + n_new) if crowd else rng.permutation(n_old + n_new)
    ids = [f"d{i:04d}" for i in order]  # the last n_new are added later
    crowded = int(rng.integers(44, 51))  # old documents in bucket 0 of band 0
    con = duckdb.connect()
    con.execute("""CREATE TABLE documents (doc_id VARCHAR, content_hash VARCHAR, native_id VARCHAR, n_chars INTEGER,
                   is_report BOOLEAN, published_at TIMESTAMP)""")
    con.execute("CREATE TABLE doc_minhash (doc_id VARCHAR, band TINYINT, bucket UBIGINT)")
    for k, doc in enumerate(ids):
        new = k >= n_old
        day = None if rng.random() < 0.05 else f"2024-01-{1 + int(rng.integers(0, 20)):02d}"
        content = f"own{k}" if new and (crowd or own_content) else f"c{int(rng.integers(0, 600))}"
        native = None if (new and crowd) or rng.random() < 0.5 else f"n{int(rng.integers(0, 400))}"
        short = rng.random() < 0.04
        con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                    [doc, content, native, 10 if short else 400, bool(rng.random() > 0.03), day])
        for band in range(2):
            in_crowd = band == 0 and (k < crowded or (new and crowd))
            con.execute("INSERT INTO doc_minhash VALUES (?, ?, ?)", [doc, band, 0 if in_crowd else int(rng.integers(1, 40))])
    fresh = ids[n_old:]
    con.execute("CREATE TABLE later AS SELECT * FROM documents WHERE doc_id IN (SELECT unnest(?))", [fresh])
    con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM later)")
    before = _copy_candidates(con)
    con.execute("INSERT INTO documents SELECT * FROM later")
    after = _copy_candidates(con)
    added = _copy_candidates(con, fresh)
    blocked = {r for r in added if r[2] == "blocked"}
    if not blocked:
        assert before | added == after
    if not before <= after:
        assert blocked, "pairs before the additions changed and nothing said so"


def _copy_tables():
    """An in-memory database with the columns copy detection and the removal blockers read."""
    import duckdb

    con = duckdb.connect()
    con.execute("""CREATE TABLE documents (doc_id VARCHAR, content_hash VARCHAR, native_id VARCHAR, n_chars INTEGER,
                   is_report BOOLEAN, published_at TIMESTAMP)""")
    con.execute("CREATE TABLE doc_minhash (doc_id VARCHAR, band TINYINT, bucket UBIGINT)")
    con.execute("CREATE TABLE copy_pairs (a VARCHAR, b VARCHAR, why VARCHAR)")
    con.execute("CREATE TABLE copy_gone (doc_id VARCHAR, in_bodies BOOLEAN, band TINYINT, bucket UBIGINT)")
    return con


@pytest.mark.parametrize("seed", range(24))
def test_the_candidates_after_documents_leave_are_those_kept_without_them(seed):
    """When documents leave (a file removed, or read again: a changed document leaves and comes back as
    added), copy_removal_blocked.sql says whether the candidates among those that stay are the ones
    before less those of the documents gone, and must say so whenever they are not; then, with the
    changed documents compared as added (copy_candidates_added.sql), the candidates kept and added are
    those of copy_candidates.sql over the documents after, unless that says it is blocked. Random
    corpora: shared contents and publisher ids (documents gone often first of their group), short,
    non-report and undated documents, and in every other corpus a MinHash bucket crowded with 50 to 57
    members of their own contents, some of which leave and some of which come back changed. The order
    is the marking's: the changed documents are back when the blockers run."""
    import pyarrow as pa

    from dagster_project.store import sql_text

    rng = np.random.default_rng(1000 + seed)
    n = 300
    ids = [f"d{i:04d}" for i in rng.permutation(n)]
    crowd = seed % 2 == 1
    crowded = int(rng.integers(50, 58)) if crowd else 0  # documents in bucket 0 of band 0, each of its own content
    con = _copy_tables()

    def add(doc: str, k: int, content: str) -> None:
        day = None if rng.random() < 0.05 else f"2024-01-{1 + int(rng.integers(0, 20)):02d}"
        native = None if rng.random() < 0.5 else f"n{int(rng.integers(0, 200))}"
        short = rng.random() < 0.04
        con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)", [doc, content, native, 10 if short else 400, bool(rng.random() > 0.03), day])
        for band in range(2):
            con.execute("INSERT INTO doc_minhash VALUES (?, ?, ?)", [doc, band, 0 if band == 0 and k < crowded else int(rng.integers(1, 40))])

    for k, doc in enumerate(ids):
        add(doc, k, f"own{k}" if k < crowded else f"c{int(rng.integers(0, 250))}")
    before = _copy_candidates(con)
    # copy_pairs holds the exact and same-item pairs as found (near ones confirmed; the blockers read
    # only the exact and same-item ones)
    con.executemany("INSERT INTO copy_pairs VALUES (?, ?, ?)", [list(p) for p in before])

    # documents that leave: some of the crowd when there is one, and others at random, often first of a group
    n_gone = int(rng.integers(1, 10))
    from_crowd = int(rng.integers(0, min(n_gone, crowded) + 1)) if crowd else 0
    gone = sorted(set(ids[:from_crowd]) | set(rng.choice(ids[crowded:], n_gone - from_crowd, replace=False).tolist()))
    changed = [d for d in gone if rng.random() < 0.4]  # read again with other contents: compared as added
    con.execute("""INSERT INTO copy_gone SELECT d.doc_id, d.n_chars >= 20 AND d.is_report, m.band, m.bucket
                   FROM documents d LEFT JOIN doc_minhash m USING (doc_id) WHERE d.doc_id IN (SELECT unnest(?))""", [gone])
    con.execute("DELETE FROM doc_minhash WHERE doc_id IN (SELECT unnest(?))", [gone])
    con.execute("DELETE FROM documents WHERE doc_id IN (SELECT unnest(?))", [gone])
    kept = {p for p in before if p[0] not in gone and p[1] not in gone}
    # what copy detection finds among the documents that stay (the changed ones not yet back)
    stay = _copy_candidates(con)
    for doc in changed:  # back with new contents (of their own in the crowd), in the same buckets, as the marking finds them
        k = ids.index(doc)
        add(doc, k, f"new{k}" if k < crowded else f"c{int(rng.integers(0, 250))}")

    con.register("gone", pa.table({"doc_id": pa.array(gone, pa.string())}))
    con.register("fresh", pa.table({"doc_id": pa.array(changed, pa.string())}))
    blocked = con.execute(sql_text("steps/copy_removal_blocked")).fetchall()
    con.unregister("gone")
    con.unregister("fresh")
    if stay != kept:
        assert blocked, "pairs among the documents that stay changed and nothing said so"

    after = _copy_candidates(con)
    added = _copy_candidates(con, changed) if changed else set()
    if not blocked and not any(r[2] == "blocked" for r in added):
        assert kept | added == after


def test_documents_that_come_back_changed_do_not_hide_a_bucket_that_shrank():
    """52 documents of their own contents share a MinHash bucket, so it proposes nothing. Three leave and
    two of them come back changed, in the same bucket: the documents that stayed are 49, whose bucket
    now proposes pairs, and the run must say so ('shrunk'), though the bucket holds 51 again once the
    changed documents are counted: they are compared as added, not as documents that stayed."""
    import pyarrow as pa

    from dagster_project.store import sql_text

    con = _copy_tables()
    ids = [f"d{i:02d}" for i in range(52)]
    for doc in ids:
        con.execute("INSERT INTO documents VALUES (?, ?, NULL, 400, true, TIMESTAMP '2024-01-02')", [doc, f"own-{doc}"])
        con.execute("INSERT INTO doc_minhash VALUES (?, 0, 0)", [doc])
    assert {r for r in _copy_candidates(con) if r[2] == "near"} == set()  # 52 in one bucket: boilerplate
    gone, changed = ids[:3], ids[:2]
    con.execute("INSERT INTO copy_gone SELECT doc_id, true, band, bucket FROM doc_minhash WHERE doc_id IN (SELECT unnest(?))", [gone])
    con.execute("DELETE FROM doc_minhash WHERE doc_id IN (SELECT unnest(?))", [gone])
    con.execute("DELETE FROM documents WHERE doc_id IN (SELECT unnest(?))", [gone])
    assert {r for r in _copy_candidates(con) if r[2] == "near"}  # 49 stayed: their bucket proposes them
    for doc in changed:
        con.execute("INSERT INTO documents VALUES (?, ?, NULL, 400, true, TIMESTAMP '2024-01-02')", [doc, f"new-{doc}"])
        con.execute("INSERT INTO doc_minhash VALUES (?, 0, 0)", [doc])
    con.register("gone", pa.table({"doc_id": pa.array(gone, pa.string())}))
    con.register("fresh", pa.table({"doc_id": pa.array(changed, pa.string())}))
    assert {why for why, _ in con.execute(sql_text("steps/copy_removal_blocked")).fetchall()} == {"shrunk"}


def test_a_part_of_documents_selected_by_its_dates_is_the_part_parquet_parts_names():
    """The Parquet export selects a part of documents by a range of its dates and its source
    (store._documents_of_part) instead of a semi join with parquet_parts.sql: the two give the same
    rows for every part, with dates at the first and last instant of a part's five years, undated and
    infinite dates, years that are no multiple of five, far in the future (the tenfold bench's) or
    before 1000, and sources whose characters the part name replaces."""
    import duckdb

    from dagster_project.store import _documents_of_part, sql_text

    con = duckdb.connect()
    con.execute("CREATE TABLE documents (doc_id VARCHAR, source VARCHAR, published_at TIMESTAMP)")
    sources = ["xwlb", "gov_csv", "gov-csv", "a.b c", "新闻联播", "", "x9"]
    years = [1, 4, 5, 9, 10, 999, 1000, 2024, 2025, 2029, 2030, 2160, 2161, 2165, 9995, 9999]
    rows = []
    for s in sources:
        for y in years:
            rows += [(f"{s}|{y}|first", s, f"{y:04d}-01-01 00:00:00"), (f"{s}|{y}|last", s, f"{y:04d}-12-31 23:59:59.999999")]
        rows += [(f"{s}|none", s, None), (f"{s}|inf", s, "infinity"), (f"{s}|-inf", s, "-infinity")]
    con.executemany("INSERT INTO documents VALUES (?, ?, CAST(? AS TIMESTAMP))", rows)
    parts = [r[0] for r in con.execute(f"SELECT DISTINCT part FROM ({sql_text('steps/parquet_parts')})").fetchall()]
    assert len(parts) > 20 and any(p.endswith("-undated") for p in parts)
    for part in parts:
        by_dates = {r[0] for r in con.execute(*_documents_of_part(part)).fetchall()}
        named = {r[0] for r in con.execute(
            f"SELECT doc_id FROM ({sql_text('steps/parquet_parts')}) WHERE part = ?", [part]).fetchall()}
        assert by_dates == named, part
