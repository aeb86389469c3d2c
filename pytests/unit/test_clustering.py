"""Unit tests for python_udfs.core.clustering (k-means niches and the chord knee)."""

import itertools

import numpy as np
import pytest

from python_udfs.core.clustering import KMeansResult, fit_kmeans, knee_by_chord, wcss_curve


def blobs(n_per_blob=40, n_blobs=4, dim=16, spread=0.05, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_blobs, dim)) * 10
    X = np.vstack([c + rng.normal(scale=spread, size=(n_per_blob, dim)) for c in centres])
    truth = np.repeat(np.arange(n_blobs), n_per_blob)
    order = rng.permutation(len(X))
    return X[order], truth[order]


def test_well_separated_blobs_are_recovered():
    X, truth = blobs()
    result = fit_kmeans(X, 4)
    assert isinstance(result, KMeansResult)
    assert sorted(np.unique(result.labels).tolist()) == [0, 1, 2, 3]
    # same partition as the truth, up to renaming of the clusters
    pairs = set(zip(truth.tolist(), result.labels.tolist()))
    assert len(pairs) == 4


def test_result_fields_match_independent_computation():
    X, _ = blobs()
    result = fit_kmeans(X, 4)
    assert result.labels.shape == (len(X),) and np.issubdtype(result.labels.dtype, np.integer)
    assert result.centers.shape == (4, 16) and result.centers.dtype == np.float64
    for j in range(4):  # each centre is the mean of its members
        np.testing.assert_allclose(result.centers[j], X[result.labels == j].mean(axis=0), atol=1e-9)
    manual = np.sqrt(((X - result.centers[result.labels]) ** 2).sum(axis=1))
    np.testing.assert_allclose(result.distances, manual, rtol=1e-12, atol=1e-12)
    assert result.inertia == pytest.approx(float((manual**2).sum()), rel=1e-6)
    # every row is at least as close to its own centre as to any other
    all_d = np.linalg.norm(X[:, None, :] - result.centers[None, :, :], axis=2)
    assert np.all(result.distances <= all_d.min(axis=1) + 1e-9)


def test_fit_is_byte_for_byte_deterministic():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(300, 24)).astype(np.float32)  # no clear structure: restarts matter
    a, b = fit_kmeans(X, 6), fit_kmeans(X, 6)
    assert a.labels.tobytes() == b.labels.tobytes()
    assert a.centers.tobytes() == b.centers.tobytes()
    assert a.distances.tobytes() == b.distances.tobytes()
    assert a.inertia == b.inertia


def test_seed_is_used():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(200, 8))
    runs = {fit_kmeans(X, 5, seed=s, n_init=1).inertia for s in range(5)}
    assert len(runs) > 1


def test_too_few_rows_raises_clear_message():
    X = np.zeros((5, 3))
    with pytest.raises(ValueError, match=r"need at least k=8 influencers to form 8 niches, got 5"):
        fit_kmeans(X, 8)


@pytest.mark.parametrize("k", [0, -1, 2.5])
def test_bad_k_raises(k):
    with pytest.raises(ValueError, match="k must be a positive integer"):
        fit_kmeans(np.zeros((10, 2)), k)


def test_bad_input_raises():
    with pytest.raises(ValueError, match="2-d"):
        fit_kmeans(np.zeros(10), 2)
    X = np.zeros((10, 2))
    X[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        fit_kmeans(X, 2)


def test_k_equal_to_rows_gives_zero_inertia():
    X = np.arange(12, dtype=float).reshape(4, 3)
    result = fit_kmeans(X, 4)
    assert sorted(result.labels.tolist()) == [0, 1, 2, 3]
    assert result.inertia == pytest.approx(0.0, abs=1e-12)


def test_wcss_curve_matches_fits_and_decreases_on_blobs():
    X, _ = blobs()
    ks = list(range(1, 11))
    curve = wcss_curve(X, ks)
    assert curve == [fit_kmeans(X, k).inertia for k in ks]
    assert all(a >= b for a, b in itertools.pairwise(curve))
    assert knee_by_chord(ks, curve) == 4


def _reference_knee(ks, wcss):
    """Independent: distance via projection onto the chord, then smallest k among maxima."""
    pts = sorted(zip(ks, wcss))
    k = np.array([p[0] for p in pts], float)
    w = np.array([p[1] for p in pts], float)
    x = (k - k.min()) / (k.max() - k.min())
    y = (w - w.min()) / (w.max() - w.min())
    a, b = np.array([x[0], y[0]]), np.array([x[-1], y[-1]])
    u = (b - a) / np.linalg.norm(b - a)
    best_k, best_d = None, -1.0
    for xi, yi, ki in zip(x, y, k):
        v = np.array([xi, yi]) - a
        d = np.linalg.norm(v - (v @ u) * u)
        if d > best_d + 1e-12:
            best_k, best_d = int(ki), d
    return best_k


def test_knee_piecewise_linear_corner_at_4():
    ks = list(range(1, 11))
    wcss = [100, 70, 40, 10, 9, 8, 7, 6, 5, 4]
    assert knee_by_chord(ks, wcss) == 4
    assert _reference_knee(ks, wcss) == 4


def test_knee_one_over_k():
    ks = list(range(1, 11))
    wcss = [1 / k for k in ks]
    assert knee_by_chord(ks, wcss) == _reference_knee(ks, wcss) == 3


def test_knee_random_convex_curves_match_reference():
    rng = np.random.default_rng(3)
    for _ in range(50):
        ks = list(range(2, 2 + rng.integers(3, 15)))
        drops = np.sort(rng.exponential(size=len(ks) - 1))[::-1]
        wcss = (drops.sum() - np.concatenate([[0], np.cumsum(drops)]) + 1).tolist()
        assert knee_by_chord(ks, wcss) == _reference_knee(ks, wcss)


def test_knee_order_of_points_does_not_matter():
    ks = list(range(1, 11))
    wcss = [100, 70, 40, 10, 9, 8, 7, 6, 5, 4]
    assert knee_by_chord(ks[::-1], wcss[::-1]) == 4


def test_knee_edge_cases():
    assert knee_by_chord([5], [1.0]) == 5
    assert knee_by_chord([3, 7], [10.0, 1.0]) == 3
    assert knee_by_chord([2, 3, 4, 5, 6], [10, 8, 6, 4, 2]) == 2  # straight line
    assert knee_by_chord([2, 3, 4, 5], [1.0, 1.0, 1.0, 1.0]) == 2  # flat
    assert knee_by_chord([1, 2, 3, 4], [3, 1, 0, 0]) == 2  # tie between k=2 and k=3 -> smaller


def test_knee_invalid_inputs():
    with pytest.raises(ValueError):
        knee_by_chord([1, 2, 3], [1.0, 2.0])
    with pytest.raises(ValueError):
        knee_by_chord([], [])
    with pytest.raises(ValueError):
        knee_by_chord([1, 1, 2], [3.0, 2.0, 1.0])
