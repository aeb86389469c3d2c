"""fake_follower_scores against an independent Python reference of the fake-follower rules.

The reference below is written from the rules of the issue (the contract), not translated from the
SQL: exact rational arithmetic (fractions.Fraction) for the engagement and growth bands, numpy for
the spike statistics. About 200 generated influencers go through ONE ``dbt run`` of the chain
(base_seeds__growth -> stg_seeds__growth -> int_follower_* -> fake_follower_scores), read from a
folder with ``--vars '{input_dir: ...}'``, and every row is compared with the reference.

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

import csv
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from conftest import query_df, run_dbt, vars_arg  # pytests/conftest.py (rootdir-relative import)

pytestmark = pytest.mark.dbt

HISTORY_DAYS = 30
SEED = 20240603
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
    # Statistics of the gains, compared with int_follower_spikes (tolerance).
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
    """Every difference between the reference and the mart / int_follower_spikes, one line each."""
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
            problems.append(f"{where}: missing from int_follower_spikes")
            continue
        for name, want in exp.stats.items():
            scale = max(1.0, abs(exp.stats["mean_daily_growth"]), exp.stats["sd_daily_growth"])
            if _is_null(srow[name]) or abs(float(srow[name]) - want) > REL_TOL * max(scale, abs(want)):
                problems.append(f"{where}: int_follower_spikes.{name} expected {want!r}, got {srow[name]!r}")
        for name in ("spike_days", "robust_spike_days"):
            if _as_list(srow[name]) != getattr(exp, name):
                problems.append(f"{where}: int_follower_spikes.{name} expected {getattr(exp, name)}, got {srow[name]}")
    return problems


# --------------------------------------------------------------------------- generation


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


def build_chain(folder: Path, database: Path) -> None:
    # Models only: some data tests of the selected models point at unselected models.
    run_dbt(["run", "--select", "+fake_follower_scores"] + vars_arg({"input_dir": str(folder)}), database)


# --------------------------------------------------------------------------- tests


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


@pytest.fixture(scope="module")
def generated_build(tmp_path_factory):
    """ONE dbt run for the generated cases (and the decimal edge cases); the tests read its tables."""
    cases = generate_cases()
    extra = decimal_edge_cases()
    folder = tmp_path_factory.mktemp("fake_scores_reference")
    write_growth_csv(folder, [case_row(c) for c in cases + extra])
    database = folder / "reference.duckdb"
    build_chain(folder, database)
    mart = query_df(database, "select * from main.fake_follower_scores")
    spikes = query_df(database, "select * from intermediate.int_follower_spikes")
    assert sorted(mart.influencer_id) == sorted(c.influencer_id for c in cases + extra)
    return cases, extra, mart, spikes


def _only(df, cases: list[Case]):
    return df[df.influencer_id.isin({c.influencer_id for c in cases})]


def test_generated_cases_cover_every_kind_and_band():
    cases = generate_cases()
    assert 150 <= len(cases) <= 300
    assert len({c.influencer_id for c in cases}) == len(cases)
    expected = [reference(c) for c in cases]
    kinds = {c.kind for c in cases}
    assert set(GENERATORS) <= kinds
    assert {e.engagement_points for e in expected} == {0, 15, 30, 40}
    assert {e.growth_points for e in expected} == {0, 10, 20, 30}
    assert {e.risk_level for e in expected} == {"low", "medium", "high"}
    assert {e.spike_points for e in expected} >= {0, 10, 30, 50}
    assert any(e.spike_count != e.robust_spike_count for e in expected)
    assert max(c.followers for c in cases) > 2**32 and min(c.followers for c in cases) < 100
    assert any(e.fake_score == 100 for e in expected)
    assert any(e.total_growth_pct is None for e in expected)


def test_mart_matches_the_reference(generated_build):
    cases, _, mart, spikes = generated_build
    expected = {c.influencer_id: reference(c) for c in cases}
    problems = compare(cases, expected, _only(mart, cases), _only(spikes, cases))
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems[:40])


def test_comparison_catches_a_wrong_reference(generated_build):
    """The check can fail: a reference with the spike threshold at mean + 1 sd must disagree."""
    cases, _, mart, spikes = generated_build
    wrong = {c.influencer_id: reference(c, Rules(spike_sigma=1.0)) for c in cases}
    problems = compare(cases, wrong, _only(mart, cases), _only(spikes, cases))
    assert any(": spike_count expected" in p for p in problems)
    assert any(": fake_score expected" in p for p in problems)


def test_decimal_engagement_exactly_on_a_band_edge(generated_build):
    _, extra, mart, spikes = generated_build
    expected = {c.influencer_id: reference(c) for c in extra}
    problems = compare(extra, expected, _only(mart, extra), _only(spikes, extra))
    assert not problems, "\n".join(problems)


def test_invalid_rows_never_reach_the_mart(tmp_path):
    rng = np.random.default_rng(SEED + 1)
    valid = [c for c in generate_cases(SEED + 2) if c.kind in ("organic", "one_spike")][:6]
    good_history = json.dumps(list(valid[0].history))
    invalid = [
        ["bad_short", "1000", "10", "2", json.dumps(list(valid[1].history[:29]))],  # 29 values
        ["bad_long", "1000", "10", "2", json.dumps([*valid[1].history, 5])],  # 31 values
        ["bad_negative_followers", "-1000", "10", "2", good_history],
        ["bad_zero_followers", "0", "10", "2", good_history],
        ["bad_history_text", "1000", "10", "2", "not a list"],
        ["bad_history_item", "1000", "10", "2", good_history.replace(",", ", x,", 1)],
        ["bad_history_decimal", "1000", "10", "2", good_history.replace(",", ".5,", 1)],
        ["bad_history_negative", "1000", "10", "2", json.dumps([-1, *valid[1].history[1:]])],
        ["", "1000", "10", "2", good_history],  # missing id
        ["bad_likes", "1000", "many", "2", good_history],
    ]
    rows = [case_row(c) for c in valid] + invalid
    order = rng.permutation(len(rows))
    write_growth_csv(tmp_path / "inputs", [rows[i] for i in order])
    database = tmp_path / "invalid.duckdb"
    build_chain(tmp_path / "inputs", database)
    ids = sorted(r[0] for r in query_df(database, "select influencer_id from main.fake_follower_scores").values)
    assert ids == sorted(c.influencer_id for c in valid)
    spike_ids = sorted(
        r[0] for r in query_df(database, "select influencer_id from intermediate.int_follower_spikes").values
    )
    assert spike_ids == ids
