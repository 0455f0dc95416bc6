"""Themes: the taxonomy (lexicon/themes.yaml), scores per sentence, and their roll-up per document.

A sentence carries a theme when the theme's phrases in it score at least the threshold (a strong
phrase scores 2, an ordinary one 1; a phrase inside a longer phrase of the same theme, or inside one
of the theme's exclusions, does not count) and at least `dominance` times the best-scoring theme of the
sentence: a passing mention beside the sentence's real subject is not the sentence addressing it.
A document is tagged with a theme that `min_sentences` sentences carry, or one sentence scoring
`single_sentence_score`. Its `sentences` for a theme are the sentences carrying it, its `share` those
over all its sentences; sentences inside directives count again in `weighted_share`, as the meeting's
own emphasis. A report no sentence of which carries a theme (a session's agenda and votes) is filed under
the theme its phrases score most, its `sentences` those that name it; one that names none has no theme.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick
import yaml

from .lexicon import LEXICON_DIR

THEMES_FILE = LEXICON_DIR / "themes.yaml"
# A sentence ends at 。！？!? (with any closing quotes or brackets after it) or at a line break.
SENTENCE_END = re.compile(r"[。！？!?][”’」』）)]*|\n+")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_THEME_KEYS = {"id", "name_zh", "description", "strong", "terms", "exclude", "threshold"}
STRONG, TERM, EXCLUDE = 2, 1, 0
# A State Council executive meeting's report takes the meeting's items in turn, a paragraph each after the opening, the
# first the one it was called for (会议指出…, 会议部署…), and its readers file it under that item: the theme most of the
# first item's sentences carry counts LEAD_ITEM_WEIGHT sentences more in the choice of the primary theme (on the 481 blind
# reports of such meetings, 296 → 312 primary themes right, and the weight gains on both halves of four random halvings;
# on every other kind of report a first item's weight lost, so it is this series' rule). The item must have a clear theme,
# carried by two of its sentences at least and by more than any other: a first item whose sentences each name another
# theme (国家水网: 防洪, 投融资) gave the holdout's report to the wrong one; the theme of the item's first scored sentence,
# tried before, took framing words (事关国计民生) for the item.
# (Only a report that opens with the meeting: not 按照…国务院常务会议决定，国务院…召开…电视电话会议.)
LEAD_ITEM_OPENING = re.compile(r"主持召开国务院常务会议")
LEAD_ITEM_WEIGHT = 3
_SETTINGS = {"threshold": int, "dominance": float, "min_sentences": int, "single_sentence_score": int}


class TaxonomyError(ValueError):
    """A mistake in a theme file, named with its file and line."""


@dataclass(frozen=True)
class Theme:
    id: str
    name_zh: str
    description: str
    strong: tuple[str, ...]
    terms: tuple[str, ...]
    exclude: tuple[str, ...]
    threshold: int


@dataclass
class Taxonomy:
    themes: tuple[Theme, ...]
    source: str = ""
    dominance: float = 0.5
    min_sentences: int = 2
    single_sentence_score: int = 5
    _matcher: object = field(default=None, repr=False, compare=False)

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.themes]

    def matcher(self):
        """Aho-Corasick over every phrase: phrase -> ((theme index, weight), ...)."""
        if self._matcher is None:
            entries: dict[str, list[tuple[int, int]]] = {}
            for i, t in enumerate(self.themes):
                for words, weight in ((t.strong, STRONG), (t.terms, TERM), (t.exclude, EXCLUDE)):
                    for w in words:
                        entries.setdefault(w, []).append((i, weight))
            auto = ahocorasick.Automaton()
            for w, payload in entries.items():
                auto.add_word(w, (len(w), tuple(payload), w))
            auto.make_automaton()
            self._matcher = auto
        return self._matcher


def _fail(path: str, node, message: str):
    line = node.start_mark.line + 1 if node is not None else 1
    raise TaxonomyError(f"{path}, line {line}: {message}")


def _mapping(path: str, node) -> dict:
    """key -> value node of a YAML mapping; a key given twice is a mistake (the second would win silently)."""
    out = {}
    for k, v in node.value:
        if k.value in out:
            _fail(path, k, f"'{k.value}' is given twice; merge the two.")
        out[k.value] = v
    return out


# (smallest, largest) allowed value of each setting
_RANGES = {"threshold": (1, 100), "dominance": (0.0, 1.0), "min_sentences": (1, 1000), "single_sentence_score": (1, 100)}


def _number(path: str, node, key: str, kind):
    lo, hi = _RANGES[key]
    try:
        value = float(node.value)
    except (TypeError, ValueError, AttributeError):
        _fail(path, node, f"'{key}' must be a number from {lo} to {hi}.")
    if kind is int and value != int(value):
        _fail(path, node, f"'{key}' must be a whole number.")
    if not lo <= value <= hi:
        _fail(path, node, f"'{key}' must be from {lo} to {hi}, not {node.value}.")
    return kind(value)


def _strings(path: str, node, key: str) -> tuple[str, ...]:
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        _fail(path, node, f"'{key}' must be a list of phrases, like [疫情防控, 核酸].")
    out = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            _fail(path, item, f"every entry of '{key}' must be a non-empty phrase.")
        out.append(str(item.value).strip())
    return tuple(out)


def _compose(text: str, path: str):
    """The YAML node tree of text, by libyaml's parser when PyYAML has it (ten times faster). On an error,
    or on what only libyaml refuses (a byte-order mark inside the text), by the pure-Python parser, whose
    messages name the offending character or alias."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise TaxonomyError(f"{path}, line {line}: not valid YAML ({getattr(e, 'problem', e)}).") from None


