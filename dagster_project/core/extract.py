"""Documents into meeting, participant, directive and formulation rows, in columns for bulk inserts."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator

import pyarrow as pa

from .directives import extract_directives
from .formulations import extract_formulations
from .lexicon import LEXICON_DIR
from .meetings import extract_meeting
from .parallel import map_batches

_CORE = Path(__file__).resolve().parent
# What extraction runs and reads: a change to any of these extracts every document again.
_EXTRACTION_CODE = ("extract.py", "meetings.py", "directives.py", "formulations.py", "lexicon.py", "numerals.py", "terms.py")
# (user_dict.txt and terms.py too: person detection asks the segmenter whether a name is a word)
_EXTRACTION_LEXICON = ("formulas.txt", "not_formulations.txt", "strength.txt", "leaders.txt", "places.txt", "surnames.txt",
                       "user_dict.txt")


def extractor_version() -> str:
    """A hash of the extraction code and the lexicon: when either changes, documents are extracted again.
    Not cached: a lexicon file edited between two runs of one process must change it (the shared pool's
    warm workers are replaced on that change)."""
    return files_version([_CORE / f for f in _EXTRACTION_CODE] + [LEXICON_DIR / f for f in _EXTRACTION_LEXICON])


def files_version(paths: list[Path]) -> str:
    """A hash of files' names and contents."""
    h = hashlib.sha1()
    for p in sorted(paths):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:12]


def extract_batch(docs: list[dict]) -> dict[str, dict[str, list]]:
    reports, people, directives, forms = [], [], [], []
    for d in docs:
        m = extract_meeting(d["title"], d["body"], d["published_at"], d.get("page_chrome"), d.get("publisher"), d.get("url"))
        mid = m.meeting_id
        reports.append(dict(
            doc_id=d["doc_id"], is_meeting=m.is_meeting, meeting_id=mid, meeting_name=m.name, meeting_date=m.meeting_date,
            organ=m.organ, series=m.series, session_no=m.session_no, chair=m.chair, chair_title=m.chair_title,
            level=m.level, province=m.province, city=m.city, upstream_meeting=m.upstream_meeting,
        ))
        if m.is_meeting:
            for p in m.people:
                people.append(dict(doc_id=d["doc_id"], meeting_id=mid, name=p.name, title=p.title, role=p.role))
        for x in extract_directives(d["body"], m if m.is_meeting else None, d["title"]):
            directives.append(dict(
                directive_id=f"{d['doc_id']}-{x.seq}", doc_id=d["doc_id"], meeting_id=mid, speaker=x.speaker, seq=x.seq,
                kind=x.kind, ordinal=x.ordinal, parent_id=f"{d['doc_id']}-{x.parent_seq}" if x.parent_seq is not None else None,
                marker=x.marker, headline=x.headline, text=x.text, strength=x.strength, strength_rank=x.strength_rank,
                char_start=x.char_start, char_end=x.char_end,
            ))
        for f in extract_formulations(d["body"]):
            forms.append(dict(doc_id=d["doc_id"], surface=f.surface, canonical=f.canonical, kind=f.kind, char_start=f.char_start, char_end=f.char_end))

    def cols(rows: list[dict]) -> "pa.Table | dict":
        # Arrow tables built here, in the worker: they travel back as buffers, and the writing process
        # (which shares the cores with the workers) only hands them to DuckDB.
        return pa.Table.from_pydict({k: [r[k] for r in rows] for k in rows[0]}) if rows else {}

    return {"meeting_reports": cols(reports), "report_participants": cols(people), "directives": cols(directives), "formulations": cols(forms)}


def extract_all(docs: Iterator[list[dict]], workers: int | None = None) -> Iterator[dict]:
    """Rows for batches of documents, in a process pool."""
    return map_batches(extract_batch, docs, workers, "extraction", extractor_version())
