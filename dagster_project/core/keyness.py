"""Keyness: which terms one group of texts uses more than another.

Two measures over term counts of a target group and a reference group:

- the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin'
  Words", eq. 16 and 18): the difference in log-odds of a term between the groups, shrunk towards a
  background distribution, and its z-score. Rare terms do not dominate, as they do raw log ratios.
- G², the log-likelihood ratio of the 2×2 table (term vs. all other terms, target vs. reference), signed
  positive where the target uses the term more, with quanteda's corrections (textstat_keyness,
  measure = "lr"): "default" applies Yates' correction where an expected count is below 5 and
  |ad - bc| > N/2, "williams" divides by Williams' q, "none" applies neither.

Both take aligned count vectors (one entry per term) and return arrays; they are plain numpy so a
notebook can call them on any two groups it chooses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DEFAULT_PRIOR_SIZE = 500.0
_EPSILON = 1e-9  # quanteda's offset for zero cells inside the logarithm


@dataclass(frozen=True)
class LogOdds:
    delta: np.ndarray  # log-odds ratio, target minus reference (positive: the target's term)
    variance: np.ndarray  # its approximate variance, 1/(y_t + a) + 1/(y_r + a)
    z: np.ndarray  # delta / sqrt(variance)


def dirichlet_prior(background: np.ndarray, size: float = DEFAULT_PRIOR_SIZE) -> np.ndarray:
    """Prior pseudo-counts a_w proportional to a background distribution, summing to `size`.
    Terms absent from the background get the smallest positive pseudo-count, so none is zero."""
    bg = np.asarray(background, dtype=float)
    total = bg.sum()
    if total <= 0:
        return np.full(bg.shape, size / max(len(bg), 1))
    share = bg / total
    floor = share[share > 0].min()
    share = np.where(share > 0, share, floor)
    return size * share / share.sum()


def log_odds_dirichlet(target: np.ndarray, reference: np.ndarray, prior: np.ndarray) -> LogOdds:
    """Monroe et al.'s log-odds ratio with informative Dirichlet prior `prior` (pseudo-counts per term)."""
    y_t = np.asarray(target, dtype=float)
    y_r = np.asarray(reference, dtype=float)
    a = np.asarray(prior, dtype=float)
    n_t, n_r, a0 = y_t.sum(), y_r.sum(), a.sum()
    omega_t = (y_t + a) / (n_t + a0 - y_t - a)
    omega_r = (y_r + a) / (n_r + a0 - y_r - a)
    delta = np.log(omega_t) - np.log(omega_r)
    variance = 1.0 / (y_t + a) + 1.0 / (y_r + a)
    return LogOdds(delta, variance, delta / np.sqrt(variance))


def g2(target: np.ndarray, reference: np.ndarray, correction: str = "default") -> np.ndarray:
    """Signed G² per term, as quanteda's textstat_keyness(measure = "lr", correction = ...) computes it."""
    if correction not in ("default", "yates", "williams", "none"):
        raise ValueError(f"correction must be default, yates, williams or none, not {correction!r}")
    a = np.asarray(target, dtype=float)
    b = np.asarray(reference, dtype=float)
    c = a.sum() - a
    d = b.sum() - b
    n = a + b + c + d
    e11 = (a + b) * (a + c) / n
    if correction in ("default", "yates"):
        expected_small = ((a + b) * (a + c) / n < 5) | ((a + b) * (b + d) / n < 5) | ((a + c) * (c + d) / n < 5) | ((c + d) * (b + d) / n < 5)
        apply = expected_small & (np.abs(a * d - b * c) > n / 2)  # as quanteda's R keyness_lr: strictly greater
        step = np.where(apply, np.where(a * d - b * c > 0, 0.5, -0.5), 0.0)
        a, d, b, c = a - step, d - step, b + step, c + step
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = (
            _xlogy(a, a / e11 + _EPSILON)
            + _xlogy(b, b / ((a + b) * (b + d) / n) + _EPSILON)
            + _xlogy(c, c / ((a + c) * (c + d) / n) + _EPSILON)
            + _xlogy(d, d / ((b + d) * (c + d) / n) + _EPSILON)
        )
    out = 2 * terms * np.where(a > e11, 1.0, -1.0)
    if correction == "williams":
        q = np.where(
            a * b * c * d == 0, 1.0,
            1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n),
        )
        out = out / q
    return out


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x * log(y), 0 where x is 0 (a zero cell adds nothing, as in quanteda with its epsilon)."""
    return np.where(x == 0, 0.0, x * np.log(np.where(x == 0, 1.0, y)))


@dataclass(frozen=True)
class KeyTerm:
    term: str
    n_target: int
    n_reference: int
    delta: float
    z: float
    g2: float


def compare(target: dict[str, int], reference: dict[str, int], background: dict[str, int] | None = None,
            prior_size: float = DEFAULT_PRIOR_SIZE, top: int | None = 20, min_count: int = 3) -> list[KeyTerm]:
    """Distinctive terms of target against reference (dicts of term counts), strongest first in both
    directions: positive z for the target's terms, negative for the reference's. `background` sets the
    prior (default: the two groups together); terms used fewer than `min_count` times in all are left out."""
    # the prior spreads over the background's whole vocabulary, as Monroe et al.'s a0 does
    terms = sorted(set(target) | set(reference) | set(background or ()))
    y_t = np.array([target.get(t, 0) for t in terms], dtype=float)
    y_r = np.array([reference.get(t, 0) for t in terms], dtype=float)
    bg = np.array([background.get(t, 0) for t in terms], dtype=float) if background is not None else y_t + y_r
    lo = log_odds_dirichlet(y_t, y_r, dirichlet_prior(bg, prior_size))
    g = g2(y_t, y_r)
    rows = [KeyTerm(t, int(x), int(y), float(dl), float(z), float(gg))
            for t, x, y, dl, z, gg in zip(terms, y_t, y_r, lo.delta, lo.z, g) if x + y >= min_count]
    if top is None:
        return sorted(rows, key=lambda r: -r.z)
    # a term used alike in both groups (z = 0) is distinctive of neither
    up = sorted((r for r in rows if r.delta > 1e-9), key=lambda r: (-r.z, r.term))[:top]
    down = sorted((r for r in rows if r.delta < -1e-9), key=lambda r: (r.z, r.term))[:top]
    return up + down
