"""The hand-labelled gold set (tests/fixtures/labelled/): load it through the real cleaning, and score."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from dagster_project.core.clean import Document, clean_record
from dagster_project.core.sources import SourceRecord

LABELLED = Path(__file__).parent / "fixtures" / "labelled"
# labelled for themes only, after the tagger was written, and never used to tune it
THEMES_HOLDOUT = Path(__file__).parent / "fixtures" / "themes_holdout"


@dataclass
class Gold:
    name: str
    doc: Document
    labels: dict


def load_gold(folder: Path = LABELLED) -> list[Gold]:
    out = []
    for f in sorted(folder.glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        html = d.get("html")
        sr = SourceRecord(
            raw_path=d.get("raw_path") or f.name, record_key=d.get("record_key"), native_id=None, fmt="json",
            encoding="utf-8", title=d.get("title"), body=html or d["text"], published=d.get("published_at"),
            publisher=None, url=None, body_is_html=bool(html),
        )
        out.append(Gold(f.stem, clean_record(sr), d["labels"]))
    return out


def load_gold_from_corpus(folder: Path, corpus: Path) -> list[Gold]:
    """Labels kept without their text (bench/labelled_blind/): each report is read from the corpus through
    the project's own reading and cleaning, found by its file and record key."""
    from dagster_project.core.sources import load_config, read_file

    out = []
    for f in sorted(folder.glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        path = corpus / d["raw_path"]
        found = next((r for r in read_file(path, corpus, load_config(path, corpus))
                      if isinstance(r, SourceRecord) and (d["record_key"] is None or r.record_key == d["record_key"])), None)
        if found is None:
            raise ValueError(f"{f.name}: no record {d['record_key']!r} in {path}")
        out.append(Gold(f.stem, clean_record(found), d["labels"]))
    return out


def norm(s: str | None) -> str:
    """Compare text labels after the same normalisation documents get (full-width punctuation)."""
    from dagster_project.core.clean import normalise

    return normalise(s or "").replace(" ", "").replace("\u3000", "")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