def parse_taxonomy(text: str, path: str = "themes.yaml") -> Taxonomy:
    """A taxonomy from YAML text; any mistake raises TaxonomyError naming the file and line."""
    root = _compose(text, path)
    if not isinstance(root, yaml.MappingNode):
        _fail(path, root, "expected a mapping with a 'themes' list at the top.")
    top = _mapping(path, root)
    settings = {}
    for key, kind in _SETTINGS.items():
        if key in top:
            settings[key] = _number(path, top[key], key, kind)
    default = settings.pop("threshold", 2)
    for k, v in root.value:
        if k.value not in (*_SETTINGS, "themes"):
            _fail(path, k, f"unknown key '{k.value}' (expected {', '.join(_SETTINGS)} and themes).")
    themes_node = top.get("themes")
    if not isinstance(themes_node, yaml.SequenceNode) or not themes_node.value:
        _fail(path, themes_node if themes_node is not None else root, "'themes' must be a non-empty list.")
    themes, seen = [], {}
    for node in themes_node.value:
        if not isinstance(node, yaml.MappingNode):
            _fail(path, node, "each theme must be a mapping with id, name_zh and phrases.")
        fields = _mapping(path, node)
        for k, v in node.value:
            if k.value not in _THEME_KEYS:
                _fail(path, k, f"unknown key '{k.value}' in a theme (expected one of {', '.join(sorted(_THEME_KEYS))}).")
        tid_node = fields.get("id")
        if tid_node is None or not isinstance(tid_node, yaml.ScalarNode) or not _ID.match(str(tid_node.value)):
            _fail(path, tid_node or node, "a theme needs an 'id' of lower-case letters, digits and _.")
        tid = str(tid_node.value)
        if tid in seen:
            _fail(path, tid_node, f"theme id '{tid}' is used twice (first at line {seen[tid]}).")
        seen[tid] = tid_node.start_mark.line + 1
        name = fields.get("name_zh")
        if name is None or not isinstance(name, yaml.ScalarNode) or not str(name.value).strip():
            _fail(path, name or node, f"theme '{tid}' needs a 'name_zh' (one line of text).")
        strong, terms = _strings(path, fields.get("strong"), "strong"), _strings(path, fields.get("terms"), "terms")
        if not strong and not terms:
            _fail(path, node, f"theme '{tid}' has no phrases: give it 'strong' or 'terms'.")
        threshold = _number(path, fields["threshold"], "threshold", int) if "threshold" in fields else default
        desc = fields.get("description")
        if desc is not None and not isinstance(desc, yaml.ScalarNode):
            _fail(path, desc, f"the 'description' of theme '{tid}' must be one line of text.")
        themes.append(Theme(tid, str(name.value).strip(), str(desc.value).strip() if desc is not None else "",
                            strong, terms, _strings(path, fields.get("exclude"), "exclude"), threshold))
    return Taxonomy(tuple(themes), source=path, **settings)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    p = Path(path) if path is not None else THEMES_FILE
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise TaxonomyError(f"{p}: cannot be read ({e.strerror}).") from None
    return parse_taxonomy(text, str(p))


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    return load_taxonomy()


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text, blank ones dropped."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[start:m.end()].strip():
            out.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def sentence_scores(sentence: str, taxonomy: Taxonomy) -> dict[int, int]:
    """theme index -> score of one sentence (every theme with any phrase in it)."""
    hits: dict[int, list[tuple[int, int, int, str]]] = {}
    for end, (n, payload, _) in taxonomy.matcher().iter(sentence):
        for ti, weight in payload:
            hits.setdefault(ti, []).append((end + 1 - n, end + 1, weight, sentence[end + 1 - n:end + 1]))
    return _scores(hits)


def _scores(hits: dict[int, list[tuple[int, int, int, str]]]) -> dict[int, int]:
    """theme index -> score, from one sentence's phrase hits (start, end, weight, phrase) per theme."""
    scores = {}
    for ti, hs in hits.items():
        if len(hs) == 1:  # the usual case: one phrase of the theme in the sentence
            w = hs[0][2]
            if w != EXCLUDE and w:
                scores[ti] = w
            continue
        excl = [(s, e) for s, e, w, _ in hs if w == EXCLUDE]
        live = [(s, e, w, p) for s, e, w, p in hs if w != EXCLUDE and not any(xs <= s and e <= xe for xs, xe in excl)]
        # a phrase inside a longer phrase of the same theme is part of it, not a second phrase
        maximal = [h for h in live if not any(o is not h and o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in live)]
        score = sum(w for _, _, w, _ in {p: h for h in maximal for p in [h[3]]}.values())
        if score:
            scores[ti] = score
    return scores


