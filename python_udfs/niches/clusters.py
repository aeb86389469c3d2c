"""The k-means niches: clusters of the influencer embeddings, and each cluster's size, keywords
and unique taxonomy label (the models int_influencers_clustered and int_niches_described)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from python_udfs.core.arrow_tables import embedding_matrix, sorted_by
from python_udfs.core.clustering import fit_kmeans

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
    if embeddings.num_rows == 0:  # no creators (a header-only influencers file): no niches, not an error
        return CLUSTERED_INFLUENCERS_SCHEMA.empty_table()
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
    :func:`python_udfs.niches.labelling.label_vectors`). ``hashtags`` (influencer_id, hashtags), when
    given, switches the keywords to :func:`python_udfs.niches.keywords.describing_keywords` (hashtags
    first, each term used by at least ``niche_keyword_min_creators`` members); without it they are plain
    c-TF-IDF words. The centroid used for naming is the mean of the members' unit vectors (what
    k-means converged to); each centroid gets the closest label, one-to-one (Hungarian assignment).
    """
    # Imported here: scikit-learn (keywords) and scipy (labelling) cost seconds to import, which the
    # embedding models and a no-change rebuild (python_udfs.dbt_glue.memo) do not need.
    from python_udfs.niches.keywords import class_tfidf_keywords, describing_keywords
    from python_udfs.niches.labelling import assign_unique_labels, label_vectors

    if clusters.num_rows == 0:  # no creators: no niches
        return DESCRIBED_NICHES_SCHEMA.empty_table()
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
