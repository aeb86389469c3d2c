"""Unit tests for python_udfs.brand_matching.campaign (the campaign-fit blend)."""

import numpy as np
import pytest

from python_udfs.brand_matching.campaign import FitWeights, campaign_fit, percent_rank


def test_percent_rank_matches_sql_definition():
    values = np.array([10.0, np.nan, 30.0, 20.0, 20.0])
    # (rank - 1) / (n - 1) over the 4 known values, ties sharing the lowest rank.
    assert percent_rank(values)[[0, 2, 3, 4]].tolist() == [0.0, 1.0, 1 / 3, 1 / 3]
    assert np.isnan(percent_rank(values)[1])
    assert percent_rank(np.array([5.0])).tolist() == [0.0]


def test_campaign_fit_blend_by_hand():
    weights = FitWeights(relevance=0.5, authenticity=0.3, engagement=0.2)
    fit = campaign_fit(
        match_z=np.array([1.5, 6.0, -1.0, 3.0]),
        fake_score=np.array([20.0, 100.0, 0.0, np.nan]),
        engagement_rank=np.array([0.5, 1.0, 0.0, np.nan]),
        weights=weights,
        match_excellent_z_above=3.0,
        fake_score_cap=100.0,
    )
    expected = [
        100 * (0.5 * 0.5 + 0.3 * 0.8 + 0.2 * 0.5),
        100 * (0.5 * 1.0 + 0.3 * 0.0 + 0.2 * 1.0),  # z above full relevance counts 1
        100 * (0.5 * 0.0 + 0.3 * 1.0 + 0.2 * 0.0),  # negative z counts 0
        100 * (0.5 * 1.0),  # no growth data: authenticity and engagement count 0
    ]
    np.testing.assert_allclose(fit, np.round(expected, 2))


def test_weights_are_relative_and_validated():
    args = dict(
        match_z=np.array([2.0]),
        fake_score=np.array([50.0]),
        engagement_rank=np.array([0.25]),
        match_excellent_z_above=4.0,
        fake_score_cap=100.0,
    )
    assert campaign_fit(weights=FitWeights(1, 1, 1), **args) == campaign_fit(weights=FitWeights(2, 2, 2), **args)
    assert campaign_fit(weights=FitWeights(1, 0, 0), **args).tolist() == [50.0]
    with pytest.raises(ValueError):
        FitWeights(0, 0, 0)
    with pytest.raises(ValueError):
        FitWeights(-1, 1, 1)


def test_value_weight_against_a_hand_computed_blend():
    # relevance 2/4 = 0.5, authenticity 1 - 20/100 = 0.8, engagement 0.25, value 60/100 = 0.6;
    # weights 1, 1, 1, 2: 100 x (0.5 + 0.8 + 0.25 + 2 x 0.6) / 5 = 55.0
    fit = campaign_fit(
        match_z=np.array([2.0, 2.0]),
        fake_score=np.array([20.0, 20.0]),
        engagement_rank=np.array([0.25, 0.25]),
        weights=FitWeights(1, 1, 1, value=2),
        match_excellent_z_above=4.0,
        fake_score_cap=100.0,
        value_score=np.array([60.0, np.nan]),
    )
    # an unknown value counts 0: 100 x (0.5 + 0.8 + 0.25) / 5 = 31.0
    assert fit.tolist() == [55.0, 31.0]
    # weight 0 leaves the three-part blend unchanged, whatever the value
    three = campaign_fit(np.array([2.0]), np.array([20.0]), np.array([0.25]), FitWeights(1, 1, 1), 4.0, 100.0)
    with_zero = campaign_fit(
        np.array([2.0]), np.array([20.0]), np.array([0.25]), FitWeights(1, 1, 1, value=0), 4.0, 100.0, np.array([99.0])
    )
    assert three.tolist() == with_zero.tolist() == [round(100 * (0.5 + 0.8 + 0.25) / 3, 2)]
