"""Niche label per creator, as an Arrow-in / Arrow-out function for the dbt Python model.

See :mod:`python_udfs.niches.labelling` for the method and its measurements.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from python_udfs.core.arrow_tables import embedding_matrix, sorted_by, with_columns_of
from python_udfs.niches.keywords import hashtags
from python_udfs.niches.label_keywords import keyword_scores, taxonomy_keywords
from python_udfs.niches.labelling import label_creators, label_vectors

UNCERTAIN = "uncertain"  # niche_label of a creator whose best two labels are too close, or who has no text


def taxonomy_phrases(embedded: pa.Table, texts: pa.Table) -> pa.Table:
    """The taxonomy's phrase vectors with their label and text (phrase_id, embedding, niche_label,
    cleaned_text), sorted by phrase_id: int_niche_phrases_embedded joined to
    int_niche_phrases_cleaned."""
    return with_columns_of(embedded, texts, key="phrase_id", columns=["niche_label", "cleaned_text"])


def hashtag_table(influencers: pa.Table) -> pa.Table:
    """influencer_id, hashtags (:func:`python_udfs.niches.keywords.hashtags` of the raw bio and captions)."""
    bios = influencers.column("bio").to_pylist()
    captions = influencers.column("recent_captions").to_pylist()
    texts = [" ".join([bio or "", *(caption or "" for caption in (items or []))]) for bio, items in zip(bios, captions)]
    return pa.table(
        {
            "influencer_id": influencers.column("influencer_id").cast(pa.string()),
            "hashtags": pa.array([hashtags(text) for text in texts], pa.string()),
        }
    )


def taxonomy_label_vectors(phrases: pa.Table) -> tuple[list[str], np.ndarray]:
    """Label names (ascending) and their phrase-mean vectors from ``niche_label, embedding`` rows."""
    if phrases.num_rows == 0:
        raise ValueError("the niche taxonomy has no phrases to label creators with")
    phrases = phrases.sort_by([("niche_label", "ascending"), ("phrase_id", "ascending")])
    return label_vectors(embedding_matrix(phrases), phrases.column("niche_label").to_pylist())


LABELLED_INFLUENCERS_SCHEMA = pa.schema(
    [
        pa.field("influencer_id", pa.string()),
        pa.field("niche_label", pa.string()),
        pa.field("best_label", pa.string()),
        pa.field("runner_up_label", pa.string()),
        pa.field("best_label_similarity", pa.float64()),
        pa.field("runner_up_similarity", pa.float64()),
        pa.field("best_label_keyword_score", pa.float64()),
        pa.field("runner_up_keyword_score", pa.float64()),
        pa.field("label_confidence", pa.float64()),
        pa.field("is_label_uncertain", pa.bool_()),
    ]
)


def label_influencers(
    embeddings: pa.Table,
    texts: pa.Table,
    phrases: pa.Table,
    niche_label_min_confidence: float,
    niche_label_keyword_weight: float,
) -> pa.Table:
    """One row per influencer: its best taxonomy label, the runner-up, confidence and final label.

    ``embeddings``: influencer_id, embedding. ``texts``: influencer_id, cleaned_text,
    has_usable_text. ``phrases``: phrase_id, niche_label, cleaned_text, embedding (one row per
    label phrase). A label's score is its cosine plus ``niche_label_keyword_weight`` x its keyword
    score (:mod:`python_udfs.niches.label_keywords`). ``niche_label`` is the best label, or
    ``'uncertain'`` when the confidence is below ``niche_label_min_confidence`` or the influencer
    has no usable text (its embedding then says nothing about its content).
    """
    names, matrix = taxonomy_label_vectors(phrases)
    embeddings = sorted_by(embeddings, "influencer_id")
    ids = embeddings.column("influencer_id").to_pylist()
    texts_of = dict(zip(texts.column("influencer_id").to_pylist(), texts.column("cleaned_text").to_pylist()))
    usable = dict(zip(texts.column("influencer_id").to_pylist(), texts.column("has_usable_text").to_pylist()))
    keywords = taxonomy_keywords(phrases.column("cleaned_text").to_pylist(), phrases.column("niche_label").to_pylist())
    result = label_creators(
        embedding_matrix(embeddings),
        matrix,
        names,
        niche_label_min_confidence,
        keyword_scores=keyword_scores([texts_of.get(i) for i in ids], names, keywords),
        keyword_weight=niche_label_keyword_weight,
    )
    has_text = np.array([bool(usable.get(i)) for i in ids], dtype=bool)
    confidence = np.where(has_text, result.confidence, 0.0)
    uncertain = ~has_text | result.is_uncertain
    return pa.table(
        {
            "influencer_id": pa.array(ids, pa.string()),
            "niche_label": pa.array(
                [UNCERTAIN if u else label for label, u in zip(result.best_label, uncertain)], pa.string()
            ),
            "best_label": pa.array(result.best_label, pa.string()),
            "runner_up_label": pa.array(result.runner_up_label, pa.string()),
            "best_label_similarity": pa.array(result.best_similarity, pa.float64()),
            "runner_up_similarity": _nullable(result.runner_up_similarity),
            "best_label_keyword_score": pa.array(result.best_keyword_score, pa.float64()),
            "runner_up_keyword_score": _nullable(result.runner_up_keyword_score),
            "label_confidence": pa.array(confidence, pa.float64()),
            "is_label_uncertain": pa.array(uncertain, pa.bool_()),
        },
        schema=LABELLED_INFLUENCERS_SCHEMA,
    )


def _nullable(values: np.ndarray) -> pa.Array:
    """float64 with NaN (no runner-up) as NULL."""
    return pa.array([None if np.isnan(v) else float(v) for v in values], pa.float64())
