"""Naming clusters from a label taxonomy, each label used at most once.

Giving every cluster its nearest label can name two clusters the same. Instead the cosine
similarities between cluster centroids and label vectors (e.g. embedded niche descriptions) form
a matrix, and the one-to-one assignment with the largest total similarity is taken (Hungarian
algorithm, :func:`scipy.optimize.linear_sum_assignment`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

SIMILARITY_DECIMALS = 6


def assign_unique_labels(centroids: np.ndarray, label_vectors: np.ndarray, label_names: Sequence[str]) -> list[str]:
    """The label of each centroid (in centroid order), all distinct, maximising total cosine.

    Vectors need not be normalised. Raises ValueError when there are fewer labels than centroids,
    on duplicate label names, mismatched shapes, or zero/non-finite vectors.

    Ties: similarities are rounded to 6 decimals first, so float noise (e.g. from another BLAS)
    cannot change the answer; among assignments with the same rounded total, the one SciPy's
    solver returns for this exact matrix is used. The solver is deterministic, so the same input
    (including the order of labels and centroids) always gives the same names.
    """
    centroids = _as_matrix(centroids, "centroids")
    label_vectors = _as_matrix(label_vectors, "label_vectors")
    names = [str(name) for name in label_names]
    _check_inputs(centroids, label_vectors, names)
    if centroids.shape[0] == 0:
        return []
    similarity = np.round(_unit_rows(centroids) @ _unit_rows(label_vectors).T, SIMILARITY_DECIMALS)
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    assigned = dict(zip(rows.tolist(), cols.tolist()))
    return [names[assigned[row]] for row in range(centroids.shape[0])]


def _as_matrix(values: np.ndarray, name: str) -> np.ndarray:
    matrix = np.asarray(values, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError(f"{name} must be a 2-d array, got shape {matrix.shape}")
    if not np.all(np.isfinite(matrix)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return matrix


def _check_inputs(centroids: np.ndarray, label_vectors: np.ndarray, names: list[str]) -> None:
    if label_vectors.shape[0] != len(names):
        raise ValueError(f"{label_vectors.shape[0]} label vectors but {len(names)} label names")
    if len(set(names)) != len(names):
        raise ValueError("label names must be distinct")
    if centroids.shape[0] > 0 and centroids.shape[1] != label_vectors.shape[1]:
        raise ValueError(f"centroids have dimension {centroids.shape[1]}, label vectors {label_vectors.shape[1]}")
    if len(names) < centroids.shape[0]:
        raise ValueError(
            f"need at least as many labels as clusters to name each uniquely: "
            f"{len(names)} labels for {centroids.shape[0]} clusters"
        )


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    if np.any(norms == 0):
        raise ValueError("cosine similarity is undefined for a zero vector")
    return matrix / norms
