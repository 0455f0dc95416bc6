"""Theme accuracy on the hand-labelled reports: primary theme right, and theme sets as micro-F1.

    python bench/eval_themes.py [--verbose] [--holdout] [--folder DIR] [--blind [--corpus ../shared/corpus]]

The main set is tests/fixtures/labelled/ (labelled for everything, before the tagger existed); with
--holdout, tests/fixtures/themes_holdout/ (labelled for themes only, never used to tune the tagger).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.labelled import LABELLED, THEMES_HOLDOUT, load_gold, load_gold_from_corpus, prf  # noqa: E402

from dagster_project.core.directives import extract_directives  # noqa: E402
from dagster_project.core.meetings import extract_meeting  # noqa: E402
from dagster_project.core.themes import score_document  # noqa: E402


def evaluate(folder: Path, verbose: bool, corpus: Path | None = None) -> tuple[float, float, int]:
    gold = load_gold_from_corpus(folder, corpus) if corpus else load_gold(folder)
    tp = fp = fn = 0
    right = 0
    per_theme = Counter()
    for g in gold:
        doc, lab = g.doc, g.labels
        m = extract_meeting(doc.title, doc.body, doc.published_at, doc.page_chrome, doc.publisher, doc.url)
        spans = [(d.char_start, d.char_end) for d in extract_directives(doc.body, m if m.is_meeting else None, doc.title)]
        rows = score_document(doc.body, spans)
        got = {r.theme_id for r in rows}
        primary = next((r.theme_id for r in rows if r.is_primary), None)
        want = set(lab["themes"])
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        for t in got - want:
            per_theme[(t, "fp")] += 1
        for t in want - got:
            per_theme[(t, "fn")] += 1
        right += primary == lab["primary_theme"]
        if verbose and (got != want or primary != lab["primary_theme"]):
            shares = ", ".join(f"{r.theme_id} {r.sentences}" for r in sorted(rows, key=lambda r: -r.sentences))
            print(f"{g.name}: primary {primary} (gold {lab['primary_theme']}); extra {sorted(got - want)}; missed {sorted(want - got)}\n    {shares}")
    p, r, f = prf(tp, fp, fn)
    print(f"{folder.name}: {len(gold)} reports; primary theme right {right}/{len(gold)} = {right / len(gold):.1%}; "
          f"theme sets micro P {p:.3f} R {r:.3f} F1 {f:.3f}")
    if verbose:
        print("  errors per theme:", dict(sorted(per_theme.items())))
    return right / len(gold), f, len(gold)


if __name__ == "__main__":
    verbose = "--verbose" in sys.argv
    if "--folder" in sys.argv:  # another folder labelled the same way
        evaluate(Path(sys.argv[sys.argv.index("--folder") + 1]), verbose)
        sys.exit(0)
    if "--blind" in sys.argv:  # bench/labelled_blind/, its texts read from the corpus
        root = Path(__file__).resolve().parents[1]
        corpus = Path(sys.argv[sys.argv.index("--corpus") + 1]) if "--corpus" in sys.argv else root.parent / "shared" / "corpus"
        evaluate(root / "bench" / "labelled_blind", verbose, corpus)
        sys.exit(0)
    evaluate(LABELLED, verbose)
    if "--holdout" in sys.argv:
        evaluate(THEMES_HOLDOUT, verbose)
