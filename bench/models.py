"""The dbt models the benchmarks read timings and tables of."""

from __future__ import annotations

# The models the bench reads timings and tables of; recorded in results.json (config.models) so a
# report can be re-rendered from old results after a rename.
MODELS = {
    "embeddings": {"int_influencers_embedded": "influencer_id", "int_brands_embedded": "brand_id"},
    "taxonomy": "int_niche_phrases_embedded",
    # Issue 13: each brand keyword on its own, and the captions of matched creators (evidence).
    "brand_keywords": "int_brand_keywords_embedded",
    "match_captions": "int_match_captions_embedded",
    "clustering": "int_influencers_clustered",
    "matching": "int_brand_matches_ranked",
    "scores": "fake_follower_scores",
    # The per-day views (int_influencer_days_unnested, int_influencer_days_differenced) serve analysts
    # and are not upstream of the score: int_influencers_spikes_detected works on each influencer's list of gains.
    "chain": [
        "base_creators__follower_histories",
        "stg_creators__follower_histories",
        "int_influencers_spikes_detected",
        "int_influencers_scored",
        "int_influencers_suspicion_scored",
        "fake_follower_scores",
    ],
    "influencer_texts": "int_influencers_cleaned",
    "brand_texts": "int_brands_cleaned",
    "settings": "project_settings",  # the settings the warehouse was built with
}
EMBEDDING_MODELS: dict[str, str] = MODELS["embeddings"]
# Which texts an embedding model embeds, as named in results.json (embedding.texts_embedded).
TEXT_KINDS = {
    **dict(zip(EMBEDDING_MODELS, ("influencers", "brands"))),
    MODELS["taxonomy"]: "taxonomy",
    MODELS["brand_keywords"]: "brand_keywords",
    MODELS["match_captions"]: "match_captions",
}
