"""Segmentation with the project lexicon, and term counts, on real report text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dagster_project.core.lexicon import LEXICON_DIR, formulas
from dagster_project.core.terms import DATE_TOKEN, NUM_TOKEN, count_terms, segment, stopwords, user_words
from tests.labelled import load_gold

NAMED_IN_THE_ISSUE = ["疫情防控", "乡村振兴", "高质量发展", "营商环境", "放管服", "核酸检测", "流调溯源", "外防输入"]


def _whole(word: str) -> bool:
    """The word comes out as one token inside a sentence of meeting language (as its canonical form if a formulation)."""
    want = formulas().canonical_of.get(word, word)
    return want in segment(f"会议要求，坚持{word}，推动工作。")


def test_plain_jieba_splits_the_named_terms():
    # the reason for the user dictionary: without it these come apart
    assert not any(_whole_without_dict(w) for w in ["疫情防控", "乡村振兴", "高质量发展", "营商环境", "核酸检测", "流调溯源", "外防输入"])


def _whole_without_dict(word: str) -> bool:
    return word in segment(f"会议要求，坚持{word}，推动工作。", with_user_dict=False)


@pytest.mark.parametrize("word", NAMED_IN_THE_ISSUE)
def test_named_terms_stay_whole(word):
    assert _whole(word)


def test_every_formulation_of_the_lexicon_stays_whole():
    broken = [w for w in formulas().canonical_of if not _whole(w)]
    assert broken == []


def test_every_user_dictionary_word_stays_whole():
    words = [w for w, _ in user_words()]
    assert len(words) >= 9
    broken = [w for w in words if not _whole(w)]
    assert broken == []


def test_user_dictionary_is_a_plain_file_with_no_duplicates():
    lines = [l.split("#")[0].split() for l in (LEXICON_DIR / "user_dict.txt").read_text(encoding="utf-8").splitlines()]
    words = [l[0] for l in lines if l]
    assert len(words) == len(set(words))


def test_counts_on_a_real_report():
    gold = {g.name: g.doc.body for g in load_gold()}
    body = gold["seed_jiaozuo"]  # 焦作 municipal epidemic meeting
    tc = count_terms(body)
    assert tc.chars == len(body)  # rates per 10,000 characters divide by exactly this
    assert tc.counts["疫情防控"] == body.count("疫情防控")
    assert not set(tc.counts) & stopwords()
    assert not any(t in tc.counts for t in ("，", "。", "的", "要", "和"))
    assert sum(tc.counts.values()) < tc.tokens  # stop words were counted as tokens, not as terms


def test_numbers_and_dates_are_folded():
    tc = count_terms("2022年3月15日，全市完成核酸检测120万人次，阳性率0.02%，3月16日起恢复。")
    assert tc.counts[DATE_TOKEN] == 2
    assert tc.counts[NUM_TOKEN] == 2  # 120 and 0.02%
    assert tc.counts["核酸检测"] == 1
    assert not any(t.isdigit() for t in tc.counts)


def test_a_malformed_dictionary_line_is_named(tmp_path, monkeypatch):
    from dagster_project.core import terms

    bad = tmp_path / "user_dict.txt"
    bad.write_text("疫情防控\n乡村 振兴 很多 字段\n", encoding="utf-8")
    monkeypatch.setattr(terms, "LEXICON_DIR", tmp_path)
    with pytest.raises(ValueError, match=r"user_dict.txt, line 2"):
        terms._read_dict("user_dict.txt")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789０〇零一二三四五六七八九十年月日号时分份元会议第、 ", max_size=40))
def test_anchored_date_scan_finds_what_the_full_regex_finds(text):
    from dagster_project.core.terms import DATE, date_spans

    assert list(date_spans(text)) == [m.span() for m in DATE.finditer(text)]
