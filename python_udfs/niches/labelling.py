"""Labels from an editable taxonomy: for each creator directly, and for k-means clusters.

**Creators** (:func:`label_creators`): each creator gets the label with the highest score, the
cosine of its text embedding with the label's vector plus, weighted, the label's keyword evidence
(:mod:`python_udfs.niches.label_keywords`), with a confidence ``1 - runner-up score / best score`` and an
honest "uncertain" when that confidence is below a threshold (the best two labels are too close). A
label's vector is the normalised mean of its phrases' embeddings (:func:`label_vectors`): the
label name and each comma-separated phrase of its description, embedded one by one. Measured on
the dev split (312 labelled Instagram creators, the bundled 16-label taxonomy): labelling each
creator directly gave 0.43 accuracy where naming k-means clusters gave 0.28; phrase-mean label
vectors instead of the whole description as one sentence gave 0.48 (a long list of topics
embedded as one sentence blurs into "a list of lifestyle topics"). Centring creators and labels
lowered it (0.42), so raw unit vectors are used. The ratio confidence labels the most confident
60 % with precision 0.64; the margin, a z-scored margin, a softmax and a second (hashtag) view
gave 0.63-0.67 (README, "make eval"), so the simplest is kept.

**Clusters** (:func:`assign_unique_labels`): giving every cluster its nearest label can name two clusters the same. Instead the cosine
similarities between cluster centroids and label vectors (e.g. embedded niche descriptions) form
a matrix, and the one-to-one assignment with the largest total similarity is taken (Hungarian
algorithm, :func:`scipy.optimize.linear_sum_assignment`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from python_udfs.core.calibration import mean_direction, unit_rows

# 4 decimals, not 6: the embeddings' last float32 bit can differ between processes (seen: a
# brand's match_z differed in its 6th decimal between two builds); a coarser rounding keeps the
# published values byte-identical.
SIMILARITY_DECIMALS = 4


@dataclass(frozen=True)
class CreatorLabels:
    """Outcome of :func:`label_creators` for ``n`` creators (arrays of length ``n``)."""

    best_label: list[str]
    runner_up_label: list[str | None]  # None when the taxonomy has a single label
    best_similarity: np.ndarray  # float64, cosine with the best label, rounded to 4 decimals
    runner_up_similarity: np.ndarray  # float64, NaN without a runner-up
    best_keyword_score: np.ndarray  # float64, the best label's keyword score (0 without keywords)
    runner_up_keyword_score: np.ndarray  # float64, NaN without a runner-up
    confidence: np.ndarray  # float64 in [0, 1]
    is_uncertain: np.ndarray  # bool


def label_vectors(phrase_vectors: np.ndarray, phrase_labels: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """One vector per label: the normalised mean of the unit vectors of its phrases.

    ``phrase_labels[i]`` is the label phrase ``i`` belongs to. Returns the label names in
    ascending order and a (labels, d) float64 matrix in that order. A label whose phrases cancel
    out raises ValueError (see :func:`python_udfs.core.calibration.mean_direction`).
    """
    vectors = unit_rows(phrase_vectors)
    labels = [str(label) for label in phrase_labels]
    if vectors.shape[0] != len(labels):
        raise ValueError(f"{vectors.shape[0]} phrase vectors but {len(labels)} phrase labels")
    names = sorted(set(labels))
    owner = np.asarray(labels, dtype=object)
    matrix = np.vstack([mean_direction(vectors[owner == name]) for name in names]) if names else vectors[:0]
    return names, matrix


def label_creators(
    creator_vectors: np.ndarray,
    label_matrix: np.ndarray,
    label_names: Sequence[str],
    min_confidence: float,
    keyword_scores: np.ndarray | None = None,
    keyword_weight: float = 0.0,
) -> CreatorLabels:
    """The best label of each creator, its runner-up, confidence and uncertainty.

    A label's score is ``cosine + keyword_weight x keyword score`` (``keyword_scores``: a
    (creators, labels) matrix from :func:`python_udfs.niches.label_keywords.keyword_scores`; None = no
    keyword evidence, the cosine alone). ``confidence = 1 - runner_up_score / best_score``,
    clipped to [0, 1]: 0 when the best two labels score the same (or the best score is not
    positive), 1 when the runner-up scores 0 or less. ``is_uncertain = confidence <
    min_confidence``. Cosines and scores are rounded to 4 decimals first; ties go to the label
    that comes first in ``label_names``. A creator whose vector is all zero (no text) gets cosine
    0 with every label and, without keywords, confidence 0 and is uncertain.
    """
    names = [str(name) for name in label_names]
    labels_unit = unit_rows(label_matrix)
    creators = unit_rows(creator_vectors)
    if labels_unit.shape[0] != len(names) or not names:
        raise ValueError(f"need one label vector per label name, got {labels_unit.shape[0]} and {len(names)}")
    if len(set(names)) != len(names):
        raise ValueError("label names must be distinct")
    if creators.shape[0] and creators.shape[1] != labels_unit.shape[1]:
        raise ValueError(f"creators have dimension {creators.shape[1]}, labels {labels_unit.shape[1]}")
    if not 0.0 <= float(min_confidence) <= 1.0:
        raise ValueError(f"min_confidence must be in [0, 1], got {min_confidence}")

    similarity = np.round(creators @ labels_unit.T, SIMILARITY_DECIMALS) + 0.0
    keywords = np.zeros_like(similarity) if keyword_scores is None else np.asarray(keyword_scores, dtype=np.float64)
    if keywords.shape != similarity.shape:
        raise ValueError(f"keyword_scores has shape {keywords.shape}, need {similarity.shape}")
    score = np.round(similarity + float(keyword_weight) * keywords, SIMILARITY_DECIMALS) + 0.0
    # Stable sort on -score: equal scores keep label order, so the first label wins ties.
    order = np.argsort(-score, axis=1, kind="stable")
    rows = np.arange(score.shape[0])

    def at(matrix: np.ndarray, rank: int) -> np.ndarray:
        if rank >= len(names):
            return np.full(score.shape[0], np.nan)
        return matrix[rows, order[:, rank]] if score.size else np.zeros(0)

    best, runner_up = at(score, 0), at(score, 1)
    runner_up_names = [names[j] for j in order[:, 1]] if len(names) > 1 and score.size else [None] * score.shape[0]
    ratio = np.divide(np.nan_to_num(runner_up, nan=0.0), best, out=np.ones_like(best), where=best > 0)
    confidence = np.round(np.clip(1.0 - ratio, 0.0, 1.0), SIMILARITY_DECIMALS) + 0.0
    return CreatorLabels(
        best_label=[names[j] for j in order[:, 0]] if score.size else [],
        runner_up_label=runner_up_names,
        best_similarity=at(similarity, 0),
        runner_up_similarity=at(similarity, 1),
        best_keyword_score=at(keywords, 0),
        runner_up_keyword_score=at(keywords, 1),
        confidence=confidence,
        is_uncertain=confidence < float(min_confidence),
    )


def assign_unique_labels(centroids: np.ndarray, label_vectors: np.ndarray, label_names: Sequence[str]) -> list[str]:
    """The label of each centroid (in centroid order), all distinct, maximising total cosine.

    Vectors need not be normalised. Raises ValueError when there are fewer labels than centroids,
    on duplicate label names, mismatched shapes, or zero/non-finite vectors.

    Ties: similarities are rounded to 4 decimals first, so float noise (e.g. from another BLAS)
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
    similarity = np.round(_nonzero_unit_rows(centroids) @ _nonzero_unit_rows(label_vectors).T, SIMILARITY_DECIMALS)
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


def _nonzero_unit_rows(matrix: np.ndarray) -> np.ndarray:
    rows = unit_rows(matrix)
    if not rows.any(axis=1).all():
        raise ValueError("cosine similarity is undefined for a zero vector")
    return rows