def _sentence_hits(body: str, sents: list[tuple[int, int]], taxonomy: Taxonomy) -> list[dict]:
    """Phrase hits per sentence from one pass of the matcher over the whole body (no phrase holds a
    sentence end, so none crosses from one sentence into the next)."""
    per: list[dict] = [{} for _ in sents]
    # Hits come in the order of their last character: k follows the sentence that holds it, and a hit
    # counts when it also starts in that sentence (else it crosses a blank between sentences).
    k, last = 0, len(sents) - 1
    s_start, s_end = sents[0]
    for end, (n, payload, phrase) in taxonomy.matcher().iter(body):
        while k < last and sents[k + 1][0] <= end:
            k += 1
            s_start, s_end = sents[k]
        start = end + 1 - n
        if start < s_start or end >= s_end:
            continue
        hits = per[k]
        for ti, weight in payload:
            if ti in hits:
                hits[ti].append((start, end + 1, weight, phrase))
            else:
                hits[ti] = [(start, end + 1, weight, phrase)]
    return per


@dataclass(frozen=True)
class ThemeScore:
    theme_id: str
    sentences: int  # sentences of the document carrying the theme
    directive_sentences: int  # of those, sentences inside a directive
    score: int  # sum of the phrase scores of those sentences (a tie-breaker)
    share: float  # sentences / the document's sentences
    weighted_share: float  # (sentences + directive_sentences) / (all sentences + sentences inside directives)
    is_primary: bool  # the document's primary theme: highest share, then weighted share, then score (LEAD_ITEM_WEIGHT)


def score_document(body: str, directive_spans: list[tuple[int, int]] = (), taxonomy: Taxonomy | None = None) -> list[ThemeScore]:
    """Theme scores of a document: one row per theme at least one of its sentences carries."""
    tax = taxonomy or default_taxonomy()
    sents = sentences(body)
    if not sents:
        return []
    spans = sorted(directive_spans)
    in_directive = [any(s < de and ds < e for ds, de in spans) for s, e in sents]
    n_dir = sum(in_directive)
    counts: dict[int, list[int]] = {}
    faint: dict[int, list[int]] = {}  # every theme's phrases below the bar: [sentences, score]
    # the first item of an executive meeting: the paragraph after the opening one
    first_item = (-1, -1)
    if LEAD_ITEM_OPENING.search(body, 0, 200) and (p1 := body.find("\n")) >= 0:
        p2 = body.find("\n", p1 + 1)
        first_item = (p1, p2 if p2 >= 0 else len(body))
    lead_counts: Counter[int] = Counter()  # theme -> sentences of the first item carrying it
    for (s_start, _), hits, in_dir in zip(sents, _sentence_hits(body, sents, tax), in_directive):
        if not hits:
            continue
        scores = _scores(hits)
        if not scores:
            continue
        for ti, score in scores.items():
            f = faint.setdefault(ti, [0, 0])
            f[0] += 1
            f[1] += score
        best = max(scores.values())
        for ti, score in scores.items():
            if score >= tax.themes[ti].threshold and score >= tax.dominance * best:
                c = counts.setdefault(ti, [0, 0, 0, 0])
                c[0] += 1
                c[1] += in_dir
                c[2] += score
                c[3] = max(c[3], score)
                if first_item[0] < s_start < first_item[1]:
                    lead_counts[ti] += 1
    counts = {ti: c for ti, c in counts.items() if c[0] >= tax.min_sentences or c[3] >= tax.single_sentence_score}
    if not counts and faint:
        # No sentence addresses a theme fully (a session's agenda and votes, 政协…会议…开幕): the report is about
        # the theme its phrases name most, as a reader would file it; its sentences are those naming it.
        ti = max(faint, key=lambda t: (faint[t][1], faint[t][0], -t))
        counts = {ti: [faint[ti][0], 0, faint[ti][1], 0]}
    total, weighted_total = len(sents), len(sents) + n_dir
    rows = [(ti, c[0], c[1], c[2], c[0] / total, (c[0] + c[1]) / weighted_total) for ti, c in counts.items()]
    # (a lead only where one theme carries more of the item's sentences than any other, and two at least: an item whose
    # sentences each name another theme, 水网…防洪…投融资…, has none the lexicon can tell)
    top = lead_counts.most_common(2)
    lead = top[0][0] if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]) else None
    bonus = {lead: LEAD_ITEM_WEIGHT / total} if lead is not None else {}
    primary = max(rows, key=lambda r: (r[4] + bonus.get(r[0], 0), r[5], r[3], -r[0]))[0] if rows else None
    return [ThemeScore(tax.themes[ti].id, n, nd, sc, round(sh, 6), round(wsh, 6), ti == primary)
            for ti, n, nd, sc, sh, wsh in sorted(rows)]
