"""Count statistics: the Poisson upper tail (scipy when installed, a pure fallback)."""

from __future__ import annotations

import math

try:  # optional: the seat[analysis] extra
    from scipy.stats import poisson as _poisson
except ImportError:  # pragma: no cover - exercised in the no-extra CI job
    _poisson = None


def poisson_sf_pure(k: int, lam: float) -> float:
    """P(X >= k) for X ~ Poisson(lam), summing the upper tail directly (no cancellation)."""
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    if k <= lam:
        lower = 0.0
        term = math.exp(-lam)
        for i in range(k):
            lower += term
            term *= lam / (i + 1)
        return max(0.0, 1.0 - lower)
    log_term = -lam + k * math.log(lam) - math.lgamma(k + 1)
    term = math.exp(log_term)
    total = 0.0
    i = k
    while term > 1e-300 and (total == 0.0 or term > total * 1e-15):
        total += term
        i += 1
        term *= lam / i
    return min(1.0, total)


def poisson_sf(k: int, lam: float) -> float:
    """P(X >= k) for X ~ Poisson(lam)."""
    if _poisson is not None and (k > 5000 or lam > 5000):
        return float(_poisson.sf(k - 1, lam))  # scipy's per-call cost pays off only here
    return poisson_sf_pure(k, lam)


def neg_log10(p: float) -> float:
    return 300.0 if p <= 1e-300 else -math.log10(p)


def binom_sf(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p), summing the smaller tail in log space."""
    if k <= 0:
        return 1.0
    if k > n or p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    lp, lq = math.log(p), math.log1p(-p)
    odds = p / (1.0 - p)

    def term(i: int) -> float:
        return math.exp(
            math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * lp + (n - i) * lq
        )

    if k > n * p:  # the upper tail, from k upwards
        t = term(k)
        total, i = 0.0, k
        while i <= n and t > 1e-300 and (total == 0.0 or t > total * 1e-15):
            total += t
            t *= (n - i) / (i + 1) * odds
            i += 1
        return min(1.0, total)
    t = term(k - 1)  # the lower tail, from k - 1 downwards
    lower, i = 0.0, k - 1
    while i >= 0 and t > 1e-300 and (lower == 0.0 or t > lower * 1e-15):
        lower += t
        t *= i / (n - i + 1) / odds
        i -= 1
    return max(0.0, 1.0 - lower)
