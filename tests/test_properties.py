"""Every core function that takes text, on any Unicode string: it never raises, and every offset it returns
points at the text it claims (body[char_start:char_end] == text).

The strings are of three kinds: any code points at all (lone surrogates included: undecodable bytes reach
the cleaner as surrogate escapes), real report text cut and spliced at random, and real report text with
random characters dropped into it. `bench/fuzz.py` runs the same properties for many more examples."""

from __future__ import annotations

import os
from datetime import datetime

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dagster_project.core import clean, dedup, directives, formulations, meetings, numerals, pages, sources, terms, themes
from dagster_project.core.sources import SourceConfig, SourceRecord

from .conftest import RAW_FIXTURES, SEED, xwlb_items

# Real reports: the seed page and the bodies of two xwlb days (a Politburo and a State Council meeting among them).
REAL = [SEED.read_text(encoding="utf-8")] + [
    clean.html_to_text(i["video_detail"]["content"]) for rel in ("2022/20220310.json.gz", "2025/20250905.json.gz")
    for i in xwlb_items(rel) if isinstance(i.get("video_detail"), dict) and i["video_detail"].get("content")
]
# Characters reports are made of, to splice in: markers, numerals, quotes, punctuation, brackets.
PIECES = list("一二三四五六七八九十（）()〔〕【】“”‘’\"'「」《》、，。；：！？—…·\n\r\t 　0123456789年月日号时要必须坚持会议指出强调主持召开") + [
    "第一，", "二是", "（三）", "习近平", "李强主持召开国务院常务会议", "会议指出，", "会议强调，要", "两个确立", "“六稳”", "2024年3月5日",
]

any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)


@st.composite
def spliced_report(draw) -> str:
    """Slices of real reports, joined, with random report characters and any code points dropped in."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        doc = draw(st.sampled_from(REAL))
        a = draw(st.integers(0, len(doc)))
        b = draw(st.integers(a, min(len(doc), a + 600)))
        parts.append(doc[a:b])
        parts.append(draw(st.lists(st.one_of(st.sampled_from(PIECES), any_text), max_size=5).map("".join)))
    return "".join(parts)


texts = st.one_of(any_text, spliced_report())
# bench/fuzz.py --properties N runs these with N examples each.
SETTINGS = settings(max_examples=int(os.environ.get("HUIYI_PROPERTY_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(texts)
@example("²")  # found by CI: a digit that is not a decimal
@example("①")
def test_cleaning_never_raises(text):
    clean.normalise(text)
    clean.normalise_title(text)
    clean.unwrap_lines(text)
    clean.strip_furniture(text)
    clean.repair_artefacts(text)
    clean.simplify(text)
    clean.html_to_text(text)
    clean.content_hash(text)
    clean.parse_published(text)
    numerals.cn_to_int(text)
    sources.is_programme(text)
    dedup.minhash(text)


@SETTINGS
@given(title=st.one_of(st.none(), texts), body=st.one_of(st.none(), texts), published=st.one_of(st.none(), texts),
       html=st.booleans(), chrome=st.one_of(st.none(), texts))
def test_a_record_of_any_text_is_cleaned_without_raising(title, body, published, html, chrome):
    sr = SourceRecord(raw_path="x.jsonl", record_key="1", native_id=None, fmt="jsonl", encoding="utf-8", title=title, body=body,
                      published=published, publisher=None, url=None, body_is_html=html, chrome=chrome)
    doc = clean.clean_record(sr)
    assert doc.body is None or isinstance(doc.body, str)


@SETTINGS
@given(texts)
def test_pages_of_any_text_are_parsed_without_raising(text):
    pages.parse_text_page(text, "x.txt", "utf-8", SourceConfig())
    pages.parse_html_page(text, "x.html", "utf-8", SourceConfig())
    pages.parse_html_page(f"<html><body><div class='content_area'>{text}</div></body></html>", "x.html", "utf-8", SourceConfig())


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused(data):
    sources.looks_binary(data)
    enc = sources.detect_encoding(data, True)
    if enc:
        try:
            sources.decode_text(data, enc)
        except UnicodeError as e:  # its documented refusal: the caller rejects the file with this sentence
            assert str(e).startswith("it is not valid")


@SETTINGS
@given(title=st.one_of(st.none(), texts), body=texts)
def test_meeting_extraction_never_raises_and_directive_offsets_point_at_their_text(title, body):
    m = meetings.extract_meeting(title, body, datetime(2024, 3, 5), None)
    meetings.chair_of(body)
    meetings.speakers_of(body)
    meetings.attendees_of(body)
    meetings.is_meeting(title, body)
    for d in directives.extract_directives(body, m if m.is_meeting else None, title):
        assert 0 <= d.char_start <= d.char_end <= len(body)
        assert body[d.char_start:d.char_end] == d.text
        directives.strength_of(d.text)


@SETTINGS
@given(texts)
def test_formulation_offsets_point_at_their_surface(body):
    for f in formulations.extract_formulations(body):
        assert body[f.char_start:f.char_end] == f.surface
        formulations.canonical_form(f.surface)


@SETTINGS
@given(texts)
def test_term_counting_never_raises_and_date_spans_are_dates_of_the_text(text):
    counts = terms.count_terms(text)
    assert counts.chars == len(text)
    for a, b in terms.date_spans(text):
        assert 0 <= a < b <= len(text)
        assert terms.DATE.fullmatch(text, a, b) or terms.DATE.match(text, a).end() == b


@SETTINGS
@given(texts)
def test_sentences_cover_the_text_and_themes_never_raise(text):
    spans = themes.sentences(text)
    for (a, b), nxt in zip(spans, spans[1:] + [(len(text), len(text))]):
        assert 0 <= a < b <= nxt[0] <= len(text)
        assert text[a:b].strip()
    # Everything outside the sentences is blank.
    covered = set()
    for a, b in spans:
        covered.update(range(a, b))
    assert all(not text[i].strip() for i in range(len(text)) if i not in covered)
    themes.score_document(text, [(0, len(text) // 2)])


def test_the_real_fixture_reports_hold_the_offset_property():
    """The same properties over every fixture report whole, not sliced."""
    from dagster_project.core.ingest import ingest_batch, list_raw_files

    files, _ = list_raw_files(RAW_FIXTURES)
    out = ingest_batch([str(p) for p in files], str(RAW_FIXTURES))
    docs = out["documents"].to_pydict()
    bodies = [(t, b) for t, b in zip(docs["title"], docs["body"]) if b]
    assert len(bodies) >= 10
    n = 0
    for title, body in bodies:
        m = meetings.extract_meeting(title, body, None, None)
        for d in directives.extract_directives(body, m if m.is_meeting else None, title):
            assert body[d.char_start:d.char_end] == d.text
            n += 1
        for f in formulations.extract_formulations(body):
            assert body[f.char_start:f.char_end] == f.surface
    assert n > 50


def test_numerals_read_chinese_and_decimal_digits_and_refuse_others():
    assert [numerals.cn_to_int(s) for s in ("九", "三十", "一百一十二", "十五", "107", "１２", "一〇〇", "二〇二五", "一百零八")] == [9, 30, 112, 15, 107, 12, 100, 2025, 108]
    assert [numerals.cn_to_int(s) for s in ("", "²", "①", "第三")] == [None, None, None, None]
