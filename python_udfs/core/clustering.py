"""K-means niches over influencer embeddings, and choosing k from the WCSS (elbow) curve.

Determinism: scikit-learn's KMeans with a fixed ``random_state`` (k-means++ seeding, ``n_init``
restarts, Lloyd iterations) gives the same result for the same data, seed and library versions.
Its OpenMP threads add their partial sums in whatever order they finish, which can change the
last bits of the centres between runs, so the fit runs with OpenMP limited to one thread: the
same input then gives byte-identical labels, centres, inertia and distances.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class KMeansResult:
    """Outcome of :func:`fit_kmeans` for ``n`` rows of dimension ``d``."""

    labels: np.ndarray  # (n,) int64, cluster of each row, values in 0..k-1
    centers: np.ndarray  # (k, d) float64
    inertia: float  # within-cluster sum of squared distances (WCSS)
    distances: np.ndarray  # (n,) float64, Euclidean distance of each row to its own centre


def fit_kmeans(X: np.ndarray, k: int, seed: int = 42, n_init: int = 10) -> KMeansResult:
    """Cluster the rows of ``X`` into ``k`` groups with k-means++ and ``n_init`` restarts.

    Raises ValueError when ``k < 1`` or when there are fewer rows than ``k``.
    """
    X = _validated_matrix(X)
    _check_k(k, n_rows=X.shape[0])
    if n_init < 1:
        raise ValueError(f"n_init must be >= 1, got {n_init}")
    # Imported here: scikit-learn takes 1.5-4 s to import, which a no-change rebuild (every
    # k-means model memoised, python_udfs.dbt_glue.memo) then never pays.
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    model = KMeans(n_clusters=k, init="k-means++", n_init=n_init, random_state=seed, algorithm="lloyd")
    with threadpool_limits(limits=1, user_api="openmp"):
        labels = model.fit_predict(X)
    centers = np.asarray(model.cluster_centers_, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    distances = np.linalg.norm(X - centers[labels], axis=1)
    return KMeansResult(labels=labels, centers=centers, inertia=float(model.inertia_), distances=distances)


def wcss_curve(X: np.ndarray, ks: Sequence[int], seed: int = 42, n_init: int = 10) -> list[float]:
    """Within-cluster sum of squares (KMeans inertia) for each k in ``ks``, in the order given."""
    X = _validated_matrix(X)
    return [fit_kmeans(X, int(k), seed=seed, n_init=n_init).inertia for k in ks]


def knee_by_chord(ks: Sequence[int], wcss: Sequence[float]) -> int:
    """The elbow of a WCSS curve: the k whose point lies farthest from the first-to-last chord.

    A simplified form of the "Kneedle" idea (Satopää, Albrecht, Irwin & Raghavan, 2011): both
    axes are rescaled to [0, 1] (k by its range, WCSS by its min..max), a straight chord is drawn
    from the first to the last point, and the k with the largest perpendicular distance to that
    chord is the knee. The absolute distance is used (no smoothing, no convexity detection).

    Points are taken in increasing k. Edge cases: fewer than 3 points, or a curve that is a
    straight line (all distances ~0, including a flat curve), give the first (smallest) k; ties
    (distances equal to 12 decimals) go to the smaller k.
    """
    if len(ks) != len(wcss):
        raise ValueError(f"ks and wcss differ in length: {len(ks)} vs {len(wcss)}")
    if len(ks) == 0:
        raise ValueError("knee_by_chord needs at least one point")
    order = np.argsort(np.asarray(ks), kind="stable")
    k_sorted = np.asarray(ks, dtype=np.float64)[order]
    w_sorted = np.asarray(wcss, dtype=np.float64)[order]
    if len(np.unique(k_sorted)) != len(k_sorted):
        raise ValueError(f"ks must be distinct, got {list(ks)}")
    if not np.all(np.isfinite(w_sorted)):
        raise ValueError("wcss values must be finite")
    first_k = int(k_sorted[0])
    if len(k_sorted) < 3:
        return first_k
    distances = _distances_to_chord(_rescale(k_sorted), _rescale(w_sorted))
    distances = np.round(distances, 12)  # float noise must not decide ties
    if distances.max() <= 0.0:
        return first_k
    return int(k_sorted[int(np.argmax(distances))])  # argmax takes the first max: smaller k


def _rescale(values: np.ndarray) -> np.ndarray:
    span = values.max() - values.min()
    if span == 0:
        return np.zeros_like(values)
    return (values - values.min()) / span


def _distances_to_chord(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    # Distance from (x_i, y_i) to the line through the first and last points: |cross| / |chord|.
    dx, dy = x[-1] - x[0], y[-1] - y[0]
    chord_length = np.hypot(dx, dy)
    return np.abs(dx * (y - y[0]) - dy * (x - x[0])) / chord_length


def _validated_matrix(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"expected a 2-d array (rows x features), got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinite values")
    return X


def _check_k(k: int, n_rows: int) -> None:
    if isinstance(k, bool) or int(k) != k or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    if n_rows < k:
        raise ValueError(f"need at least k={k} influencers to form {k} niches, got {n_rows}")
