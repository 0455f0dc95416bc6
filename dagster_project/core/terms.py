"""Segmentation with the project lexicon, and term counts per document.

rjieba (jieba's dictionary and algorithm, in Rust) splits the vocabulary meeting reports are made of:
疫情/防控, 乡村/振兴, 高质量/发展. The project's user dictionary (lexicon/user_dict.txt) is added to its
dictionary so that those stay whole, and the formulations of lexicon/formulas.txt are matched on the raw
text before segmentation (they may hold punctuation, 不忘初心、牢记使命, which jieba always cuts at), so
they come out as one token each.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import rjieba

from .lexicon import LEXICON_DIR, formulas

# A dictionary line: the word, then an optional frequency (jieba's format without the tag).
_DICT_LINE = re.compile(r"^(?P<word>\S+)(?:\s+(?P<freq>\d+))?(?:\s+\S+)?\s*$")
_Y = r"(?:[0-9０-９]{4}|[〇零一二三四五六七八九]{4})年"
_M = r"(?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?"
_D = r"(?:[0-9０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
# Dates written out, folded to one token: 2020年3月15日, 2020年3月, 3月15日, 3月份, 2020年, 15日, 15号,
# 二〇二〇年三月十五日, 十五日, and a clock time after a date (15日17时, 17时30分). Not 100日元, not 一日
# alone (一日三餐), not 日 or 月 inside a word (月度, 日常: the character after must not continue a number).
DATE = re.compile(
    rf"{_Y}(?:{_M}(?:{_D})?)?"
    rf"|{_M}(?:{_D})?"
    rf"|(?:[0-9０-９]{{1,2}}|[一二三]?十[一二三四五六七八九]?)[日号](?!元)"
    r"|[0-9０-９]{1,2}时(?:[0-9０-９]{1,2}分)?"
)
# Where a date can begin: a run of numerals followed by 年 月 日 号 or 时. Scanning for these first and
# trying DATE only there is several times faster than DATE.finditer over the whole text.
_DATE_ANCHOR = re.compile(r"[0-9０-９〇零一二三四五六七八九十]{1,4}[年月日号时]")


def date_spans(text: str):
    """(start, end) of each written-out date in text, left to right, as DATE.finditer would find them."""
    pos = 0
    for a in _DATE_ANCHOR.finditer(text):
        # the date may begin later in the run of numerals (五十九号: 十九号)
        for start in range(max(a.start(), pos), a.end() - 1):
            m = DATE.match(text, start)
            if m:
                yield m.start(), m.end()
                pos = m.end()
                break


# A number token as rjieba leaves it: 2020, 3.5, 12%, ５０, 三十, 一百二十, 百分之十; never a single 一 or 十.
NUMBER = re.compile(
    r"^(?:[0-9０-９][0-9０-９.,．，]*[%％‰]?|百分之[零一二三四五六七八九十百点]+|[零〇一二两三四五六七八九十百千万亿点]{2,}|[0-9０-９.]+[万亿])$"
)
# Tokens that are no word: punctuation, spaces, symbols, Latin letters alone.
_NOT_WORD = re.compile(r"^[\W_]+$|^[A-Za-z]$")
NUM_TOKEN = "〈数〉"
DATE_TOKEN = "〈日期〉"


def _read_dict(name: str) -> list[tuple[str, int | None]]:
    """(word, frequency or None) of a dictionary file; # starts a comment. A malformed line names its number."""
    path = LEXICON_DIR / name
    out = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = _DICT_LINE.match(line)
        if not m:
            raise ValueError(f"{path}, line {no}: expected a word and an optional frequency, found {raw!r}.")
        out.append((m["word"], int(m["freq"]) if m["freq"] else None))
    return out


@lru_cache(maxsize=1)
def user_words() -> tuple[tuple[str, int | None], ...]:
    """The user dictionary, lexicon/user_dict.txt."""
    return tuple(_read_dict("user_dict.txt"))


@lru_cache(maxsize=1)
def lexicon_words() -> frozenset[str]:
    """Words of the user dictionary and canonical formulations: never folded or stopped."""
    return frozenset([w for w, _ in user_words()] + list(set(formulas().canonical_of.values())))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(w for w, _ in _read_dict("stopwords.txt"))


