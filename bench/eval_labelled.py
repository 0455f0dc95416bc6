"""Accuracy of meeting, directive and formulation extraction on the hand-labelled set, with every miss.

    python bench/eval_labelled.py [--verbose] [--folder DIR | --blind [--corpus ../shared/corpus]]

--folder scores another folder of files labelled the same way (one JSON file a report, as in
tests/fixtures/labelled/). --blind scores bench/labelled_blind/: reports sampled from the corpus and
labelled blind, kept without their text, which is read from the corpus (see its README).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.labelled import load_gold, load_gold_from_corpus, norm, prf  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

from dagster_project.core.directives import extract_directives  # noqa: E402
from dagster_project.core.formulations import extract_formulations  # noqa: E402
from dagster_project.core.meetings import extract_meeting  # noqa: E402


def main(verbose: bool, folder: Path | None = None, corpus: Path | None = None) -> int:
    gold = load_gold_from_corpus(folder, corpus) if corpus else load_gold(folder) if folder else load_gold()
    fields = ["is_meeting", "meeting_date", "organ", "series", "session_no", "chair", "chair_title", "level", "province", "city"]
    right = {f: 0 for f in fields}
    counted = {f: 0 for f in fields}
    d_tp = d_fp = d_fn = 0
    f_tp = f_fp = f_fn = 0
    for g in gold:
        doc, lab = g.doc, g.labels
        m = extract_meeting(doc.title, doc.body, doc.published_at, doc.page_chrome, doc.publisher, doc.url)
        got = {
            "is_meeting": m.is_meeting, "meeting_date": m.meeting_date.isoformat() if m.meeting_date else None,
            "organ": m.organ, "series": m.series, "session_no": m.session_no, "chair": m.chair,
            "chair_title": m.chair_title, "level": m.level, "province": m.province, "city": m.city,
        }
        for f in fields:
            if f != "is_meeting" and not lab["is_meeting"]:
                continue
            counted[f] += 1
            ok = got[f] == lab.get(f) or (isinstance(lab.get(f), str) and norm(got[f]) == norm(lab.get(f)))
            right[f] += ok
            if not ok and (verbose or f in ("is_meeting", "meeting_date", "series", "chair")):
                print(f"  {g.name}: {f} got {got[f]!r}, gold {lab.get(f)!r}")
        found = {(d.speaker, d.ordinal, norm(d.headline)) for d in extract_directives(doc.body, m, doc.title) if d.kind == "enumerated"}
        want = {(d["speaker"], d["ordinal"], norm(d["headline"])) for d in lab["directives"]}
        d_tp += len(found & want)
        d_fp += len(found - want)
        d_fn += len(want - found)
        if verbose and found != want:
            for x in sorted(want - found, key=str):
                print(f"  {g.name}: directive missed {x}")
            for x in sorted(found - want, key=str):
                print(f"  {g.name}: directive extra  {x}")
        forms = extract_formulations(doc.body)
        want_f = {norm(x) for x in lab["formulations"]}
        # A distinct formulation (by canonical form) matches when its surface or canonical form is gold.
        groups: dict[str, set[str]] = {}
        for f in forms:
            groups.setdefault(norm(f.canonical), set()).update({norm(f.surface), norm(f.canonical)})
        got_f = set().union(*groups.values()) if groups else set()
        extra = sorted(c for c, forms_ in groups.items() if not forms_ & want_f)
        f_tp += len(want_f & got_f)
        f_fn += len(want_f - got_f)
        f_fp += len(extra)
        if verbose and (want_f - got_f or extra):
            print(f"  {g.name}: formulations missed {sorted(want_f - got_f)} extra {extra}")
    print(f"\n{len(gold)} labelled reports")
    for f in fields:
        print(f"  {f:<13} {right[f]}/{counted[f]} = {right[f] / counted[f]:.1%}")
    p, r, f1 = prf(d_tp, d_fp, d_fn)
    print(f"  enumerated directives (speaker, ordinal, headline): P {p:.3f} R {r:.3f} F1 {f1:.3f}  (tp {d_tp}, fp {d_fp}, fn {d_fn})")
    p, r, f1 = prf(f_tp, f_fp, f_fn)
    print(f"  formulations: P {p:.3f} R {r:.3f} F1 {f1:.3f}  (tp {f_tp}, fp {f_fp}, fn {f_fn})")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    folder = Path(args[args.index("--folder") + 1]) if "--folder" in args else None
    corpus = None
    if "--blind" in args:
        folder = ROOT / "bench" / "labelled_blind"
        corpus = Path(args[args.index("--corpus") + 1]) if "--corpus" in args else ROOT.parent / "shared" / "corpus"
    sys.exit(main("--verbose" in args, folder, corpus))
