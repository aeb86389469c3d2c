"""Unit tests for python_udfs.niches.labelling (one-to-one cluster naming)."""

import itertools

import numpy as np
import pytest

from python_udfs.niches.labelling import assign_unique_labels


def cosine_matrix(a, b):
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return a @ b.T


def brute_force_best_total(centroids, label_vectors):
    sim = np.round(cosine_matrix(centroids, label_vectors), 4)
    n = len(centroids)
    return max(sum(sim[i, p[i]] for i in range(n)) for p in itertools.permutations(range(len(label_vectors)), n))


def test_greedy_would_duplicate_but_assignment_is_unique():
    centroids = np.array([[1.0, 0.0, 0.0], [0.9, 0.44, 0.0]])
    label_vectors = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    names = ["fitness", "cooking", "travel"]
    greedy = [names[j] for j in cosine_matrix(centroids, label_vectors).argmax(axis=1)]
    assert greedy == ["fitness", "fitness"]  # the problem being solved
    assert assign_unique_labels(centroids, label_vectors, names) == ["fitness", "cooking"]


def test_sequential_greedy_is_not_optimal_but_assignment_is():
    # Greedy in centroid order would give c0 -> A (0.9) and leave c1 with C (0.0): total 0.9.
    # Optimal: c0 -> B (0.8), c1 -> A (0.85): total 1.65.
    sim = np.array([[0.9, 0.8, 0.1], [0.85, 0.0, 0.0]])
    centroids = sim  # rows as vectors in a space where label vectors are the unit axes
    label_vectors = np.eye(3)
    result = assign_unique_labels(centroids, label_vectors, ["A", "B", "C"])
    chosen = [["A", "B", "C"].index(name) for name in result]
    total = sum(cosine_matrix(centroids, label_vectors)[i, j] for i, j in enumerate(chosen))
    assert result == ["B", "A"]
    assert total == pytest.approx(brute_force_best_total(centroids, label_vectors), abs=1e-4)


def test_random_cases_reach_brute_force_optimum_with_distinct_labels():
    rng = np.random.default_rng(5)
    for _ in range(30):
        n_clusters = int(rng.integers(1, 5))
        n_labels = int(rng.integers(n_clusters, 7))
        centroids = rng.normal(size=(n_clusters, 6))
        label_vectors = rng.normal(size=(n_labels, 6))
        names = [f"label_{j}" for j in range(n_labels)]
        result = assign_unique_labels(centroids, label_vectors, names)
        assert len(result) == n_clusters and len(set(result)) == n_clusters
        sim = np.round(cosine_matrix(centroids, label_vectors), 4)
        total = sum(sim[i, names.index(name)] for i, name in enumerate(result))
        assert total == pytest.approx(brute_force_best_total(centroids, label_vectors), abs=1e-9)


def test_vector_scale_does_not_matter():
    rng = np.random.default_rng(1)
    centroids = rng.normal(size=(4, 8))
    label_vectors = rng.normal(size=(6, 8))
    names = list("abcdef")
    base = assign_unique_labels(centroids, label_vectors, names)
    scaled = assign_unique_labels(centroids * 7.5, label_vectors * np.arange(1, 7)[:, None], names)
    assert base == scaled


def test_deterministic_with_exact_ties():
    centroids = np.array([[1.0, 0.0], [1.0, 0.0]])
    label_vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    names = ["x", "y", "z"]
    first = assign_unique_labels(centroids, label_vectors, names)
    assert sorted(first) == ["x", "y"]
    assert all(assign_unique_labels(centroids, label_vectors, names) == first for _ in range(5))


def test_fewer_labels_than_clusters_raises():
    with pytest.raises(ValueError, match="2 labels for 3 clusters"):
        assign_unique_labels(np.eye(3), np.eye(3)[:2], ["a", "b"])


def test_invalid_inputs_raise():
    with pytest.raises(ValueError, match="label names"):
        assign_unique_labels(np.eye(2), np.eye(2), ["a"])
    with pytest.raises(ValueError, match="distinct"):
        assign_unique_labels(np.eye(2), np.eye(2), ["a", "a"])
    with pytest.raises(ValueError, match="dimension"):
        assign_unique_labels(np.eye(2), np.eye(3), ["a", "b", "c"])
    with pytest.raises(ValueError, match="zero vector"):
        assign_unique_labels(np.zeros((1, 2)), np.eye(2), ["a", "b"])


def test_no_centroids():
    assert assign_unique_labels(np.zeros((0, 3)), np.eye(3), ["a", "b", "c"]) == []


# ------------------------------------------------------------------ direct labels per creator
from python_udfs.niches.labelling import label_creators, label_vectors  # noqa: E402


def test_label_vectors_are_phrase_means_in_name_order():
    phrases = np.array([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 5.0]])
    names, matrix = label_vectors(phrases, ["travel", "fashion", "fashion"])
    assert names == ["fashion", "travel"]
    np.testing.assert_allclose(matrix[0], [0.0, 2**-0.5, 2**-0.5])  # unit vectors averaged, not raw
    np.testing.assert_allclose(matrix[1], [1.0, 0.0, 0.0])
    with pytest.raises(ValueError):
        label_vectors(phrases, ["a", "b"])


def test_label_creators_best_runner_up_and_confidence():
    labels = np.eye(3)
    names = ["beauty", "food", "travel"]
    creators = np.array(
        [
            [0.9, 0.1, 0.0],  # clearly beauty
            [0.5, 0.49, 0.0],  # beauty by a hair: uncertain
            [0.0, 0.0, 1.0],  # only travel: runner-up cosine 0 -> confidence 1
            [-1.0, -1.0, -1.0],  # negative everywhere: confidence 0
        ]
    )
    out = label_creators(creators, labels, names, min_confidence=0.2)
    assert out.best_label == ["beauty", "beauty", "travel", "beauty"]
    assert out.runner_up_label[:2] == ["food", "food"]
    # Independent: confidence = 1 - second cosine / best cosine.
    unit = creators / np.linalg.norm(creators, axis=1, keepdims=True)
    expected = [1 - unit[0, 1] / unit[0, 0], 1 - unit[1, 1] / unit[1, 0], 1.0, 0.0]
    np.testing.assert_allclose(out.confidence, expected, atol=1e-4)
    assert out.is_uncertain.tolist() == [False, True, False, True]
    assert np.all((out.confidence >= 0) & (out.confidence <= 1))


def test_label_creators_ties_zero_vectors_and_threshold_edges():
    labels = np.eye(2)
    out = label_creators(np.array([[1.0, 1.0], [0.0, 0.0]]), labels, ["a", "b"], min_confidence=0.0)
    assert out.best_label == ["a", "a"]  # tie -> first label in the given order
    assert out.confidence.tolist() == [0.0, 0.0]
    assert out.is_uncertain.tolist() == [False, False]  # nothing is below a threshold of 0
    single = label_creators(np.array([[1.0, 0.0]]), labels[:1], ["only"], min_confidence=0.5)
    assert single.runner_up_label == [None] and single.confidence.tolist() == [1.0]
    with pytest.raises(ValueError):
        label_creators(np.eye(2), labels, ["a", "a"], 0.1)
    with pytest.raises(ValueError):
        label_creators(np.eye(2), labels, ["a", "b"], 1.5)
