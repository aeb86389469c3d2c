"""TikTok segments as Arrow-in / Arrow-out functions for the dbt Python models: the elbow curve
(int_tiktok_k_candidates_measured), each account's k-means segment (int_tiktok_accounts_segmented) and each
segment's name (int_tiktok_segments_named). Features and naming rules: :mod:`.features`,
:mod:`.segments`; k-means: :mod:`python_udfs.core.clustering`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

from python_udfs.core.arrow_tables import sorted_by
from python_udfs.core.clustering import fit_kmeans, knee_by_chord, wcss_curve

if TYPE_CHECKING:
    from python_udfs.tiktok.segments import NamingRules


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
    from python_udfs.tiktok.features import feature_matrix

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
    from python_udfs.tiktok.features import feature_matrix

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
    """One row per segment: its marketer-facing name from its profile (rules in :mod:`.segments`)."""
    from python_udfs.tiktok.segments import name_segments

    frame = sorted_by(profiles, "segment_id").to_pandas()
    names = name_segments(frame, rules)
    return pa.table(
        {
            "segment_id": pa.array(list(names), pa.int32()),
            "segment_name": pa.array(list(names.values()), pa.string()),
        },
        schema=NAMED_SEGMENTS_SCHEMA,
    )
