"""Documents into term counts and theme scores, in columns for bulk inserts."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyarrow as pa

from .extract import extractor_version, files_version
from .lexicon import LEXICON_DIR
from .parallel import map_batches
from .terms import count_terms
from .themes import THEMES_FILE, default_taxonomy, score_document, sentences

_CORE = Path(__file__).resolve().parent


def terms_version() -> str:
    """Segmentation code and the lexicon files it reads: a change counts every document again."""
    return files_version([_CORE / "terms.py", _CORE / "lexicon.py", _CORE / "measures.py", _CORE / "themes.py",
                          *(LEXICON_DIR / f for f in ("user_dict.txt", "stopwords.txt", "formulas.txt"))])


def themes_version() -> str:
    """Tagger code, the taxonomy, and the extractor (theme scores weigh directive sentences)."""
    return files_version([_CORE / "themes.py", THEMES_FILE]) + extractor_version()[:4]


def count_batch(docs: list[dict]) -> dict[str, dict[str, list]]:
    """term_counts and document_lengths columns for documents {doc_id, body}."""
    tc = {"doc_id": [], "term": [], "n": []}
    dl = {"doc_id": [], "chars": [], "tokens": [], "sentences": []}
    for d in docs:
        body = d["body"] or ""
        counted = count_terms(body)
        tc["doc_id"].extend([d["doc_id"]] * len(counted.counts))
        tc["term"].extend(counted.counts.keys())
        tc["n"].extend(counted.counts.values())
        dl["doc_id"].append(d["doc_id"])
        dl["chars"].append(counted.chars)
        dl["tokens"].append(counted.tokens)
        dl["sentences"].append(len(sentences(body)))
    # Arrow tables: built here, in the worker, they travel back as buffers instead of millions of
    # pickled Python objects, and DuckDB takes them without conversion in the writing process.
    return {"term_counts": pa.table(tc), "document_lengths": pa.table(dl)}


def theme_batch(docs: list[dict]) -> dict[str, dict[str, list]]:
    """theme_scores columns for documents {doc_id, body, directive_spans: [(start, end), …]}."""
    cols = {k: [] for k in ("doc_id", "theme_id", "sentences", "directive_sentences", "score", "share", "weighted_share", "is_primary")}
    tax = default_taxonomy()
    for d in docs:
        for r in score_document(d["body"] or "", [tuple(s) for s in d.get("directive_spans") or ()], tax):
            cols["doc_id"].append(d["doc_id"])
            for k in ("theme_id", "sentences", "directive_sentences", "score", "share", "weighted_share", "is_primary"):
                cols[k].append(getattr(r, k))
    return {"theme_scores": pa.table(cols) if cols["doc_id"] else cols}


def count_all(batches: Iterator[list[dict]], workers: int | None = None) -> Iterator[dict]:
    return map_batches(count_batch, batches, workers, "terms", terms_version())


def theme_all(batches: Iterator[list[dict]], workers: int | None = None) -> Iterator[dict]:
    return map_batches(theme_batch, batches, workers, "themes", themes_version())
