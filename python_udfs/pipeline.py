"""The work behind the dbt Python models, as plain functions over Arrow tables.

Each dbt Python model in models/ only reads its refs, calls one function here and returns the
result, so everything below is importable and unit-tested without dbt. Inputs and outputs are
``pyarrow.Table``; embeddings travel as ``FLOAT[384]`` (Arrow fixed-size lists), so analysts can
call ``array_cosine_similarity`` on the stored columns. The Arrow schema each function returns is
declared beside it (``*_SCHEMA``) and the result is built with it, so a model's column types do not
depend on its input's types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from python_udfs.core.arrow_tables import embedding_matrix, sorted_by
from python_udfs.core.clustering import fit_kmeans, knee_by_chord, wcss_curve

if TYPE_CHECKING:
    from python_udfs.tiktok import NamingRules


# ----------------------------------------------------------------------------------------- niches
CLUSTERED_INFLUENCERS_SCHEMA = pa.schema(
    [
        pa.field("influencer_id", pa.string()),
        pa.field("cluster_id", pa.int32()),
        pa.field("distance_to_centroid", pa.float64()),
    ]
)


def cluster_influencers(embeddings: pa.Table, n_niches: int, kmeans_seed: int, kmeans_n_init: int) -> pa.Table:
    """k-means (k-means++, kmeans_n_init restarts, fixed seed) on the influencer embeddings.

    Returns influencer_id, cluster_id (0..n_niches-1) and the Euclidean distance to the cluster centre.
    """
    embeddings = sorted_by(embeddings, "influencer_id")
    result = fit_kmeans(embedding_matrix(embeddings), n_niches, seed=kmeans_seed, n_init=kmeans_n_init)
    return pa.table(
        {
            "influencer_id": embeddings.column("influencer_id"),
            "cluster_id": pa.array(result.labels, pa.int32()),
            "distance_to_centroid": pa.array(result.distances, pa.float64()),
        },
        schema=CLUSTERED_INFLUENCERS_SCHEMA,
    )


DESCRIBED_NICHES_SCHEMA = pa.schema(
    [
        pa.field("cluster_id", pa.int32()),
        pa.field("niche_label", pa.string()),
        pa.field("niche_keywords", pa.string()),
        pa.field("label_similarity", pa.float64()),
        pa.field("influencer_count", pa.int64()),
    ]
)


def describe_niches(
    clusters: pa.Table,
    embeddings: pa.Table,
    texts: pa.Table,
    taxonomy: pa.Table,
    niche_keyword_count: int,
    hashtags: pa.Table | None = None,
    niche_keyword_min_creators: int = 1,
) -> pa.Table:
    """One row per cluster: its size, top keywords and a unique taxonomy label.

    ``clusters``: influencer_id, cluster_id. ``embeddings``: influencer_id, embedding.
    ``texts``: influencer_id, cleaned_text. ``taxonomy``: niche_label, embedding, one or more rows
    per label (several rows = the label's phrases; its vector is their normalised mean, see
    :func:`python_udfs.labelling.label_vectors`). ``hashtags`` (influencer_id, hashtags), when
    given, switches the keywords to :func:`python_udfs.keywords.describing_keywords` (hashtags
    first, each term used by at least ``niche_keyword_min_creators`` members); without it they are plain
    c-TF-IDF words. The centroid used for naming is the mean of the members' unit vectors (what
    k-means converged to); each centroid gets the closest label, one-to-one (Hungarian assignment).
    """
    # Imported here: scikit-learn (keywords) and scipy (labelling) cost seconds to import, which the
    # embedding models and a no-change rebuild (python_udfs.memo) do not need.
    from python_udfs.keywords import class_tfidf_keywords, describing_keywords
    from python_udfs.labelling import assign_unique_labels, label_vectors

    clusters = sorted_by(clusters, "influencer_id")
    ids = clusters.column("influencer_id").to_pylist()
    labels = np.asarray(clusters.column("cluster_id").to_pylist(), dtype=int)
    vectors = _rows_in_order(embeddings, "influencer_id", ids, embedding_matrix(embeddings))
    cleaned = _values_in_order(texts, "influencer_id", ids, "cleaned_text")

    cluster_ids = sorted(set(labels.tolist()))
    centroids = np.vstack([vectors[labels == c].mean(axis=0) for c in cluster_ids])
    taxonomy = taxonomy.sort_by(
        [(name, "ascending") for name in ("niche_label", "phrase_id") if name in taxonomy.column_names]
    )
    label_names, label_matrix = label_vectors(embedding_matrix(taxonomy), taxonomy.column("niche_label").to_pylist())
    names = assign_unique_labels(centroids, label_matrix, label_names)
    if hashtags is None:
        keywords = class_tfidf_keywords(cleaned, labels.tolist(), top_n=niche_keyword_count)
    else:
        tags = _values_in_order(hashtags, "influencer_id", ids, "hashtags")
        keywords = describing_keywords(cleaned, tags, labels.tolist(), niche_keyword_count, niche_keyword_min_creators)
    label_vector = dict(zip(label_names, label_matrix))
    similarity = [round(_cosine(centroid, label_vector[name]), 6) for centroid, name in zip(centroids, names)]
    return pa.table(
        {
            "cluster_id": pa.array(cluster_ids, pa.int32()),
            "niche_label": pa.array(names, pa.string()),
            "niche_keywords": pa.array([", ".join(keywords.get(c, [])) for c in cluster_ids], pa.string()),
            "label_similarity": pa.array(similarity, pa.float64()),
            "influencer_count": pa.array([int((labels == c).sum()) for c in cluster_ids], pa.int64()),
        },
        schema=DESCRIBED_NICHES_SCHEMA,
    )


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def _rows_in_order(table: pa.Table, key: str, ids: list, matrix: np.ndarray) -> np.ndarray:
    position = {value: i for i, value in enumerate(table.column(key).to_pylist())}
    missing = [i for i in ids if i not in position]
    if missing:
        raise ValueError(f"no {key} row for {missing[:5]}")
    return matrix[[position[i] for i in ids]]


def _values_in_order(table: pa.Table, key: str, ids: list, column: str) -> list:
    lookup = dict(zip(table.column(key).to_pylist(), table.column(column).to_pylist()))
    return [lookup.get(i) or "" for i in ids]


# Brand matching: python_udfs/brand_matching.py.


# ------------------------------------------------------------------------------ TikTok segments
TIKTOK_ELBOW_SCHEMA = pa.schema(
    [
        pa.field("k", pa.int32()),
        pa.field("wcss", pa.float64()),
        pa.field("is_knee", pa.bool_()),
        pa.field("is_chosen", pa.bool_()),
    ]
)


def tiktok_elbow(
    profiles: pa.Table,
    tiktok_k_min: int,
    tiktok_k_max: int,
    tiktok_segments_k: int | None,
    kmeans_seed: int,
    kmeans_n_init: int,
) -> pa.Table:
    """Within-cluster sum of squares for k = tiktok_k_min..tiktok_k_max on the TikTok features.

    The chosen k is ``tiktok_segments_k`` when given, else the knee of the curve (max distance to
    the chord, :func:`python_udfs.core.clustering.knee_by_chord`). The largest k is capped at the
    number of accounts.
    """
    from python_udfs.tiktok import feature_matrix

    frame = sorted_by(profiles, "account_id").to_pandas()
    features = feature_matrix(frame)
    ks = list(range(tiktok_k_min, min(tiktok_k_max, len(frame)) + 1))
    if not ks:
        raise ValueError(f"need at least tiktok_k_min = {tiktok_k_min} TikTok accounts to segment, got {len(frame)}")
    wcss = wcss_curve(features, ks, seed=kmeans_seed, n_init=kmeans_n_init)
    knee = knee_by_chord(ks, wcss)
    chosen = knee if tiktok_segments_k is None else tiktok_segments_k
    if chosen not in ks:
        raise ValueError(f"tiktok_segments_k = {chosen} is outside the curve's k range {ks[0]}..{ks[-1]}")
    return pa.table(
        {
            "k": pa.array(ks, pa.int32()),
            "wcss": pa.array(wcss, pa.float64()),
            "is_knee": pa.array([k == knee for k in ks], pa.bool_()),
            "is_chosen": pa.array([k == chosen for k in ks], pa.bool_()),
        },
        schema=TIKTOK_ELBOW_SCHEMA,
    )


SEGMENTED_ACCOUNTS_SCHEMA = pa.schema(
    [
        pa.field("account_id", pa.string()),
        pa.field("segment_id", pa.int32()),
        pa.field("distance_to_centroid", pa.float64()),
    ]
)


def segment_tiktok_accounts(profiles: pa.Table, k: int, kmeans_seed: int, kmeans_n_init: int) -> pa.Table:
    """One row per account: its k-means segment on the standardised log features and the distance
    to the segment centre."""
    from python_udfs.tiktok import feature_matrix

    frame = sorted_by(profiles, "account_id").to_pandas()
    result = fit_kmeans(feature_matrix(frame), k, seed=kmeans_seed, n_init=kmeans_n_init)
    return pa.table(
        {
            "account_id": pa.array(frame["account_id"], pa.string()),
            "segment_id": pa.array(result.labels, pa.int32()),
            "distance_to_centroid": pa.array(result.distances, pa.float64()),
        },
        schema=SEGMENTED_ACCOUNTS_SCHEMA,
    )


NAMED_SEGMENTS_SCHEMA = pa.schema([pa.field("segment_id", pa.int32()), pa.field("segment_name", pa.string())])


def name_tiktok_segments(profiles: pa.Table, rules: NamingRules) -> pa.Table:
    """One row per segment: its marketer-facing name from its profile (rules in python_udfs.tiktok)."""
    from python_udfs.tiktok import name_segments

    frame = sorted_by(profiles, "segment_id").to_pandas()
    names = name_segments(frame, rules)
    return pa.table(
        {
            "segment_id": pa.array(list(names), pa.int32()),
            "segment_name": pa.array(list(names.values()), pa.string()),
        },
        schema=NAMED_SEGMENTS_SCHEMA,
    )
