"""An independent Python reference of the fake-follower rules, for test_fake_scores_reference.py.

Written from the rules of the issue (the contract), not translated from the SQL: exact rational
arithmetic (fractions.Fraction) for the engagement and growth bands, numpy for the spike
statistics. :func:`reference` gives the expected row of one case, :func:`compare` lists every
difference between the expected rows and fake_follower_scores / int_influencers_spikes_detected.

Rules (defaults in dbt_project.yml):
  engagement_rate   = (avg_likes + avg_comments) / followers x 100
  total_growth_pct  = (last day - first day) / first day x 100 (NULL when the first day is 0)
  documented spikes = days 2..30 whose gain d_k = h_k - h_{k-1} > mean + 2 x sample sd of the 29 gains
  robust spikes     = d > median and 0.6745 (d - median) / MAD > 3.5; MAD = 0 -> (d - median) /
                      (1.253314 x MeanAD); MeanAD = 0 too -> none
  spike_points      = min(10 x spike_count, 50)
  engagement_points = < 2: 40; [2, 5): 30; [5, 8): 15; >= 8: 0
  growth_points     = > 70: 30; (50, 70]: 20; (30, 50]: 10; else 0
  fake_score        = min(100, sum of the points); risk: >= 70 high, >= 40 medium, else low
  red_flags         = follower_spikes (spikes >= 3), low_engagement (rate < 5), rapid_growth (growth > 50)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

HISTORY_DAYS = 30
REL_TOL = 1e-9

# --------------------------------------------------------------------------- the reference


@dataclass(frozen=True)
class Rules:
    """The contract's knobs; ``spike_sigma`` is changed only by the companion test (wrong reference)."""

    spike_sigma: float = 2.0
    robust_z: float = 3.5
    mad_scale: float = 0.6745
    meanad_scale: float = 1.253314


DEFAULT_RULES = Rules()


@dataclass(frozen=True)
class Case:
    influencer_id: str
    kind: str
    followers: int
    avg_likes: str  # as written to the CSV (exact decimal text)
    avg_comments: str
    history: tuple[int, ...]


@dataclass
class Expected:
    engagement_rate: float
    total_growth_pct: float | None
    spike_count: int
    spike_days: list[int]
    robust_spike_count: int
    robust_spike_days: list[int]
    largest_daily_gain: int
    spike_points: int
    engagement_points: int
    growth_points: int
    fake_score: int
    risk_level: str
    red_flags: list[str]
    # Statistics of the gains, compared with int_influencers_spikes_detected (tolerance).
    stats: dict[str, float] = field(default_factory=dict)


def daily_gains(history: tuple[int, ...]) -> np.ndarray:
    """d_2..d_30 as int64 (index i of the array is day i + 2)."""
    h = np.asarray(history, dtype=np.int64)
    return h[1:] - h[:-1]


def documented_spike_days(d: np.ndarray, rules: Rules) -> list[int]:
    mean = float(np.mean(d))
    sd = float(np.std(d, ddof=1))
    threshold = mean + rules.spike_sigma * sd
    return [i + 2 for i, g in enumerate(d) if g > threshold]


def robust_z_scores(d: np.ndarray, rules: Rules) -> np.ndarray | None:
    """Modified z-scores of the gains, or None when neither MAD nor MeanAD gives a scale."""
    m = float(np.median(d))
    dev = np.abs(d - m)
    mad = float(np.median(dev))
    mean_ad = float(np.mean(dev))
    if mad > 0:
        return rules.mad_scale * (d - m) / mad
    if mean_ad > 0:
        return (d - m) / (rules.meanad_scale * mean_ad)
    return None


def robust_spike_days(d: np.ndarray, rules: Rules) -> list[int]:
    z = robust_z_scores(d, rules)
    if z is None:
        return []
    m = float(np.median(d))
    return [i + 2 for i, (g, zi) in enumerate(zip(d, z)) if g > m and zi > rules.robust_z]


def engagement_rate_exact(case: Case) -> Fraction:
    return (Fraction(case.avg_likes) + Fraction(case.avg_comments)) / case.followers * 100


def growth_pct_exact(history: tuple[int, ...]) -> Fraction | None:
    first, last = history[0], history[-1]
    if first == 0:
        return None
    return Fraction(last - first, first) * 100


def engagement_points(rate: Fraction) -> int:
    if rate < 2:
        return 40
    if rate < 5:
        return 30
    if rate < 8:
        return 15
    return 0


def growth_points(growth: Fraction | None) -> int:
    if growth is None:
        return 0
    if growth > 70:
        return 30
    if growth > 50:
        return 20
    if growth > 30:
        return 10
    return 0


def risk_level(score: int) -> str:
    return "high" if score >= 70 else "medium" if score >= 40 else "low"


