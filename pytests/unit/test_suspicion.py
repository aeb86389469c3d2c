"""Unit tests of the companion fake-follower detector (python_udfs.fake_followers.suspicion, suspicion_reasons).

Each feature is checked on a constructed series whose answer is known by construction (a step
with a purge, a decaying viral tail, a smooth drip, a flat series, a MAD = 0 series, a last-day
jump), and the vectorised pieces against plain per-row reference computations written from the
definitions in the module docstring (not from the code).
"""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
import yaml

from python_udfs.core.settings import Settings
from python_udfs.fake_followers import suspicion as s
from python_udfs.fake_followers import suspicion_features as sf
from python_udfs.fake_followers.histories import history_matrix
from python_udfs.fake_followers.suspicion_reasons import account, followers_text, pct

PROJECT_DIR = Path(__file__).resolve().parents[2]
RULES = Settings.from_mapping(yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"])
DAYS = 30
# Typical engagement ranges by tier for the tests (the project's come from seeds/engagement_benchmarks.csv).
TIERS = [(0, 2.5, 6.0), (10_000, 1.8, 4.0), (100_000, 1.5, 3.0), (500_000, 1.1, 2.5), (1_000_001, 0.8, 2.0)]


def typical_range(followers: float) -> tuple[float, float]:
    low, high = next((lo, hi) for start, lo, hi in reversed(TIERS) if followers >= start)
    return low, high


def organic(start: float = 50_000, drift: float = 0.002, noise: float = 0.001, seed: int = 0) -> np.ndarray:
    """A noisy organic history (relative gains drift + noise), as floats."""
    rng = np.random.default_rng(seed)
    gains = drift + noise * rng.standard_normal(DAYS - 1)
    return start * np.concatenate([[1.0], np.cumprod(1.0 + gains)])


def with_gain(history: np.ndarray, day: int, relative: float) -> np.ndarray:
    """Add a gain of ``relative`` x the day-before count on ``day`` (1-based), kept afterwards."""
    out = history.copy()
    out[day - 1 :] += relative * history[day - 2]
    return out


def features(*histories: np.ndarray) -> sf.SeriesFeatures:
    return sf.series_features(np.rint(np.vstack(histories)), RULES)


def days_of(mask_row: np.ndarray) -> list[int]:
    return [int(k) + 2 for k in np.flatnonzero(mask_row)]


def table(histories, followers=None, rate_pct=3.0, ids=None) -> pa.Table:
    """int_influencers_benchmarked-shaped input for suspicion_table."""
    h = np.rint(np.vstack(histories)).astype(np.int64)
    n = h.shape[0]
    f = np.asarray(followers if followers is not None else h[:, -1], dtype=np.int64)
    ranges = [typical_range(x) for x in f.tolist()]
    return pa.table(
        {
            "influencer_id": ids or [f"INF{i:03d}" for i in range(n)],
            "follower_history": pa.array(h.tolist(), pa.list_(pa.int64())),
            "followers": f,
            "engagement_rate": np.broadcast_to(np.asarray(rate_pct, dtype=float), (n,)).copy(),
            "engagement_typical_low_pct": [low for low, _ in ranges],
            "engagement_typical_high_pct": [high for _, high in ranges],
        }
    )


# --------------------------------------------------------------------------- robust scale
def test_robust_z_matches_a_per_row_reference():
    rng = np.random.default_rng(3)
    rel = rng.standard_t(3, (40, DAYS - 1)) * 0.01
    level = rng.uniform(500, 1e6, 40)
    _, scale, excess, z = sf.robust_z(rel, level, 0.0002)
    for i in range(40):
        row = rel[i]
        med = float(np.median(row))
        mad = float(np.median(np.abs(row - med)))
        sd = mad / 0.6745 if mad > 0 else math.sqrt(math.pi / 2) * float(np.mean(np.abs(row - med)))
        sd = max(sd, 0.5 / level[i], 0.0002)
        assert scale[i] == pytest.approx(sd, rel=1e-4)
        assert excess[i] == pytest.approx(row - med)
        assert z[i] == pytest.approx((row - med) / sd, rel=1e-4)


def test_mad_zero_falls_back_to_mean_absolute_deviation():
    # A stepwise series: 26 days without change and three that move. MAD = 0, the mean absolute
    # deviation is not.
    h = 100_000 + np.concatenate([[0], np.cumsum([0] * 10 + [3_000] + [0] * 8 + [-200, 400] + [0] * 8)])
    f = features(h.astype(float))
    rel = np.diff(h) / h[:-1]
    dev = np.abs(rel - np.median(rel))
    assert np.median(dev) == 0
    assert f.scale[0] == pytest.approx(max(math.sqrt(math.pi / 2) * dev.mean(), 0.0002, 0.5 / np.median(h)), rel=1e-6)
    assert days_of(f.peak[0]) == [12]  # the +3,000 day; +400 is a smaller deviation


def test_flat_series_has_no_evidence_and_a_finite_scale():
    f = features(np.full(DAYS, 12_345.0))
    assert np.all(np.isfinite(f.z)) and np.all(f.z == 0)
    assert not f.peak.any() and f.drip_days[0] == 0
    out = s.suspicion_table(table([np.full(DAYS, 12_345.0)], rate_pct=4.0), RULES)
    assert out.column("suspicion_score").to_pylist() == [0]
    assert out.column("suspicion_level").to_pylist() == ["low"]
    assert out.column("suspicion_reasons")[0].as_py().startswith("no step, purge or even delivery")


# --------------------------------------------------------------------------- shapes
def test_step_followed_by_a_purge():
    base = organic(seed=1)
    h = with_gain(with_gain(base, 12, 0.18), 14, -0.02 * 1.18)  # +18 %, then lose 2 % of the new level
    f = features(h)
    assert days_of(f.step[0]) == [12]
    assert not f.viral[0].any()
    assert days_of(f.purge_day[0] >= 0) == [12]  # recorded on the step's day ...
    assert int(f.purge_day[0, 12 - 2]) + 2 == 14  # ... pointing at day 14
    assert f.spread[0, 12 - 2] < RULES.suspicion_step_max_spread


def test_decaying_viral_tail_is_not_a_step():
    base = organic(seed=2)
    h = base.copy()
    jump = 0.20 * base[8]
    for j, day in enumerate(range(10, DAYS + 1)):  # +20 % of the audience on day 10, then 60 % less each day
        h[day - 1 :] += jump * 0.6**j
    f = features(h)
    assert days_of(f.viral[0]) == [10]
    assert not f.step[0].any() and not (f.purge_day[0] >= 0).any()
    # Relative to the grown audience: 0.6 / 1.2 + 0.36 / 1.32 + 0.216 / 1.39 = 0.93 (plus noise).
    assert f.spread[0, 10 - 2] == pytest.approx(0.93, abs=0.05)


def test_small_tail_far_out_of_the_noise_is_still_a_tail():
    # +40 % then +6 % (15 % of the jump) then nothing: spread < 0.25 but the next day is a spike.
    base = organic(noise=0.0005, seed=3)
    h = with_gain(with_gain(base, 15, 0.40), 16, 0.06 / 1.4 * 1.4)
    f = features(h)
    assert f.spread[0, 15 - 2] < RULES.suspicion_step_max_spread
    assert days_of(f.viral[0]) == [15] and not f.step[0].any()


def test_smooth_drip_window_and_onset():
    base = organic(start=20_000, drift=0.0005, noise=0.0008, seed=4)
    h = base.copy()
    for day in range(8, 26):  # +400 followers a day (about 2 %) on days 8..25
        h[day - 1 :] += 400
    f = features(h)
    assert f.drip_days[0] >= 16
    first, last = f.drip_start[0] + 2, f.drip_start[0] + f.drip_days[0] + 1
    # The cv test can take in one ordinary day at an edge of the delivery.
    assert 7 <= first <= 9 and 24 <= last <= 26
    assert f.drip_outside_share[0] < RULES.suspicion_drip_max_outside_share
    out = s.suspicion_table(table([h], rate_pct=3.0), RULES)
    assert out.column("suspicion_level").to_pylist() == ["high"]
    assert "even gains of +" in out.column("suspicion_reasons")[0].as_py()
    assert f"on days {first}-{last}" in out.column("suspicion_reasons")[0].as_py()


def test_noisy_organic_growth_is_no_drip():
    f = features(organic(drift=0.01, noise=0.006, seed=5))
    assert f.drip_days[0] == 0


def test_viral_tail_is_smooth_but_not_even():
    # Geometric decay over 12 days: every gain positive and large, cv can be modest, but the trend is steep.
    base = np.full(DAYS, 30_000.0)
    h = base.copy()
    for j, day in enumerate(range(5, 25)):
        h[day - 1 :] += 3_000 * 0.85**j
    f = features(h)
    assert f.drip_days[0] == 0
    assert days_of(f.viral[0]) == [5]


def test_last_day_jump_has_unknown_shape():
    f = features(with_gain(organic(seed=6), DAYS, 0.15))
    assert days_of(f.unknown[0]) == [DAYS]
    assert not f.step[0].any() and not f.viral[0].any()


def test_several_steps_are_all_found():
    h = organic(seed=7)
    for day, size in ((6, 0.08), (14, 0.12), (23, 0.05)):
        h = with_gain(h, day, size)
    f = features(h)
    assert days_of(f.step[0]) == [6, 14, 23]


# --------------------------------------------------------------------------- vectorised search vs brute force
def brute_force_window(gains: np.ndarray, level: np.ndarray, rules: Settings):
    """The definition, one window at a time: longest, then smoothest, then earliest."""
    best = (0, -1, math.nan, math.nan)
    g = len(gains)
    for length in range(rules.suspicion_drip_min_days, g + 1):
        candidates = []
        for start in range(g - length + 1):
            w = gains[start : start + length]
            mean = w.mean()
            if np.any(w <= 0) or mean < rules.suspicion_drip_min_gain_pct / 100 * level[start]:
                continue
            cv = w.std(ddof=1) / mean
            x = np.arange(length)
            slope = np.polyfit(x, w, 1)[0]
            if cv < rules.suspicion_drip_max_cv and abs(slope * (length - 1) / mean) < rules.suspicion_drip_max_trend:
                candidates.append((cv, start, mean / level[start]))
        if candidates:
            cv, start, rel_mean = min(candidates)
            best = (length, start, rel_mean, cv)
    return best


def test_window_search_matches_brute_force():
    rng = np.random.default_rng(11)
    rows = []
    for i in range(60):
        base = organic(
            start=rng.uniform(2_000, 200_000),
            drift=rng.uniform(-0.002, 0.012),
            noise=rng.uniform(0.0005, 0.004),
            seed=100 + i,
        )
        if i % 3 == 0:  # some real drips of random length and position
            first, length = rng.integers(2, 15), rng.integers(6, 16)
            for day in range(first, min(first + length, DAYS + 1)):
                base[day - 1 :] += base[0] * rng.uniform(0.008, 0.012)
        rows.append(np.rint(base))
    h = np.vstack(rows)
    length, start, mean, cv, _ = sf.smooth_windows(h, RULES)
    gains, level = np.diff(h, axis=1), np.maximum(h[:, :-1], 1)
    found = 0
    for i in range(len(rows)):
        ref = brute_force_window(gains[i], level[i], RULES)
        assert (length[i], start[i]) == (ref[0], ref[1]), i
        if ref[0]:
            found += 1
            assert mean[i] == pytest.approx(ref[2], rel=1e-9) and cv[i] == pytest.approx(ref[3], rel=1e-6)
    assert found >= 15  # the test exercised real windows


# --------------------------------------------------------------------------- engagement and points
def test_engagement_reason_matches_the_issue_example():
    h = np.linspace(249_000, 250_000, DAYS)
    out = s.suspicion_table(table([h], followers=[250_000], rate_pct=0.6), RULES)
    reasons = out.column("suspicion_reasons")[0].as_py()
    assert "engagement 0.6 % is low for a 250K account (typical 1.5-3 %)" in reasons
    # 0.6 / 1.5 = 0.4 of the low end, beyond the full-points ratio 0.5: all the engagement points.
    assert out.column("suspicion_engagement_points").to_pylist() == [RULES.suspicion_engagement_points]


def test_step_strength_is_the_smaller_log_position():
    excess = np.array([0.01, 0.03, 0.06, 0.30, 0.03])
    z = np.array([50.0, 50.0, 50.0, 5.0, 3.5])
    expected = []
    for e, zz in zip(excess, z):
        size = min(max(math.log(e * 100 / 1.0) / math.log(6.0 / 1.0), 0), 1)
        sig = min(max(math.log(zz / 3.5) / math.log(12.0 / 3.5), 0), 1)
        expected.append(min(size, sig))
    assert s.step_strength(excess, z, RULES) == pytest.approx(expected)
    assert (RULES.suspicion_min_jump_pct, RULES.suspicion_step_full_pct) == (1, 6)  # the defaults used above
    assert (RULES.robust_spike_z, RULES.suspicion_step_full_z) == (3.5, 12)


def test_levels_follow_the_thresholds():
    medium, high = RULES.suspicion_medium_min_score, RULES.suspicion_high_min_score
    got = s.levels(np.array([0, medium - 1, medium, high - 1, high, 100]), RULES).tolist()
    assert got == ["low", "low", "medium", "medium", "high", "high"]


def test_settings_refuse_a_step_scale_that_runs_backwards():
    values = {**dataclasses.asdict(RULES), "suspicion_step_full_pct": RULES.suspicion_min_jump_pct}
    with pytest.raises(ValueError, match="suspicion_min_jump_pct"):
        Settings.from_mapping(values)


# --------------------------------------------------------------------------- the table and its reasons
def test_reasons_name_day_and_value_of_step_and_purge():
    base = organic(seed=8)
    h = with_gain(with_gain(base, 12, 0.18), 14, -0.02 * 1.18)
    rel = np.diff(np.rint(h)) / np.rint(h)[:-1] * 100
    out = s.suspicion_table(table([h], rate_pct=3.0), RULES)
    reasons = out.column("suspicion_reasons")[0].as_py()
    assert f"step of {pct(rel[12 - 2])} on day 12 followed by {pct(rel[14 - 2])} on day 14" in reasons
    assert out.column("step_days").to_pylist() == [[12]] and out.column("purge_days").to_pylist() == [[14]]
    assert out.column("suspicion_level").to_pylist() == ["high"]


def test_points_in_the_reasons_add_up_to_the_score():
    from python_udfs.generators.purchases import generate_growth

    g = generate_growth(3_000, np.random.default_rng(5))
    out = s.suspicion_table(table(list(g.history), followers=g.followers, rate_pct=2.0), RULES)
    checked = 0
    for score, reasons in zip(out.column("suspicion_score").to_pylist(), out.column("suspicion_reasons").to_pylist()):
        if "capped" in reasons:
            continue
        added = sum(int(x) for x in re.findall(r"\[\+(\d+)", reasons)) + sum(
            int(x) for x in re.findall(r"purge \+(\d+)\]", reasons)
        )
        assert added == score, reasons
        checked += 1
    assert checked > 2_500


def test_components_add_up_and_levels_match_scores():
    from python_udfs.generators.purchases import generate_growth

    g = generate_growth(2_000, np.random.default_rng(9))
    out = s.suspicion_table(table(list(g.history), followers=g.followers, rate_pct=1.5), RULES).to_pandas()
    parts = out[
        ["suspicion_jump_points", "suspicion_purge_points", "suspicion_drip_points", "suspicion_engagement_points"]
    ]
    assert (np.minimum(parts.sum(axis=1), RULES.suspicion_score_cap) == out.suspicion_score).all()
    medium, high = RULES.suspicion_medium_min_score, RULES.suspicion_high_min_score
    expected = np.where(out.suspicion_score >= high, "high", np.where(out.suspicion_score >= medium, "medium", "low"))
    assert (out.suspicion_level == expected).all()
    assert out.suspicion_score.between(0, 100).all()


def test_output_is_sorted_deterministic_and_independent_of_row_order():
    hs = [organic(seed=i) for i in range(5)] + [with_gain(organic(seed=9), 10, 0.2)]
    ids = [f"INF{i:03d}" for i in (5, 3, 0, 4, 1, 2)]
    a = s.suspicion_table(table(hs, ids=ids), RULES)
    b = s.suspicion_table(table(hs[::-1], ids=ids[::-1]), RULES)
    assert a.column("influencer_id").to_pylist() == sorted(ids)
    assert a.equals(b)


def test_chunks_give_the_same_result(monkeypatch):
    from python_udfs.generators.purchases import generate_growth

    g = generate_growth(500, np.random.default_rng(2))
    t = table(list(g.history), followers=g.followers)
    whole = s.suspicion_table(t, RULES)
    monkeypatch.setattr(s, "CHUNK_ROWS", 77)
    assert s.suspicion_table(t, RULES).equals(whole)


def test_empty_input_gives_an_empty_table_with_the_columns():
    empty = table([np.full(DAYS, 100.0)]).slice(0, 0)
    out = s.suspicion_table(empty, RULES)
    assert out.num_rows == 0 and "suspicion_reasons" in out.column_names


def test_histories_of_unequal_length_are_refused():
    bad = pa.array([[1, 2, 3], [1, 2]], pa.list_(pa.int64()))
    with pytest.raises(ValueError, match="same number of days"):
        history_matrix(bad)


def test_text_helpers():
    assert pct(18.04) == "+18 %" and pct(-2.04) == "-2.0 %" and pct(0.345) == "+0.34 %"
    assert followers_text(250_000) == "250K" and followers_text(1_234_567) == "1.23M" and followers_text(850) == "850"
    assert account(8_820) == "an 8.82K account" and account(11_000) == "an 11K account"
    assert account(110_000) == "a 110K account" and account(250_000) == "a 250K account"


@pytest.mark.parametrize("days", [2, 3, 5])
def test_short_histories_work(days):
    h = np.vstack([np.linspace(1_000, 1_100, days), np.full(days, 500.0)])
    out = s.suspicion_table(table(list(h)), dataclasses.replace(RULES, history_days=days))
    assert out.num_rows == 2 and out.column("suspicion_score").null_count == 0


def test_schema_whatever_the_input_types_and_as_documented():
    narrow = table([organic(seed=1), with_gain(organic(seed=2), 9, 0.2)])
    narrow = narrow.set_column(
        narrow.schema.get_field_index("follower_history"),
        "follower_history",
        narrow.column("follower_history").cast(pa.list_(pa.int32())),
    )
    narrow = narrow.set_column(2, "followers", narrow.column("followers").cast(pa.int32()))
    assert s.suspicion_table(narrow, RULES).schema == s.SUSPICION_SCHEMA
    documented = {}
    for path in sorted((PROJECT_DIR / "models").rglob("*.yml")):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models") or []:
            documented[model["name"]] = [c["name"] for c in model.get("columns") or []]
    # The model is memoised (python_udfs.dbt_glue.memo): its input fingerprint follows the function's columns.
    assert documented["int_influencers_suspicion_scored"] == [*s.SUSPICION_SCHEMA.names, "input_fingerprint"]