@lru_cache(maxsize=1)
def _formula_matcher():
    """Aho-Corasick over every surface form of lexicon/formulas.txt: surface -> (length, canonical, the
    user-dictionary words that contain it, each with the surface's offsets inside the word)."""
    surfaces = formulas().canonical_of
    # a formulation inside a longer word of the user dictionary is no formulation there (三保 in 两不愁三保障):
    # each word scanned once for the surfaces in it (comparing every surface with every word took 0.16 s,
    # paid by every process that counts terms, a run with one new day file included)
    finder = ahocorasick.Automaton()
    for surface in surfaces:
        finder.add_word(surface, surface)
    finder.make_automaton()
    inside: dict[str, list[tuple[str, int]]] = {}
    for w, _ in user_words():
        for end, surface in finder.iter(w):
            if len(w) > len(surface):
                inside.setdefault(surface, []).append((w, end + 1 - len(surface)))
    auto = ahocorasick.Automaton()
    for surface, canon in surfaces.items():
        auto.add_word(surface, (len(surface), canon, tuple(inside.get(surface, ()))))
    auto.make_automaton()
    return auto


@lru_cache(maxsize=2)
def segmenter(with_user_dict: bool = True) -> rjieba.Jieba:
    """An rjieba segmenter, with the project's user dictionary added (or jieba's own dictionary alone)."""
    seg = rjieba.Jieba()
    if with_user_dict:
        for word, freq in user_words():
            seg.add_word(word, freq, None)
        # formulations are matched before segmentation, but the pure-Han ones also help jieba's paths
        for surface in formulas().canonical_of:
            if re.fullmatch(r"\w+", surface):
                seg.add_word(surface, None, None)
    return seg


def _formula_spans(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping lexicon formulations in text, leftmost-longest: (start, end, canonical); none
    inside a longer word of the user dictionary."""
    hits = []
    for end, (n, canon, inside) in _formula_matcher().iter(text):
        start = end + 1 - n
        if inside and any(text.startswith(w, start - off) for w, off in inside if start - off >= 0):
            continue
        hits.append((start, end + 1, canon))
    hits.sort(key=lambda h: (h[0], -h[1]))
    out, last = [], 0
    for s, e, c in hits:
        if s >= last:
            out.append((s, e, c))
            last = e
    return out


_SURROGATES = re.compile("[\ud800-\udfff]")


def segment(text: str, with_user_dict: bool = True) -> list[str]:
    """The words of text; with the user dictionary, formulations of the lexicon come out whole, as their canonical form."""
    seg = segmenter(with_user_dict)
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)  # rjieba takes UTF-8 only; one character for one, offsets kept
    if not with_user_dict:
        return [t for t in seg.cut(text, True) if t]
    out: list[str] = []
    pos = 0
    for s, e, canon in _formula_spans(text):
        out.extend(seg.cut(text[pos:s], True))
        out.append(canon)
        pos = e
    out.extend(seg.cut(text[pos:], True))
    return [t for t in out if t]


def fold(token: str) -> str | None:
    """The term a token counts as: None for punctuation and stop words, 〈数〉 for numbers, 〈日期〉 for dates."""
    t = token.strip()
    if not t or _NOT_WORD.match(t):
        return None
    if t in lexicon_words():  # 十四五, 十三五 are all numerals, and terms
        return t
    if NUMBER.match(t):
        return NUM_TOKEN
    if t in stopwords():
        return None
    return t


@dataclass(frozen=True)
class TermCounts:
    chars: int  # the document's length in characters, the denominator of rates per 10,000 characters
    tokens: int  # words segmentation produced, punctuation excluded
    counts: Counter  # term -> occurrences, stop words out, numbers and dates folded


# token -> the term it counts as; "" for a token that is no word (punctuation, spaces), None for a word
# that is not counted (a stop word). Tokens repeat across documents, so each is judged once per process.
_TERM_OF: dict[str, str | None] = {}
_TERM_OF_MAX = 1_000_000
_NO_WORD = ""


def _term_of(token: str) -> str | None:
    t = token.strip()
    if not t or _NOT_WORD.match(t):
        return _NO_WORD
    return fold(t)


def count_terms(text: str) -> TermCounts:
    """Terms of text: stop words and punctuation out, numbers folded to 〈数〉 and written-out dates to 〈日期〉."""
    toks: list[str] = []
    last = dates = 0
    for start, end in date_spans(text):
        toks += segment(text[last:start])
        dates += 1
        last = end
    toks += segment(text[last:])
    # Each distinct token judged once (a set difference, in C), then every token mapped to its term
    # and counted by Counter's C loop: no Python code runs per token.
    table = _TERM_OF
    unseen = set(toks).difference(table)
    if unseen:
        if len(table) + len(unseen) > _TERM_OF_MAX:
            table.clear()
            unseen = set(toks)
        for tok in unseen:
            table[tok] = _term_of(tok)
    counts = Counter(map(table.__getitem__, toks))
    not_words = counts.pop(_NO_WORD, 0)
    counts.pop(None, 0)
    if dates:
        counts[DATE_TOKEN] = counts.get(DATE_TOKEN, 0) + dates
    return TermCounts(len(text), len(toks) - not_words + dates, counts)
