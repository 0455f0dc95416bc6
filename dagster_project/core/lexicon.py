"""The project lexicon (dagster_project/lexicon/): plain files a user can edit, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicon"


def _lines(name: str) -> list[str]:
    out = []
    for raw in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("!") else raw.strip()
        if line.strip():
            out.append(line)
    return out


@dataclass(frozen=True)
class Formulas:
    canonical_of: dict[str, str]  # every surface form -> its canonical form
    not_formulations: frozenset[str]  # quoted words that are scare quotes


@lru_cache(maxsize=1)
def formulas() -> Formulas:
    canon: dict[str, str] = {}
    scare: set[str] = set()
    for line in _lines("formulas.txt"):
        if line.startswith("!"):
            scare.add(line[1:].strip())
            continue
        head, _, variants = line.partition("\t")
        head = head.strip()
        canon[head] = head
        for v in variants.split("|"):
            if v.strip():
                canon[v.strip()] = head
    # not_formulations.txt: one quoted word a line that names no slogan (made from the corpus's quotes)
    scare.update(line.strip() for line in _lines("not_formulations.txt"))
    return Formulas(canon, frozenset(scare - canon.keys()))


@lru_cache(maxsize=1)
def strength_scale() -> list[tuple[int, str, tuple[str, ...]]]:
    """(rank, label, words), strongest first."""
    rows = []
    for line in _lines("strength.txt"):
        rank, label, words = line.split("\t")
        rows.append((int(rank), label, tuple(words.split())))
    return sorted(rows, reverse=True)


@lru_cache(maxsize=1)
def leaders() -> frozenset[str]:
    return frozenset(w for line in _lines("leaders.txt") for w in line.split())


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(w for line in _lines("surnames.txt") for w in line.split())


@lru_cache(maxsize=1)
def _leader_automaton():
    import ahocorasick

    a = ahocorasick.Automaton()
    for name in sorted(leaders()):
        a.add_word(name, name)
    a.make_automaton()
    return a


def leader_mentions(text: str) -> list[tuple[int, str]]:
    """(start, name) of every mention of a leader of leaders.txt in text, overlapping ones included,
    in order of position then name: one pass, whatever the number of names."""
    if not text:
        return []
    return sorted((end - len(name) + 1, name) for end, name in _leader_automaton().iter(text))


@lru_cache(maxsize=1)
def places() -> tuple[dict[str, str], dict[str, str]]:
    """(form -> province short name, city -> province short name)."""
    provinces: dict[str, str] = {}
    cities: dict[str, str] = {}
    section = None
    for line in _lines("places.txt"):
        if line.startswith("["):
            section = line.strip("[]")
            continue
        if section == "provinces":
            short, *forms = line.split()
            for f in [short, *forms]:
                provinces[f] = short
        elif section == "cities":
            city, prov = line.split("\t")
            cities[city.strip()] = prov.strip()
    return provinces, cities
