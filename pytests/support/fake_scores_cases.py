"""Generated and hand-picked growth cases for test_fake_scores_reference.py.

About 200 generated influencers of every kind (flat, linear, organic, spikes, shrinking, tiny,
billions of followers) plus hand-picked exact band edges; every generated case is kept away from
the float thresholds (:func:`fake_scores_reference.near_a_threshold`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from pytests.support.fake_scores_reference import (
    HISTORY_DAYS,
    Case,
    engagement_near_a_band_edge,
    near_a_threshold,
)

SEED = 20240603


def _likes(rng: np.random.Generator, followers: int, rate_pct: float) -> tuple[str, str]:
    """avg_likes / avg_comments (one decimal) giving about ``rate_pct`` % engagement."""
    total = followers * rate_pct / 100
    comment_share = rng.uniform(0.01, 0.15)
    return f"{total * (1 - comment_share):.1f}", f"{total * comment_share:.1f}"


def _rate(rng: np.random.Generator) -> float:
    """Engagement rates spread over every band (0.2 % .. 15 %)."""
    return float(rng.choice([rng.uniform(0.2, 2), rng.uniform(2, 5), rng.uniform(5, 8), rng.uniform(8, 15)]))


def _from_gains(start: int, gains) -> tuple[int, ...]:
    h = np.concatenate([[start], start + np.cumsum(np.asarray(gains, dtype=np.int64))])
    assert len(h) == HISTORY_DAYS
    assert h.min() >= 0, h
    return tuple(int(v) for v in h)


def gen_flat(rng):
    start = int(rng.integers(50, 5_000_000))
    return start, _from_gains(start, np.zeros(29, dtype=np.int64))


def gen_linear(rng):
    start = int(rng.integers(1_000, 2_000_000))
    slope = int(rng.integers(-start // 40, start // 20))  # constant gain, also 0 or negative
    return start, _from_gains(start, np.full(29, slope))


def gen_linear_rounded(rng):
    """A straight line rounded to whole followers: gains take two neighbouring values."""
    start = int(rng.integers(1_000, 500_000))
    slope = rng.uniform(0.1, 400)
    h = np.round(start + slope * np.arange(HISTORY_DAYS)).astype(np.int64)
    return start, tuple(int(v) for v in h)


def _organic(rng, start: int, n=29):
    mu = rng.uniform(-0.0005, 0.01) * start
    sigma = rng.uniform(0.05, 1.0) * max(abs(mu), start * 0.001, 2)
    return np.round(rng.normal(mu, sigma, n)).astype(np.int64)


def gen_organic(rng):
    start = int(rng.integers(2_000, 3_000_000))
    return start, _from_gains(start, _organic(rng, start))


def gen_one_spike(rng):
    start = int(rng.integers(5_000, 3_000_000))
    gains = _organic(rng, start)
    day = int(rng.integers(0, 29))
    gains[day] += int(rng.uniform(0.05, 0.6) * start)
    return start, _from_gains(start, gains)


def gen_many_spikes(rng):
    start = int(rng.integers(5_000, 3_000_000))
    gains = _organic(rng, start)
    n_spikes = int(rng.integers(3, 9))
    days = rng.choice(29, size=n_spikes, replace=False)
    for k, day in enumerate(days):  # spikes of clearly different sizes
        gains[day] += int(start * rng.uniform(0.01, 0.05) * (k + 1))
    return start, _from_gains(start, gains)


def gen_shrinking(rng):
    start = int(rng.integers(50_000, 5_000_000))
    gains = np.round(rng.normal(-rng.uniform(0.0005, 0.01) * start, 0.002 * start, 29)).astype(np.int64)
    if rng.random() < 0.5:  # a purge day
        gains[int(rng.integers(0, 29))] -= int(0.1 * start)
    return start, _from_gains(start, gains)


def gen_tiny(rng):
    start = int(rng.integers(10, 90))
    gains = rng.integers(-1, 4, 29)
    if rng.random() < 0.4:
        gains[int(rng.integers(0, 29))] += int(rng.integers(10, 40))
    if (start + np.cumsum(gains)).min() < 0:  # keep every day's count non-negative
        gains = np.abs(gains)
    return start, _from_gains(start, gains)


def gen_billions(rng):
    start = 2_500_000_000 + int(rng.integers(0, 6_500_000_000))  # 2.5e9 .. 9e9: far past int32
    gains = np.round(rng.normal(rng.uniform(-2e6, 2e7), rng.uniform(1e5, 5e6), 29)).astype(np.int64)
    for day in rng.choice(29, size=int(rng.integers(0, 5)), replace=False):
        gains[day] += int(rng.uniform(1e8, 2e9))
    return start, _from_gains(start, gains)


GENERATORS: dict[str, tuple[int, Callable]] = {
    "flat": (10, gen_flat),
    "linear": (15, gen_linear),
    "linear_rounded": (12, gen_linear_rounded),
    "organic": (40, gen_organic),
    "one_spike": (30, gen_one_spike),
    "many_spikes": (30, gen_many_spikes),
    "shrinking": (20, gen_shrinking),
    "tiny": (20, gen_tiny),
    "billions": (20, gen_billions),
}


def _history_to(first: int, last: int, rng) -> tuple[int, ...]:
    """A rising, noisy history from ``first`` to exactly ``last`` (for the growth boundary cases)."""
    inner = np.sort(rng.integers(first, last + 1, HISTORY_DAYS - 2))
    return (first, *(int(v) for v in inner), last)


def boundary_cases(rng) -> list[Case]:
    """Hand-picked exact edges: engagement 2 / 5 / 8 % and growth 30 / 50 / 70 % (integers, so exact)."""
    cases = []
    n = 0

    def add(kind, followers, likes, comments, history):
        nonlocal n
        n += 1
        cases.append(Case(f"edge_{n:03d}", kind, followers, str(likes), str(comments), tuple(history)))

    # Every engagement edge with every growth edge: 1000 followers, history 1000 -> 1300 / 1500 / 1700.
    for eng in (20, 50, 80):
        for growth in (300, 500, 700):
            likes = int(rng.integers(0, eng + 1))
            add("edge_both", 1000, likes, eng - likes, _history_to(1000, 1000 + growth, rng))
    # One unit either side of each edge.
    for eng in (19, 21, 49, 51, 79, 81):
        add("edge_engagement", 1000, eng, 0, _history_to(1000, 1100, rng))
    for last in (1299, 1301, 1499, 1501, 1699, 1701):
        add("edge_growth", 1000, 150, 3, _history_to(1000, last, rng))
    # Edges on billion-follower accounts: 2 % / 5 % / 8 % of 2.5e9, growth 30 / 50 / 70 % of 2.5e9.
    for eng_pct, growth_pct in ((2, 30), (5, 50), (8, 70)):
        followers = 2_500_000_000
        total = followers * eng_pct // 100
        add(
            "edge_billions",
            followers,
            total - 1_234_567,
            1_234_567,
            _history_to(followers, followers + followers * growth_pct // 100, rng),
        )
    # Flat, linear at an edge: all gains equal (sd = 0, MAD = MeanAD = 0 -> no spikes of either kind).
    add("edge_flat", 1000, 20, 0, [1000] * HISTORY_DAYS)
    add("edge_linear", 2900, 145, 0, [2900 + 50 * i for i in range(HISTORY_DAYS)])  # 5 %, 50 %
    # First day 0: growth is undefined (NULL), no growth points, no rapid_growth flag.
    add("edge_zero_start", 40, 1, 0, [0, *range(1, HISTORY_DAYS)])
    add("edge_zero_start", 40, 1, 0, [0] * 10 + [5] * 10 + [30] * 10)
    return cases


def generate_cases(seed: int = SEED) -> list[Case]:
    rng = np.random.default_rng(seed)
    cases: list[Case] = []
    for kind, (count, gen) in GENERATORS.items():
        for i in range(count):
            for _attempt in range(100):
                _start, history = gen(rng)
                followers = max(1, history[-1] + int(rng.integers(-3, 4)))
                likes, comments = _likes(rng, followers, _rate(rng))
                case = Case(f"{kind}_{i:03d}", kind, followers, likes, comments, history)
                if not near_a_threshold(case) and not engagement_near_a_band_edge(case):
                    break
            else:
                raise AssertionError(f"could not generate a {kind} case away from the thresholds")
            cases.append(case)
    for case in boundary_cases(rng):
        assert not near_a_threshold(case), case  # the hand-picked ones must be safe as they are
        cases.append(case)
    return cases


def write_growth_csv(folder: Path, rows: list[list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "growth_data.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["influencer_id", "followers", "avg_likes", "avg_comments", "follower_history"])
        writer.writerows(rows)
    return path


def case_row(case: Case) -> list[str]:
    return [case.influencer_id, str(case.followers), case.avg_likes, case.avg_comments, json.dumps(list(case.history))]


def decimal_edge_cases() -> list[Case]:
    """Engagement exactly at 2 / 5 / 8 % with one-decimal likes and comments (exact as decimals).

    Added as binary doubles, 274.7 + 40.7 comes out a hair under 315.4, so 100 x 315.4 / 15770 = 2 %
    would land at 1.9999999999999998; the SQL adds them as decimals. Checked by the test below.
    """
    flat = tuple(1000 + 10 * i for i in range(HISTORY_DAYS))
    return [
        Case("decimal_edge_2pct", "decimal_edge", 15770, "274.7", "40.7", flat),
        Case("decimal_edge_5pct", "decimal_edge", 24152, "1097.3", "110.3", flat),
        Case("decimal_edge_8pct", "decimal_edge", 45230, "2960.2", "658.2", flat),
    ]
