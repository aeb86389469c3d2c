"""Follower-trend measures: the vectorised Theil-Sen slope agrees with scipy, and the halves and the
best-day shares are what they say on hand-built series."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from scipy import stats

from python_udfs.fake_followers.histories import history_matrix
from python_udfs.fake_followers.trends import (
    BLOCK_ROWS,
    follower_trend_measures,
    half_growth_pct,
    theil_sen_slopes,
    top_gain_measures,
    trend_measures,
)


def test_theil_sen_matches_scipy_on_random_and_bursty_series():
    rng = np.random.default_rng(7)
    organic = 10_000 + np.cumsum(rng.normal(30, 25, (200, 30)), axis=1)
    bursty = organic.copy()
    bursty[:, 12:] += 3_000  # one bought burst on day 13
    ties = np.tile([5.0, 5.0, 6.0, 6.0, 7.0], (3, 6))  # many equal pairwise slopes
    for histories in (organic, bursty, ties):
        expected = [stats.theilslopes(row, np.arange(row.size))[0] for row in histories]
        np.testing.assert_allclose(theil_sen_slopes(histories), expected, rtol=1e-12, atol=1e-9)


def test_theil_sen_resists_a_late_burst_a_least_squares_line_follows():
    days = np.arange(30, dtype=float)
    steady = 1_000 + 10 * days
    burst = steady.copy()
    burst[26:] += 5_000  # bought on day 27: 26 x 4 = 104 of the 435 pairs of days straddle it
    outlier = steady.copy()
    outlier[10] += 5_000  # one mis-recorded day: 29 pairs touch it
    slope_steady, slope_burst, slope_outlier = theil_sen_slopes(np.vstack([steady, burst, outlier]))
    assert slope_steady == pytest.approx(10)
    assert slope_outlier == pytest.approx(10)
    least_squares = np.polyfit(days, burst, 1)[0]
    assert least_squares > 100  # the burst drags an ordinary fit
    assert slope_burst < 15


def test_blocks_give_the_same_slopes_as_one_pass(monkeypatch):
    rng = np.random.default_rng(3)
    histories = rng.integers(0, 10_000, (25, 30)).astype(float)
    whole = theil_sen_slopes(histories)
    monkeypatch.setattr("python_udfs.fake_followers.trends.BLOCK_ROWS", 4)
    np.testing.assert_array_equal(theil_sen_slopes(histories), whole)
    assert BLOCK_ROWS > 4


def test_halves_have_as_many_gains_and_percent_of_their_own_first_day():
    # 30 days: days 1-15 and 16-30 (14 gains each). First half +10 %, second +50 %.
    history = np.concatenate([np.linspace(100, 110, 15), np.linspace(200, 300, 15)])[None, :]
    first, second = half_growth_pct(history)
    assert first[0] == pytest.approx(10.0)
    assert second[0] == pytest.approx(50.0)
    # 29 days: days 1-15 and 15-29 share day 15 (14 gains each).
    odd = np.array([[100.0] * 14 + [120.0] + [130.0] * 13 + [156.0]])
    first, second = half_growth_pct(odd)
    assert first[0] == pytest.approx(20.0)
    assert second[0] == pytest.approx(30.0)


def test_zero_followers_give_nan_not_an_error():
    history = np.array([[0.0, 0.0, 5.0, 10.0]])
    first, _second = half_growth_pct(history)
    assert np.isnan(first[0])
    measures = trend_measures(history, trend_step_days=1)
    assert np.isnan(measures["top_gain_pct"][0])
    assert np.isnan(trend_measures(np.zeros((1, 4)), 1)["slope_pct_per_day"][0])


def test_top_gains_share_and_size_on_hand_built_series():
    # Gains: +10, -5, +30, +0, +60 -> positive total 100; the 2 best days are 60 + 30.
    history = np.array([[1000.0, 1010, 1005, 1035, 1035, 1095]])
    share, pct = top_gain_measures(history, trend_step_days=2)
    assert share[0] == pytest.approx(0.9)
    assert pct[0] == pytest.approx(9.0)
    # A series that never gains has no share (NULL), and 0 % gained on its best days.
    share, pct = top_gain_measures(np.array([[50.0, 40, 30]]), trend_step_days=1)
    assert np.isnan(share[0]) and pct[0] == 0.0
    # More best days than the history has gains: all of them count.
    share, pct = top_gain_measures(history, trend_step_days=6)
    assert share[0] == pytest.approx(1.0) and pct[0] == pytest.approx(10.0)
    with pytest.raises(ValueError, match="trend_step_days"):
        top_gain_measures(history, trend_step_days=0)


def test_arrow_entry_point_sorts_by_influencer_and_stores_nan_as_null():
    growth = pa.table(
        {
            "influencer_id": ["b", "a"],
            "follower_history": pa.array([[0, 0, 10, 20], [100, 110, 120, 130]], type=pa.list_(pa.int64())),
            "followers": [20, 130],
        }
    )
    table = follower_trend_measures(growth, trend_step_days=1)
    # b: pairwise slopes 0, 5, 20/3, 10, 10, 10 -> median (20/3 + 10) / 2 = 25/3.
    assert table.column("influencer_id").to_pylist() == ["a", "b"]
    assert table.column("slope_followers_per_day").to_pylist() == [pytest.approx(10.0), pytest.approx(25 / 3)]
    assert table.column("first_half_growth_pct").to_pylist()[1] is None
    assert table.column("slope_pct_per_day").null_count == 0
    empty = follower_trend_measures(growth.slice(0, 0), trend_step_days=1)
    assert empty.num_rows == 0 and "top_gain_share" in empty.column_names


def test_history_matrix_refuses_ragged_histories():
    ragged = pa.chunked_array([pa.array([[1, 2, 3], [1, 2]], type=pa.list_(pa.int64()))])
    with pytest.raises(ValueError, match="same number of days"):
        history_matrix(ragged)
