"""Unit tests for python_udfs.core.calibration (centring, per-query z)."""

import numpy as np
import pytest

from python_udfs.core.calibration import centre, mean_direction, standardise_columns, unit_rows


def test_centring_removes_the_shared_direction():
    # Three creators = a strong shared direction e0 plus one distinct topic each. Raw cosines
    # are all high (the shared part); after centring, distinct topics are orthogonal-ish.
    shared = np.array([5.0, 0, 0, 0])
    creators = np.vstack([shared + np.eye(4)[i] for i in (1, 2, 3)])
    raw = unit_rows(creators) @ unit_rows(creators).T
    assert raw[0, 1] > 0.9
    centred = centre(creators)
    np.testing.assert_allclose(np.linalg.norm(centred, axis=1), 1.0)
    cos = centred @ centred.T
    # Independent computation: subtract the mean of the unit rows by hand.
    rows = creators / np.linalg.norm(creators, axis=1, keepdims=True)
    by_hand = rows - rows.mean(axis=0)
    by_hand /= np.linalg.norm(by_hand, axis=1, keepdims=True)
    np.testing.assert_allclose(centred, by_hand)
    assert cos[0, 1] < 0  # three symmetric directions around their mean: -1/2
    np.testing.assert_allclose(cos[0, 1], -0.5, atol=1e-9)


def test_centring_on_a_given_mean_and_the_single_row_case():
    vectors = np.array([[1.0, 1.0], [1.0, -1.0]])
    np.testing.assert_allclose(centre(vectors, mean=np.array([0.0, 0.0])), unit_rows(vectors))
    np.testing.assert_allclose(centre(vectors[:1]), unit_rows(vectors[:1]))  # nothing to centre on
    # A row equal to the mean becomes zero (cosine 0 with anything), not NaN.
    same = np.array([[1.0, 0.0], [1.0, 0.0]])
    assert np.all(centre(same) == 0.0)


def test_centring_rejects_bad_input():
    with pytest.raises(ValueError):
        centre(np.array([[np.nan, 1.0]]))
    with pytest.raises(ValueError):
        centre(np.ones((2, 3)), mean=np.ones(2))


def test_mean_direction():
    np.testing.assert_allclose(mean_direction(np.array([[2.0, 0.0], [0.0, 3.0]])), [2**-0.5, 2**-0.5])
    with pytest.raises(ValueError):
        mean_direction(np.array([[1.0, 0.0], [-1.0, 0.0]]))
    with pytest.raises(ValueError):
        mean_direction(np.zeros((0, 2)))


def test_standardise_columns_against_an_independent_computation():
    rng = np.random.default_rng(0)
    scores = rng.normal(size=(50, 3)) * np.array([0.01, 0.1, 1.0]) + np.array([0.1, 0.3, -2])
    z = standardise_columns(scores)
    for j in range(3):
        column = scores[:, j]
        expected = [(v - column.mean()) / np.sqrt(((column - column.mean()) ** 2).mean()) for v in column]
        np.testing.assert_allclose(z[:, j], expected, atol=1e-3)
    # Each brief calibrated on its own: the columns' scales no longer matter.
    np.testing.assert_allclose(z.std(axis=0), 1.0, atol=1e-3)


def test_standardise_columns_constant_column_and_empty():
    z = standardise_columns(np.array([[0.3, 1.0], [0.3, 2.0]]))
    assert list(z[:, 0]) == [0.0, 0.0]
    assert list(z[:, 1]) == [-1.0, 1.0]
    assert standardise_columns(np.zeros((0, 2))).shape == (0, 2)
