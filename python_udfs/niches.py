"""Niche label per creator, as an Arrow-in / Arrow-out function for the dbt Python model.

See :mod:`python_udfs.labelling` for the method and its measurements.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from python_udfs.labelling import label_creators, label_vectors
from python_udfs.pipeline import embedding_matrix, sorted_by

UNCERTAIN = "uncertain"  # niche_label of a creator whose best two labels are too close, or who has no text


def taxonomy_label_vectors(phrases: pa.Table) -> tuple[list[str], np.ndarray]:
    """Label names (ascending) and their phrase-mean vectors from ``niche_label, embedding`` rows."""
    if phrases.num_rows == 0:
        raise ValueError("the niche taxonomy has no phrases to label creators with")
    phrases = phrases.sort_by([("niche_label", "ascending"), ("phrase_id", "ascending")])
    return label_vectors(embedding_matrix(phrases), phrases.column("niche_label").to_pylist())


def label_influencers(embeddings: pa.Table, texts: pa.Table, phrases: pa.Table, min_confidence: float) -> pa.Table:
    """One row per influencer: its best taxonomy label, the runner-up, confidence and final label.

    ``embeddings``: influencer_id, embedding. ``texts``: influencer_id, has_usable_text.
    ``phrases``: phrase_id, niche_label, embedding (one row per label phrase). ``niche_label`` is
    the best label, or ``'uncertain'`` when the confidence is below ``min_confidence`` or the
    influencer has no usable text (its embedding then says nothing about its content).
    """
    names, matrix = taxonomy_label_vectors(phrases)
    embeddings = sorted_by(embeddings, "influencer_id")
    ids = embeddings.column("influencer_id").to_pylist()
    usable = dict(zip(texts.column("influencer_id").to_pylist(), texts.column("has_usable_text").to_pylist()))
    result = label_creators(embedding_matrix(embeddings), matrix, names, min_confidence)
    has_text = np.array([bool(usable.get(i)) for i in ids], dtype=bool)
    confidence = np.where(has_text, result.confidence, 0.0)
    uncertain = ~has_text | result.is_uncertain
    runner_up = result.runner_up_similarity
    return pa.table(
        {
            "influencer_id": pa.array(ids, pa.string()),
            "niche_label": pa.array(
                [UNCERTAIN if u else label for label, u in zip(result.best_label, uncertain)], pa.string()
            ),
            "best_label": pa.array(result.best_label, pa.string()),
            "runner_up_label": pa.array(result.runner_up_label, pa.string()),
            "best_label_similarity": pa.array(result.best_similarity, pa.float64()),
            "runner_up_similarity": pa.array([None if np.isnan(v) else float(v) for v in runner_up], pa.float64()),
            "label_confidence": pa.array(confidence, pa.float64()),
            "is_label_uncertain": pa.array(uncertain, pa.bool_()),
        }
    )
