"""Keyness: log-odds with informative Dirichlet prior and G², against numbers worked out by hand and scipy."""

import math

import numpy as np
import pytest
from scipy.stats import chi2_contingency

from dagster_project.core.keyness import compare, dirichlet_prior, g2, log_odds_dirichlet
from dagster_project.core.terms import count_terms
from tests.labelled import load_gold


def test_log_odds_against_hand_worked_example():
    # Two terms; target counts 10 and 2, reference 4 and 8, prior one pseudo-count each (a0 = 2).
    # Term 1: omega_t = (10+1)/(12+2-10-1) = 11/3, omega_r = (4+1)/(12+2-4-1) = 5/9,
    #   delta = ln(11/3) - ln(5/9) = ln(6.6) = 1.887070; var = 1/11 + 1/5 = 0.290909; z = 3.498721.
    # Term 2: omega_t = 3/11, omega_r = 9/5, delta = -1.887070; var = 1/3 + 1/9 = 0.444444; z = -2.830604.
    lo = log_odds_dirichlet(np.array([10, 2]), np.array([4, 8]), np.array([1.0, 1.0]))
    assert lo.delta == pytest.approx([1.887070, -1.887070], abs=1e-6)
    assert lo.variance == pytest.approx([0.290909, 0.444444], abs=1e-6)
    assert lo.z == pytest.approx([3.498721, -2.830604], abs=1e-6)


def test_g2_against_hand_worked_example():
    # a=10 (term in target), b=4 (term in reference), c=2, d=8; N=24; expected 7, 7, 5, 5.
    # G² = 2 (10 ln 10/7 + 4 ln 4/7 + 2 ln 2/5 + 8 ln 8/5) = 6.511468, positive (a > 7).
    # No expected count is below 5, so quanteda's default applies no Yates correction.
    # Williams: q = 1 + (24/14 + 24/10 - 1)(24/12 + 24/12 - 1)/(6*24) = 1.064881; G²/q = 6.114738.
    t, r = np.array([10, 2]), np.array([4, 8])
    assert g2(t, r, "none")[0] == pytest.approx(6.511468, abs=1e-5)
    assert g2(t, r, "default")[0] == pytest.approx(6.511468, abs=1e-5)
    assert g2(t, r, "williams")[0] == pytest.approx(6.114738, abs=1e-5)
    assert g2(t, r, "none")[1] == pytest.approx(-6.511468, abs=1e-5)  # the reference's term: negative


def _real_table():
    """Term counts of two real reports: the Jiaozuo epidemic meeting and a State Council executive meeting."""
    gold = {g.name: g.doc.body for g in load_gold()}
    a = count_terms(gold["seed_jiaozuo"]).counts
    b = count_terms(gold["nested_VIDE1417605478393913"]).counts
    terms = sorted(set(a) | set(b))
    return terms, np.array([a.get(t, 0) for t in terms]), np.array([b.get(t, 0) for t in terms])


def test_g2_matches_scipy_on_a_real_table():
    terms, t, r = _real_table()
    assert len(terms) > 300
    uncorrected = g2(t, r, "none")
    default = g2(t, r, "default")
    n_t, n_r = t.sum(), r.sum()
    yates_rows = 0
    for i in range(len(terms)):
        table = np.array([[t[i], r[i]], [n_t - t[i], n_r - r[i]]])
        plain = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert abs(uncorrected[i]) == pytest.approx(plain, rel=1e-5, abs=1e-5), terms[i]
        # signed: positive where the target uses the term more than expected
        expected_a = (t[i] + r[i]) * n_t / (n_t + n_r)
        if abs(t[i] - expected_a) > 1e-9 and plain > 1e-9:
            assert np.sign(uncorrected[i]) == np.sign(t[i] - expected_a), terms[i]
        expected = chi2_contingency(table, correction=False)[3]
        if expected.min() < 5 and abs(t[i] * (n_r - r[i]) - r[i] * (n_t - t[i])) > table.sum() / 2:
            # (quanteda's 1e-9 offset inside the logarithm moves G² by a few parts per million)
            # quanteda corrects exactly where scipy's Yates correction shifts every cell by 0.5
            corrected = chi2_contingency(table, correction=True, lambda_="log-likelihood")[0]
            assert abs(default[i]) == pytest.approx(corrected, rel=1e-5, abs=1e-5), terms[i]
            yates_rows += 1
        else:
            assert default[i] == pytest.approx(uncorrected[i], abs=1e-9)
    assert yates_rows > 50  # most terms of two short reports are rare: the correction is exercised


def test_epidemic_terms_are_the_epidemic_meetings():
    terms, t, r = _real_table()
    top = compare(dict(zip(terms, t.tolist())), dict(zip(terms, r.tolist())), top=10)
    mine = [k.term for k in top if k.z > 0]
    theirs = [k.term for k in top if k.z < 0]
    assert "疫情" in mine or "疫情防控" in mine
    assert any(w in theirs for w in ("税收", "企业", "试点", "政策", "营改增", "减税"))
    # the prior keeps a term used once in the target from outranking frequent ones
    assert all(k.n_target + k.n_reference >= 3 for k in top)


def test_dirichlet_prior_sums_to_its_size():
    # shares 5/20 and 15/20; the absent term gets the smallest share (5/20), then all are scaled to 100:
    # 0.25, 0.25, 0.75 over 1.25 -> 20, 20, 60
    a = dirichlet_prior(np.array([5, 0, 15]), size=100)
    assert a == pytest.approx([20, 20, 60])
    assert a.sum() == pytest.approx(100)
    assert math.isfinite(log_odds_dirichlet(np.array([0, 0, 3]), np.array([1, 0, 0]), a).z.sum())
