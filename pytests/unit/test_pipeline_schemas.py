"""Each function that returns an Arrow table to a dbt model returns exactly its declared schema.

The schemas (``*_SCHEMA``, declared beside each function in python_udfs' analysis packages) are
the column contract of the models: the functions must return them whatever the input's types (inputs here
are deliberately narrower, e.g. int64 cluster ids, int32 counts, float32 rates), and they must list the columns
the model's yml documents, in order. Arguments are passed by position so the tests do not depend
on parameter names.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
import yaml

from python_udfs.brand_matching import matches as brand_matches
from python_udfs.core import arrow_tables, embedded_texts
from python_udfs.fake_followers import trends
from python_udfs.niches import clusters as niche_clusters
from python_udfs.niches import labels as niche_labels
from python_udfs.niches import niche_map
from python_udfs.sentiment import sentiment
from python_udfs.tiktok import tables as tiktok_tables
from python_udfs.tiktok.features import FEATURE_COLUMNS
from python_udfs.tiktok.segments import PROFILE_COLUMNS, NamingRules

PROJECT_DIR = Path(__file__).resolve().parents[2]


def unit_rows(n: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(n, 384)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def embeddings(key: str, ids: list[str], seed: int) -> pa.Table:
    return pa.table({key: ids, "embedding": arrow_tables.embedding_array(unit_rows(len(ids), seed))})


def profiles(n: int = 30) -> pa.Table:
    """TikTok profiles with narrower types than stg_tiktok__profiles (int32 counts, float32 rates)."""
    rng = np.random.default_rng(5)
    followers = np.exp(rng.normal(10, 2, n)).astype(np.int32)
    columns = {"account_id": pa.array([f"acct_{i:03d}" for i in range(n)])}
    for column in FEATURE_COLUMNS:
        if column == "is_verified":
            columns[column] = pa.array(rng.random(n) < 0.1)
        elif column == "followers":
            columns[column] = pa.array(followers, pa.int32())
        elif column.endswith("_rate"):
            columns[column] = pa.array(rng.uniform(0, 0.3, n), pa.float32())
        else:
            columns[column] = pa.array(rng.integers(0, 5000, n), pa.int32())
    return pa.table(columns)


class FakeEncoder:
    def encode(self, texts):
        return unit_rows(len(texts), 1)


def test_embed_new_texts(monkeypatch):
    monkeypatch.setattr(embedded_texts, "get_encoder", lambda backend, model: FakeEncoder())
    texts = pa.table({"brand_id": ["B2", "B1"], "cleaned_text": ["two", "one"], "text_hash": ["h2", "h1"]})
    out = embedded_texts.embed_new_texts(texts, "brand_id", None, "onnx_int8")
    assert out.schema == embedded_texts.embedded_texts_schema("brand_id")
    assert out.schema.names == ["brand_id", "text_hash", "model_name", "embedding_backend", "embedding"]
    assert out.schema.field("embedding").type == pa.list_(pa.float32(), 384)
    nothing = embedded_texts.embed_new_texts(texts, "brand_id", out, "onnx_int8")
    assert nothing.num_rows == 0 and nothing.schema == embedded_texts.embedded_texts_schema("brand_id")


def test_cluster_influencers():
    ids = [f"I{i:02d}" for i in range(12)]
    out = niche_clusters.cluster_influencers(embeddings("influencer_id", ids, 2), 3, 42, 2)
    assert out.schema == niche_clusters.CLUSTERED_INFLUENCERS_SCHEMA


def test_no_creators_give_no_niches():
    # A header-only influencers file: zero rows with the schema, not an error (issue 33).
    none = embeddings("influencer_id", [], 2)
    clusters = niche_clusters.cluster_influencers(none, 3, 42, 2)
    assert clusters.num_rows == 0 and clusters.schema == niche_clusters.CLUSTERED_INFLUENCERS_SCHEMA
    texts = pa.table({"influencer_id": pa.array([], pa.string()), "cleaned_text": pa.array([], pa.string())})
    taxonomy = embeddings("niche_label", ["beauty", "food", "travel"], 3)
    described = niche_clusters.describe_niches(clusters, none, texts, taxonomy, 2)
    assert described.num_rows == 0 and described.schema == niche_clusters.DESCRIBED_NICHES_SCHEMA


def test_describe_niches():
    ids = [f"I{i:02d}" for i in range(6)]
    clusters = pa.table({"influencer_id": ids, "cluster_id": pa.array([0, 0, 0, 1, 1, 1], pa.int64())})
    texts = pa.table({"influencer_id": ids, "cleaned_text": ["a b", "b c", "c a", "x y", "y z", "z x"]})
    taxonomy = embeddings("niche_label", ["beauty", "food", "travel"], 3)
    out = niche_clusters.describe_niches(clusters, embeddings("influencer_id", ids, 4), texts, taxonomy, 2)
    assert out.schema == niche_clusters.DESCRIBED_NICHES_SCHEMA


def test_rank_brand_candidates():
    brands = embeddings("brand_id", ["B1", "B2"], 6)
    influencers = embeddings("influencer_id", [f"I{i:02d}" for i in range(8)], 7)
    pools = {"all": (None, 3), "vetted": (["I01", "I03"], 3)}
    out = brand_matches.rank_brand_candidates(brands, None, influencers, pools)
    assert out.schema == brand_matches.RANKED_CANDIDATES_SCHEMA
    empty = brand_matches.rank_brand_candidates(brands, None, influencers, {})
    assert empty.schema == brand_matches.RANKED_CANDIDATES_SCHEMA


def test_label_influencers():
    ids = [f"I{i:02d}" for i in range(6)]
    phrases = embeddings("phrase_id", ["p1", "p2", "p3"], 8).append_column("niche_label", pa.array(["a", "a", "b"]))
    phrases = phrases.append_column("cleaned_text", pa.array(["alpha", "apples", "beta"]))
    texts = pa.table(
        {"influencer_id": ids, "cleaned_text": ["apple pie"] + ["x"] * 5, "has_usable_text": [True] * 5 + [False]}
    )
    out = niche_labels.label_influencers(embeddings("influencer_id", ids, 9), texts, phrases, 0.05, 0.02)
    assert out.schema == niche_labels.LABELLED_INFLUENCERS_SCHEMA


def test_tiktok_elbow_and_segmentation():
    table = profiles()
    assert tiktok_tables.tiktok_elbow(table, 2, 5, None, 42, 2).schema == tiktok_tables.TIKTOK_ELBOW_SCHEMA
    assert tiktok_tables.segment_tiktok_accounts(table, 3, 42, 2).schema == tiktok_tables.SEGMENTED_ACCOUNTS_SCHEMA


def test_name_tiktok_segments():
    rows = [
        {
            "segment_id": segment,
            "size": 10,
            "share": 1 / 3,
            "mean_followers": followers,
            "median_followers": followers,
            "mean_engagement_rate": 0.05,
            "verified_share": verified,
            "mean_videos": 200.0,
            "mean_likes": 1e5,
            "median_follower_tier": tier,
        }
        for segment, followers, verified, tier in [
            (0, 5_000, 0.0, "nano"),
            (1, 80_000, 0.0, "micro"),
            (2, 3e6, 0.9, "mega"),
        ]
    ]
    segment_profiles = pa.Table.from_pylist(rows).select(PROFILE_COLUMNS)
    rules = NamingRules(
        verified_share_min=0.5, celebrity_followers_min=1e6, prolific_videos_min=1000, prolific_videos_factor=3
    )
    out = tiktok_tables.name_tiktok_segments(segment_profiles, rules)
    assert out.schema == tiktok_tables.NAMED_SEGMENTS_SCHEMA
    assert out.num_rows == 3


def test_niche_map_points():
    ids = ["I1", "I2", "I3"]
    niches = pa.table(
        {"influencer_id": ids, "name": ["a", "b", "c"], "niche_label": ["x"] * 3, "niche_keywords": ["k"] * 3}
    )
    scores = pa.table({"influencer_id": ["I1"], "fake_score": pa.array([55], pa.int32()), "risk_level": ["medium"]})
    out = niche_map.niche_map_points(embeddings("influencer_id", ids, 8), niches, scores)
    assert out.schema == niche_map.NICHE_MAP_SCHEMA


def test_follower_trend_measures():
    growth = pa.table(
        {"influencer_id": ["I2", "I1"], "follower_history": pa.array([[5, 6, 9], [0, 0, 1]], pa.list_(pa.int32()))}
    )
    assert trends.follower_trend_measures(growth, 1).schema == trends.FOLLOWER_TRENDS_SCHEMA
    assert trends.follower_trend_measures(growth.slice(0, 0), 1).schema == trends.FOLLOWER_TRENDS_SCHEMA


def test_score_captions():
    captions = pa.table(
        {"influencer_id": ["I1"], "caption_index": pa.array([1], pa.int32()), "caption": ["Loving this sunny day"]}
    )
    assert sentiment.score_captions(captions, 3, 0.5).schema == sentiment.CAPTION_SCORES_SCHEMA
    assert sentiment.score_captions(captions.slice(0, 0), 3, 0.5).schema == sentiment.CAPTION_SCORES_SCHEMA


def documented_columns() -> dict[str, list[str]]:
    columns = {}
    for path in sorted((PROJECT_DIR / "models").rglob("*.yml")):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models") or []:
            columns[model["name"]] = [column["name"] for column in model.get("columns") or []]
    return columns


@pytest.mark.parametrize(
    ("model", "schema"),
    [
        ("int_influencers_embedded", embedded_texts.embedded_texts_schema("influencer_id")),
        ("int_brands_embedded", embedded_texts.embedded_texts_schema("brand_id")),
        ("int_niche_phrases_embedded", embedded_texts.embedded_texts_schema("phrase_id")),
        ("int_brand_keywords_embedded", embedded_texts.embedded_texts_schema("keyword_id")),
        ("int_match_captions_embedded", embedded_texts.embedded_texts_schema("caption_id")),
        ("int_influencers_clustered", niche_clusters.CLUSTERED_INFLUENCERS_SCHEMA),
        ("int_niches_described", niche_clusters.DESCRIBED_NICHES_SCHEMA),
        ("int_brand_matches_ranked", brand_matches.RANKED_CANDIDATES_SCHEMA),
        ("int_brand_matches_explained", brand_matches.MATCH_EVIDENCE_SCHEMA),
        ("int_brand_campaign_fit_ranked", brand_matches.CAMPAIGN_FIT_SCHEMA),
        ("int_influencers_labelled", niche_labels.LABELLED_INFLUENCERS_SCHEMA),
        ("int_tiktok_k_candidates_measured", tiktok_tables.TIKTOK_ELBOW_SCHEMA),
        ("int_tiktok_accounts_segmented", tiktok_tables.SEGMENTED_ACCOUNTS_SCHEMA),
        ("int_tiktok_segments_named", tiktok_tables.NAMED_SEGMENTS_SCHEMA),
        ("influencer_niche_map", niche_map.NICHE_MAP_SCHEMA),
        ("int_influencers_trends_measured", trends.FOLLOWER_TRENDS_SCHEMA),
        ("int_captions_scored", sentiment.CAPTION_SCORES_SCHEMA),
    ],
)
def test_schema_lists_the_models_documented_columns(model, schema):
    # A memoised model (python_udfs.dbt_glue.memo) stores its input fingerprint after the function's columns.
    memoised = "memoised(" in next((PROJECT_DIR / "models").rglob(f"{model}.py")).read_text(encoding="utf-8")
    assert documented_columns()[model] == schema.names + (["input_fingerprint"] if memoised else [])
