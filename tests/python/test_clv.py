"""BG/NBD and Gamma-Gamma fits recover known parameters from synthetic data."""

from __future__ import annotations

import numpy as np

from python_helpers import clv

TRUE_BGNBD = clv.BgNbdParams(r=0.25, alpha=4.0, a=0.8, b=2.5)  # close to the CDNOW fit
TRUE_GG = clv.GammaGammaParams(p=6.0, q=4.0, gamma=15.0)


def test_bgnbd_recovers_parameters():
    f, r, t = clv.simulate_bgnbd(TRUE_BGNBD, n=6000, t=39.0, seed=1)
    fit = clv.fit_bgnbd(f, r, t)
    # the purchase-rate mean r/alpha and the dropout mean a/(a+b) are well identified
    assert abs(fit.r / fit.alpha - 0.25 / 4.0) / (0.25 / 4.0) < 0.2, fit
    assert abs(fit.a / (fit.a + fit.b) - 0.8 / 3.3) < 0.1, fit
    for got, want in [(fit.r, 0.25), (fit.alpha, 4.0), (fit.a, 0.8), (fit.b, 2.5)]:
        assert want / 2 < got < want * 2, fit


def test_bgnbd_expectation_matches_holdout():
    """Expected purchases in a holdout period match the simulated total within 10%."""
    rng = np.random.default_rng(3)
    n, t_cal, horizon = 4000, 30.0, 20.0
    lam = rng.gamma(TRUE_BGNBD.r, 1 / TRUE_BGNBD.alpha, n)
    drop = rng.beta(TRUE_BGNBD.a, TRUE_BGNBD.b, n)
    f, r, holdout = np.zeros(n), np.zeros(n), np.zeros(n)
    for i in range(n):
        now, alive = 0.0, True
        while alive:
            now += rng.exponential(1 / lam[i])
            if now > t_cal + horizon:
                break
            if now <= t_cal:
                f[i] += 1
                r[i] = now
            else:
                holdout[i] += 1
            alive = rng.random() >= drop[i]
    expected = clv.bgnbd_expected_purchases(TRUE_BGNBD, horizon, f, r, np.full(n, t_cal))
    assert abs(expected.sum() - holdout.sum()) / holdout.sum() < 0.1


def test_gamma_gamma_recovers_parameters():
    rng = np.random.default_rng(2)
    x = 1 + rng.poisson(2.0, 6000)
    m = clv.simulate_gamma_gamma(TRUE_GG, x, seed=2)
    fit = clv.fit_gamma_gamma(x, m)
    # the population mean spend p*gamma/(q-1) is well identified
    assert abs(fit.p * fit.gamma / (fit.q - 1) - 30.0) / 30.0 < 0.1, fit
    for got, want in [(fit.p, 6.0), (fit.q, 4.0), (fit.gamma, 15.0)]:
        assert want / 2 < got < want * 2, fit


def test_gamma_gamma_expected_spend_shrinks_to_population_mean():
    spend = clv.gamma_gamma_expected_spend(TRUE_GG, [0, 1, 50], [0.0, 100.0, 100.0])
    assert spend[0] == 6.0 * 15.0 / 3.0
    assert 30.0 < spend[1] < spend[2] < 100.0


def test_predict_clv_zero_for_no_expected_purchases():
    value = clv.predict_clv(TRUE_BGNBD, TRUE_GG, 0.0, [2], [10.0], [20.0], [50.0])
    assert value[0] == 0.0


def test_bgnbd_without_dropout_stops_at_the_bounds():
    """Customers who never drop out have no interior BG/NBD optimum (a / b -> 0).

    The fit must stop at the log-parameter bounds instead of walking that ridge for
    thousands of iterations, and predict what the no-dropout model (NBD) predicts:
    E[Y(h) | x, T] = (r + x) / (alpha + T) * h.
    """
    rng = np.random.default_rng(5)
    n, horizon = 3000, 10.0
    t = rng.uniform(20.0, 40.0, n)
    lam = rng.gamma(2.0, 1 / 8.0, n)
    f, r = np.zeros(n), np.zeros(n)
    for i in range(n):
        now = rng.exponential(1 / lam[i])
        while now <= t[i]:
            f[i] += 1
            r[i] = now
            now += rng.exponential(1 / lam[i])
    fit = clv.fit_bgnbd(f, r, t)
    assert fit.a / (fit.a + fit.b) < 1e-3, fit
    assert 1e-6 <= fit.a <= 1e6 and 1e-6 <= fit.b <= 1e6, fit
    expected = clv.bgnbd_expected_purchases(fit, horizon, f, r, t)
    nbd = (fit.r + f) / (fit.alpha + t) * horizon
    assert np.max(np.abs(expected - nbd) / nbd) < 0.02


def _bgnbd_rowwise(p: clv.BgNbdParams, x, t_x, big_t) -> np.ndarray:
    """FHL 2005 equation 6, one customer at a time, with scipy's scalar functions."""
    from math import inf, log

    from scipy.special import gammaln

    out = []
    for xi, txi, ti in zip(x, t_x, big_t, strict=True):
        a1 = gammaln(p.r + xi) - gammaln(p.r) + p.r * log(p.alpha)
        a2 = gammaln(p.a + p.b) + gammaln(p.b + xi) - gammaln(p.b) - gammaln(p.a + p.b + xi)
        a3 = -(p.r + xi) * log(p.alpha + ti)
        a4 = log(p.a) - log(max(p.b + xi - 1, 1e-12)) - (p.r + xi) * log(p.alpha + txi) if xi > 0 else -inf
        out.append(a1 + a2 + np.logaddexp(a3, a4))
    return np.array(out)


def _gamma_gamma_rowwise(p: clv.GammaGammaParams, x, m) -> np.ndarray:
    from math import log

    from scipy.special import gammaln

    return np.array([
        gammaln(p.p * xi + p.q) - gammaln(p.p * xi) - gammaln(p.q) + p.q * log(p.gamma)
        + (p.p * xi - 1) * log(mi) + p.p * xi * log(xi) - (p.p * xi + p.q) * log(p.gamma + mi * xi)
        for xi, mi in zip(x, m, strict=True)
    ])


def test_likelihoods_equal_the_per_customer_formulas():
    """The fits evaluate each term on a column's distinct values and gather them to the
    rows; the log-likelihoods must equal the papers' formulas written per customer
    (repeated and unique values, x = 0 rows, parameters on both sides of 1)."""
    rng = np.random.default_rng(11)
    n = 2000
    x = rng.integers(0, 12, n).astype(float)
    big_t = rng.integers(30, 400, n).astype(float)
    t_x = np.where(x > 0, np.floor(big_t * rng.uniform(0, 1, n)), 0.0)
    m = np.round(rng.gamma(2.0, 30.0, n), 2) + 0.01
    for params in (TRUE_BGNBD, clv.BgNbdParams(r=1.7, alpha=0.3, a=3.0, b=0.6)):
        np.testing.assert_allclose(clv.bgnbd_log_likelihood(params, x, t_x, big_t),
                                   _bgnbd_rowwise(params, x, t_x, big_t), rtol=1e-12, atol=0)
    keep = x > 0
    for params in (TRUE_GG, clv.GammaGammaParams(p=0.7, q=1.4, gamma=0.2)):
        np.testing.assert_allclose(clv.gamma_gamma_log_likelihood(params, x[keep], m[keep]),
                                   _gamma_gamma_rowwise(params, x[keep], m[keep]), rtol=1e-12, atol=0)
