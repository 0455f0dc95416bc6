"""Exact and near copies: MinHash signatures of a body, and the canonical member of each copy group.

Signatures are computed here and stored by the caller (in DuckDB, so memory stays flat); candidate
pairs come back from a join on LSH buckets and are confirmed here from the full signatures.
"""

from __future__ import annotations

import re

import numpy as np

SHINGLE = 5  # characters per shingle
BANDS, ROWS = 8, 4  # 32 hash functions; with 8 bands of 4, pairs above ~0.7 Jaccard become candidates
NEAR = 0.9  # estimated Jaccard similarity that makes two bodies near copies
# Copies are published together; two quarterly statements that differ in a few words are two
# meetings, and exactly what an analyst compares, so near copies must also be close in time.
NEAR_DAYS = 3
MIN_CHARS = 80  # shorter bodies are compared by exact hash only: a sentence or two is not a fingerprint
_CHUNK = 200_000

_rng = np.random.default_rng(20211211)
_A = (_rng.integers(1, 2**61, size=BANDS * ROWS, dtype=np.uint64) | np.uint64(1))
_B = _rng.integers(0, 2**61, size=BANDS * ROWS, dtype=np.uint64)
_KEEP = re.compile(r"[^0-9a-zA-Z\u3400-\u4dbf\u4e00-\u9fff]+")
_BASE = np.uint64(1_000_003)


def minhash(body: str) -> np.ndarray | None:
    """32 MinHash values of the body's 5-character shingles (letters and digits only), or None if too short."""
    kept, sigs = minhash_many([body])
    return sigs[0] if kept else None


def minhash_many(bodies: list[str]) -> tuple[list[int], np.ndarray]:
    """The signatures of many bodies at once: (the indices of the bodies long enough, their signatures
    as the rows of a (len, 32) array), the values minhash() gives each. The shingles of a group of
    bodies are hashed together, so numpy's fixed cost per call is paid per group, not per body: a
    unit of 3,000 xwlb items takes a third of the time one call per body did."""
    kept, texts = [], []
    for i, body in enumerate(bodies):
        s = _KEEP.sub("", body)
        if len(s) >= MIN_CHARS:
            kept.append(i)
            texts.append(s)
    sigs = np.empty((len(texts), BANDS * ROWS), dtype=np.uint64)
    group: list[int] = []
    size = 0
    for k, s in enumerate(texts):
        if len(s) > _CHUNK:
            sigs[k] = _minhash_long(s)  # alone, in chunks: memory bounded whatever its length
            continue
        group.append(k)
        size += len(s)
        if size >= _CHUNK:
            sigs[group] = _minhash_group([texts[g] for g in group])
            group, size = [], 0
    if group:
        sigs[group] = _minhash_group([texts[g] for g in group])
    return kept, sigs


def _minhash_long(text: str) -> np.ndarray:
    """The signature of one long text: its shingles _CHUNK at a time (each chunk overlapping the next by
    SHINGLE - 1 characters, so every shingle is in exactly one), the least value of each function over
    the chunks."""
    n = len(text) - SHINGLE + 1
    chunks = [text[start : min(n, start + _CHUNK) + SHINGLE - 1] for start in range(0, n, _CHUNK)]
    return np.minimum.reduce([_minhash_group([c])[0] for c in chunks])


def _minhash_group(texts: list[str]) -> np.ndarray:
    """Signatures of texts (each at least SHINGLE long; at most _CHUNK, or one chunk of a long text), as rows."""
    out = np.empty((len(texts), BANDS * ROWS), dtype=np.uint64)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - SHINGLE + 1
    with np.errstate(over="ignore"):
        h = np.zeros(n, dtype=np.uint64)
        for j in range(SHINGLE):
            h = h * _BASE + codes[j : j + n]
        # the shingles that start within one text and end in the next belong to neither
        ends = np.cumsum(lengths)[:-1]
        if len(ends):
            valid = np.ones(n, dtype=bool)
            valid[(ends[:, None] - np.arange(1, SHINGLE)[None, :]).ravel()] = False
            h = h[valid]
        starts = np.concatenate(([0], np.cumsum(lengths - SHINGLE + 1)[:-1]))
        # Universal hashing per function; the high bits are the well-mixed ones. One function at a
        # time over every shingle, its minimum per text by reduceat.
        t = np.empty_like(h)
        for k in range(BANDS * ROWS):
            np.multiply(h, _A[k], out=t)
            t += _B[k]
            t >>= np.uint64(16)
            out[:, k] = np.minimum.reduceat(t, starts)
    return out


# Odd 64-bit constants of splitmix64: the bucket of a band is its four values mixed by multiply and
# xor-shift, in numpy, the same in every process and on every run.
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))


def band_buckets_many(sigs: np.ndarray) -> np.ndarray:
    """The LSH bucket of every band of every signature: a (len, BANDS) array. Two bands with the same
    values share a bucket; two with different values rarely do, and a pair that shares one by chance
    is a candidate only, confirmed or not from the full signatures."""
    v = sigs.reshape(len(sigs), BANDS, ROWS)
    with np.errstate(over="ignore"):
        x = np.full((len(sigs), BANDS), _MIX[0], dtype=np.uint64)
        for r in range(ROWS):
            x ^= v[:, :, r]
            x *= _MIX[1]
            x ^= x >> np.uint64(31)
            x *= _MIX[2]
            x ^= x >> np.uint64(29)
    return x


def similarity(a: list[int] | np.ndarray, b: list[int] | np.ndarray) -> float:
    """Estimated Jaccard similarity of two full signatures."""
    a, b = np.asarray(a, dtype=np.uint64), np.asarray(b, dtype=np.uint64)
    return float((a == b).mean())


def near_copy(sig_a, sig_b, published_a, published_b) -> bool:
    """Two bodies are near copies when their signatures agree on NEAR of the hashes and, where both
    carry a date, they were published within NEAR_DAYS of each other."""
    if similarity(sig_a, sig_b) < NEAR:
        return False
    if published_a is not None and published_b is not None:
        return abs((published_a - published_b).total_seconds()) <= NEAR_DAYS * 86400
    return True


def copy_groups(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Connected components of the 'is a copy of' pairs: root -> members."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    return groups


# Structured records (a feed's JSON/CSV) carry the publisher's own fields; a saved page is a view of them.
_FORMAT_RANK = {"json": 0, "jsonl": 0, "csv": 0, "page_text": 1, "page_html": 1}


def canonical_of(members: list[dict]) -> str:
    """The copy that stands for a group: a structured record before a page, then the longest body, then the id."""
    best = min(members, key=lambda m: (_FORMAT_RANK.get(m["format"], 2), -m["n_chars"], m["doc_id"]))
    return best["doc_id"]


def same_item_twins(pairs: list[tuple[str, str]], attrs: dict[str, dict]) -> dict[str, str]:
    """A saved page and the feed record with the same publisher id: page -> record, so the page
    points at the very item it shows even when that item is itself a copy of another."""
    twins = {}
    for a, b in pairs:
        if a not in attrs or b not in attrs:
            continue
        ra, rb = _FORMAT_RANK.get(attrs[a]["format"], 2), _FORMAT_RANK.get(attrs[b]["format"], 2)
        if ra > rb:
            twins[a] = b
        elif rb > ra:
            twins[b] = a
    return twins
