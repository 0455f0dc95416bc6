"""Word-segmentation accuracy on the SIGHAN 2005 test sets, with and without the project's user dictionary.

    .venv/bin/python bench/cws.py [--corpus /work/shared/corpus/cws] [--sets pku msr] [--worst 20]
    .venv/bin/python bench/cws.py --whole     # which lexicon entries do not come out whole in a sentence

Each line of <set>_test.utf8 is segmented as it is (trailing newline stripped) by
dagster_project.core.terms.segment(line, with_user_dict=False) and (..., with_user_dict=True), and scored against
<set>_test_gold.utf8 (words separated by spaces) the standard way: a predicted word is correct when its character
span equals the span of a gold word. Spans count non-whitespace characters over the whole file, not per line,
because 16 MSR lines are misaligned between test and gold; the two files must hold the same characters.

segment() with the user dictionary replaces a formulation of lexicon/formulas.txt by its canonical form (四早 for
早发现、早报告、早隔离、早治疗); such a token is mapped back to the surface span it replaced (from
terms._formula_spans, the same matcher segment() uses), so it counts as one word over that span. Any other token
must be the text of the line at the current position, or the script stops.

--worst N lists the user-dictionary or formula words that cost the most on each set: words the user dictionary
produces whole where the gold splits them (errors it adds), with how often.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dagster_project.core import terms  # noqa: E402
from dagster_project.core.lexicon import formulas  # noqa: E402


def token_spans(line: str, tokens: list[str]) -> list[tuple[int, int]]:
    """(start, end) in line of each non-whitespace token, consuming the line from left to right."""
    surface_at = {s: (e, canon) for s, e, canon in terms._formula_spans(line)}
    out, pos = [], 0
    for tok in tokens:
        if line.startswith(tok, pos):
            end = pos + len(tok)
        elif pos in surface_at and surface_at[pos][1] == tok:
            end = surface_at[pos][0]
        else:
            raise ValueError(f"token {tok!r} does not match {line[pos:pos + 20]!r} in {line!r}")
        if tok.strip():
            out.append((pos, end))
        pos = end
    if pos != len(line):
        raise ValueError(f"tokens stop at {pos} of {len(line)} in {line!r}")
    return out


def to_dense(line: str) -> list[int]:
    """Index of each character of line among the line's non-whitespace characters (whitespace gets the next index)."""
    idx, k = [], 0
    for ch in line:
        idx.append(k)
        if not ch.isspace():
            k += 1
    idx.append(k)
    return idx


def predicted(lines: list[str], with_user_dict: bool):
    """Word spans over the file's non-whitespace characters, the words, the characters, and the seconds taken."""
    spans, words, chars, offset = [], [], [], 0
    seconds = 0.0
    for line in lines:
        t = time.perf_counter()
        toks = terms.segment(line, with_user_dict=with_user_dict)
        seconds += time.perf_counter() - t
        dense = to_dense(line)
        for s, e in token_spans(line, toks):
            # a token may carry spaces inside (a formulation never does, rjieba never does); span over non-space chars
            ds, de = dense[s], dense[e]
            if de > ds:
                spans.append((offset + ds, offset + de))
                words.append(line[s:e])
        chars.append("".join(ch for ch in line if not ch.isspace()))
        offset += dense[-1]
    return spans, words, "".join(chars), seconds


def gold_spans(lines: list[str]):
    spans, words, offset = [], [], 0
    for line in lines:
        for w in line.split():
            spans.append((offset, offset + len(w)))
            words.append(w)
            offset += len(w)
    return spans, words, "".join(words)


def prf(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float, float]:
    correct = len(set(pred) & set(gold))
    p, r = correct / len(pred), correct / len(gold)
    return p, r, 2 * p * r / (p + r)


def read_lines(path: Path) -> list[str]:
    return [ln.rstrip("\r\n") for ln in path.read_text(encoding="utf-8").splitlines()]


def evaluate(corpus: Path, name: str, worst: int) -> None:
    test = read_lines(corpus / f"{name}_test.utf8")
    gold_sp, gold_words, gold_text = gold_spans(read_lines(corpus / f"{name}_test_gold.utf8"))
    results = {}
    for with_dict in (False, True):
        spans, words, text, seconds = predicted(test, with_dict)
        if text != gold_text:
            k = next((i for i, (a, b) in enumerate(zip(text, gold_text)) if a != b), min(len(text), len(gold_text)))
            raise SystemExit(f"{name}: test and gold characters differ at {k}: {text[k:k + 20]!r} vs {gold_text[k:k + 20]!r}")
        results[with_dict] = (prf(spans, gold_sp), len(text) / seconds, spans, words)
    print(f"\n{name.upper()}: {len(test):,} lines, {len(gold_text):,} characters, {len(gold_sp):,} gold words")
    print(f"  {'segmenter':<28}{'P':>8}{'R':>8}{'F1':>8}{'chars/s':>12}")
    for with_dict, label in ((False, "rjieba alone"), (True, "rjieba + user dict + formulas")):
        (p, r, f), cps, *_ = results[with_dict]
        print(f"  {label:<28}{100 * p:8.2f}{100 * r:8.2f}{100 * f:8.2f}{cps:12,.0f}")
    delta = 100 * (results[True][0][2] - results[False][0][2])
    print(f"  F1 difference (with - without): {delta:+.2f} points")
    if worst:
        gold_set = set(gold_sp)
        plain = set(results[False][2])
        lexicon = {w for w, _ in terms.user_words()} | set(formulas().canonical_of.values())
        cost: Counter = Counter()
        for span, w in zip(results[True][2], results[True][3]):
            if span not in gold_set and span not in plain and w in lexicon:
                cost[w] += 1
        print(f"  lexicon words produced whole where the gold splits them ({sum(cost.values())} tokens):")
        print("   ", "  ".join(f"{w} {n}" for w, n in cost.most_common(worst)) or "none")


def check_whole() -> int:
    """Lexicon entries that do not come out whole in 会议要求，坚持<w>，推动工作。"""
    bad_user, bad_formula = [], []
    for w, _ in terms.user_words():
        toks = terms.segment(f"会议要求，坚持{w}，推动工作。")
        if w not in toks:
            bad_user.append((w, toks))
    for surface, canon in formulas().canonical_of.items():
        toks = terms.segment(f"会议要求，坚持{surface}，推动工作。")
        if canon not in toks:
            bad_formula.append((surface, canon, toks))
    print(f"user_dict.txt: {len(terms.user_words())} words, {len(bad_user)} not whole")
    for w, toks in bad_user:
        print(f"  {w}: {'/'.join(toks)}")
    print(f"formulas.txt: {len(formulas().canonical_of)} surface forms, {len(bad_formula)} not whole")
    for s, c, toks in bad_formula:
        print(f"  {s} -> {c}: {'/'.join(toks)}")
    return 1 if bad_user or bad_formula else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus/cws"))
    ap.add_argument("--sets", nargs="+", default=["pku", "msr"])
    ap.add_argument("--worst", type=int, default=0, help="list the N lexicon words that cost the most")
    ap.add_argument("--whole", action="store_true", help="check that every lexicon entry comes out whole instead")
    args = ap.parse_args(argv)
    if args.whole:
        return check_whole()
    terms.segmenter(True), terms.segmenter(False)  # build both dictionaries before timing
    for name in args.sets:
        evaluate(args.corpus, name, args.worst)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