def reference(case: Case, rules: Rules = DEFAULT_RULES) -> Expected:
    d = daily_gains(case.history)
    spikes = documented_spike_days(d, rules)
    robust = robust_spike_days(d, rules)
    rate = engagement_rate_exact(case)
    growth = growth_pct_exact(case.history)
    spike_pts = min(len(spikes) * 10, 50)
    eng_pts = engagement_points(rate)
    growth_pts = growth_points(growth)
    score = min(100, spike_pts + eng_pts + growth_pts)
    flags = []
    if len(spikes) >= 3:
        flags.append("follower_spikes")
    if rate < 5:
        flags.append("low_engagement")
    if growth is not None and growth > 50:
        flags.append("rapid_growth")
    m = float(np.median(d))
    dev = np.abs(d - m)
    return Expected(
        engagement_rate=float(rate),
        total_growth_pct=None if growth is None else float(growth),
        spike_count=len(spikes),
        spike_days=spikes,
        robust_spike_count=len(robust),
        robust_spike_days=robust,
        largest_daily_gain=int(d.max()),
        spike_points=spike_pts,
        engagement_points=eng_pts,
        growth_points=growth_pts,
        fake_score=score,
        risk_level=risk_level(score),
        red_flags=flags,
        stats={
            "mean_daily_growth": float(np.mean(d)),
            "sd_daily_growth": float(np.std(d, ddof=1)),
            "median_daily_growth": m,
            "median_abs_deviation": float(np.median(dev)),
            "mean_abs_deviation": float(np.mean(dev)),
        },
    )


# --------------------------------------------------------------------------- comparison


EXACT_FIELDS = (
    "spike_count",
    "spike_days",
    "robust_spike_count",
    "robust_spike_days",
    "largest_daily_gain",
    "spike_points",
    "engagement_points",
    "growth_points",
    "fake_score",
    "risk_level",
    "red_flags",
)
FLOAT_FIELDS = ("engagement_rate", "total_growth_pct")


def _as_list(value) -> list:
    if value is None:
        return []
    return [v.item() if hasattr(v, "item") else v for v in value]


def _is_null(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _close(expected: float | None, actual) -> bool:
    if expected is None or _is_null(actual):
        return expected is None and _is_null(actual)
    return math.isclose(float(actual), expected, rel_tol=REL_TOL, abs_tol=REL_TOL)


def compare(cases: list[Case], expected: dict[str, Expected], mart, spikes) -> list[str]:
    """Every difference between the reference and the mart / int_influencers_spikes_detected, one line each."""
    problems: list[str] = []
    by_kind = {c.influencer_id: c.kind for c in cases}
    mart_rows = {r["influencer_id"]: r for r in mart.to_dict("records")}
    spike_rows = {r["influencer_id"]: r for r in spikes.to_dict("records")}
    if set(mart_rows) != set(expected):
        problems.append(
            f"ids: missing {sorted(set(expected) - set(mart_rows))}, extra {sorted(set(mart_rows) - set(expected))}"
        )
    for iid in sorted(set(expected) & set(mart_rows)):
        exp, row = expected[iid], mart_rows[iid]
        where = f"{iid} ({by_kind[iid]})"
        for name in EXACT_FIELDS:
            want = getattr(exp, name)
            got = row[name]
            if isinstance(want, list):
                got = _as_list(got)
            elif name != "risk_level":
                got = None if _is_null(got) else int(got)
            if got != want:
                problems.append(f"{where}: {name} expected {want!r}, got {got!r}")
        for name in FLOAT_FIELDS:
            if not _close(getattr(exp, name), row[name]):
                problems.append(f"{where}: {name} expected {getattr(exp, name)!r}, got {row[name]!r}")
        srow = spike_rows.get(iid)
        if srow is None:
            problems.append(f"{where}: missing from int_influencers_spikes_detected")
            continue
        for name, want in exp.stats.items():
            scale = max(1.0, abs(exp.stats["mean_daily_growth"]), exp.stats["sd_daily_growth"])
            if _is_null(srow[name]) or abs(float(srow[name]) - want) > REL_TOL * max(scale, abs(want)):
                problems.append(
                    f"{where}: int_influencers_spikes_detected.{name} expected {want!r}, got {srow[name]!r}"
                )
        for name in ("spike_days", "robust_spike_days"):
            if _as_list(srow[name]) != getattr(exp, name):
                problems.append(
                    f"{where}: int_influencers_spikes_detected.{name} expected {getattr(exp, name)}, got {srow[name]}"
                )
    return problems


# --------------------------------------------------------------------------- safe cases


def near_a_threshold(case: Case, rules: Rules = DEFAULT_RULES) -> bool:
    """True when the float statistics could tip a comparison either way.

    numpy and DuckDB sum, average and take square roots in different orders, so a gain within about
    1e-15 (relative) of mean + 2 sd, or a modified z-score within that of 3.5, may fall on different
    sides in the two. Such cases are regenerated, never compared with a looser check: we keep only
    cases whose every day is more than 1e-9 (relative) away from both thresholds. All-equal gains
    (sd = 0, MAD = MeanAD = 0) are exact in both engines and are kept.
    """
    d = daily_gains(case.history)
    mean = float(np.mean(d))
    sd = float(np.std(d, ddof=1))
    if sd > 0:
        threshold = mean + rules.spike_sigma * sd
        scale = max(1.0, abs(threshold), abs(mean), sd)
        if np.any(np.abs(d - threshold) <= REL_TOL * scale):
            return True
    z = robust_z_scores(d, rules)
    return bool(z is not None and np.any(np.abs(z - rules.robust_z) <= REL_TOL * rules.robust_z))


def engagement_near_a_band_edge(case: Case) -> bool:
    """Generated (not hand-picked) engagement rates near 2 / 5 / 8 % are regenerated: avg_likes like
    "12.3" is a decimal in the CSV but a binary double in DuckDB, so only the hand-picked integer
    boundary cases are meant to sit exactly on an edge."""
    rate = engagement_rate_exact(case)
    return any(abs(rate - b) <= REL_TOL * b for b in (2, 5, 8))
