"""python_udfs.brand_matching.matches and python_udfs.niches.labels: the Arrow-level functions, on constructed vectors."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from python_udfs.brand_matching.campaign import FitWeights
from python_udfs.brand_matching.matches import match_evidence, rank_brand_candidates, rank_campaign_fit
from python_udfs.core.arrow_tables import embedding_array
from python_udfs.core.embeddings import EMBEDDING_DIM
from python_udfs.niches.labels import UNCERTAIN, label_influencers


def vec(*pairs):
    """A 384-d vector with the given (axis, value) entries."""
    v = np.zeros(EMBEDDING_DIM, dtype=np.float32)
    for axis, value in pairs:
        v[axis] = value
    return v


def table(key, ids, vectors, **extra):
    return pa.table({key: ids, **extra, "embedding": embedding_array(np.vstack(vectors))})


# Axis 0 is the "social media post" direction every text shares; axes 1-3 are topics.
CREATORS = table(
    "influencer_id",
    ["C1", "C2", "C3", "C4"],
    [vec((0, 3), (1, 1)), vec((0, 3), (2, 1)), vec((0, 3), (3, 1)), vec((0, 3), (1, 0.5), (2, 0.5))],
)


def test_ranking_is_on_centred_vectors_and_keeps_the_raw_cosine():
    # Brand Bk is about topic k, and every brand text also leans on the shared direction.
    brands = table("brand_id", ["B1", "B2", "B3"], [vec((0, 2), (k, 1)) for k in (1, 2, 3)])
    out = rank_brand_candidates(brands, None, CREATORS, {"all": (None, 2), "vetted": (["C2", "C3", "C4"], 1)})
    rows = out.to_pylist()
    b1 = [r for r in rows if r["brand_id"] == "B1" and r["candidate_pool"] == "all"]
    # Independent computation of the centred scores of B1.
    x = np.vstack([vec((0, 3), (1, 1)), vec((0, 3), (2, 1)), vec((0, 3), (3, 1)), vec((0, 3), (1, 0.5), (2, 0.5))])
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    x = x - x.mean(axis=0)
    b = np.vstack([vec((0, 2), (k, 1)) for k in (1, 2, 3)])
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    b = b - b.mean(axis=0)
    by_hand = (x / np.linalg.norm(x, axis=1, keepdims=True)) @ (b[0] / np.linalg.norm(b[0]))
    expected = [["C1", "C2", "C3", "C4"][i] for i in np.argsort(-by_hand)[:2]]
    assert [r["influencer_id"] for r in b1] == expected == ["C1", "C4"]
    np.testing.assert_allclose([r["centred_cosine"] for r in b1], np.sort(by_hand)[::-1][:2], atol=1e-4)
    vetted = [r for r in rows if r["brand_id"] == "B1" and r["candidate_pool"] == "vetted"]
    assert [r["influencer_id"] for r in vetted] == ["C4"]
    # The raw cosine is the plain cosine of the stored vectors (independent computation).
    c1, b = vec((0, 3), (1, 1)).astype(np.float64), vec((0, 2), (1, 1)).astype(np.float64)
    assert b1[0]["cosine_similarity"] == round(float(c1 @ b / np.linalg.norm(c1) / np.linalg.norm(b)), 4)
    # Centring removed the shared direction: the off-topic C3 has a high raw cosine (0.85) but a
    # negative centred score.
    everyone = rank_brand_candidates(brands, None, CREATORS, {"all": (None, 4)}).to_pylist()
    c3 = next(r for r in everyone if r["brand_id"] == "B1" and r["influencer_id"] == "C3")
    assert c3["cosine_similarity"] > 0.8 and c3["centred_cosine"] < 0
    # match_z is against all 4 creators even in the vetted pool.
    assert vetted[0]["match_z"] == next(r for r in b1 if r["influencer_id"] == "C4")["match_z"]
    assert b1[0]["match_z"] > 1.0


def test_keyword_phrases_pull_the_brand_vector():
    # The brand text alone is between topics 1 and 2; its keywords are about topic 2.
    brands = table(
        "brand_id", ["B1", "B2", "B3"], [vec((0, 2), (1, 1), (2, 1)), vec((0, 2), (3, 1)), vec((0, 2), (4, 1))]
    )
    keywords = table("brand_id", ["B1", "B1"], [vec((2, 1)), vec((2, 1), (0, 0.5))], keyword_position=[1, 2])
    without = rank_brand_candidates(brands, None, CREATORS, {"all": (None, 1)}).to_pylist()
    with_kw = rank_brand_candidates(brands, keywords, CREATORS, {"all": (None, 1)}).to_pylist()
    assert [r["influencer_id"] for r in without if r["brand_id"] == "B1"] == ["C4"]
    assert [r["influencer_id"] for r in with_kw if r["brand_id"] == "B1"] == ["C2"]


def test_match_evidence_picks_the_caption_on_topic_and_the_keywords_used():
    brands = table("brand_id", ["B1"], [vec((1, 1))])
    keywords = table(
        "brand_id", ["B1", "B1"], [vec((1, 1)), vec((1, 1))], keyword_position=[1, 2], keyword=["gym", "protein"]
    )
    captions = table(
        "influencer_id",
        ["C1", "C1", "C2"],
        [vec((2, 1)), vec((1, 1), (2, 0.2)), vec((0, 0))],
        caption_position=[1, 2, 1],
        caption=["Sunday brunch", "Gym at 6am", "🔥🔥"],
    )
    texts = pa.table(
        {
            "influencer_id": ["C1", "C2"],
            "cleaned_text": ["sunday brunch gym at 6am", ""],
            "has_usable_text": [True, False],
        }
    )
    matches = pa.table({"brand_id": ["B1", "B1", "B1"], "influencer_id": ["C1", "C2", "C1"]})
    out = {r["influencer_id"]: r for r in match_evidence(matches, brands, keywords, captions, texts).to_pylist()}
    assert len(out) == 2  # one row per distinct pair
    assert out["C1"]["evidence_caption"] == "Gym at 6am"
    assert out["C1"]["evidence_keywords"] == ["gym"]
    assert out["C1"]["match_evidence"] == 'Closest caption: "Gym at 6am". Uses brief keywords: gym.'
    assert out["C2"]["evidence_caption"] is None and out["C2"]["match_evidence"] == ""


def test_campaign_fit_reranks_the_shortlist():
    shortlist = pa.table(
        {"brand_id": ["B1"] * 4, "influencer_id": ["A", "B", "C", "D"], "match_z": [4.0, 3.5, 1.0, 0.9]}
    )
    scores = pa.table(
        {"influencer_id": ["A", "B", "C", "D"], "fake_score": [90, 0, 0, 0], "engagement_rate": [1.0, 5.0, 9.0, 99.0]}
    )
    weights = FitWeights(0.5, 0.3, 0.2)
    out = rank_campaign_fit(shortlist, scores, weights, 3.0, 1.0, 100.0, top_k=2).to_pylist()
    # D (z below the Moderate band) is not ranked, however authentic and engaging; the engagement
    # percent rank is still over all 4 creators with growth data: A 0, B 1/3, C 2/3, D 1.
    # A: 50 + 3 + 0 = 53; B: 50 + 30 + 6.67 = 86.67; C: 16.67 + 30 + 13.33 = 60 -> B, C.
    assert [(r["campaign_fit_rank"], r["influencer_id"]) for r in out] == [(1, "B"), (2, "C")]
    assert [r["campaign_fit"] for r in out] == [86.67, 60.0]
    everyone = rank_campaign_fit(shortlist, scores, weights, 3.0, 1.0, 100.0, top_k=10).to_pylist()
    assert sorted(r["influencer_id"] for r in everyone) == ["A", "B", "C"]


def test_label_influencers_uncertain_and_no_text():
    phrases = table(
        "phrase_id",
        ["fitness:1", "fitness:2", "food:1"],
        [vec((1, 1)), vec((1, 1), (2, 0.1)), vec((3, 1))],
        niche_label=["fitness", "fitness", "food"],
        cleaned_text=["fitness", "gym workouts", "food"],
    )
    embeddings = table("influencer_id", ["A", "B", "C"], [vec((1, 1)), vec((1, 1), (3, 1)), vec((1, 1))])
    texts = pa.table(
        {
            "influencer_id": ["A", "B", "C"],
            "cleaned_text": ["leg day", "my dinner", None],
            "has_usable_text": [True, True, False],
        }
    )
    out = {r["influencer_id"]: r for r in label_influencers(embeddings, texts, phrases, 0.2, 0.0).to_pylist()}
    assert out["A"]["niche_label"] == "fitness" and not out["A"]["is_label_uncertain"]
    assert out["B"]["niche_label"] == UNCERTAIN and out["B"]["best_label"] in {"fitness", "food"}
    assert out["C"]["niche_label"] == UNCERTAIN and out["C"]["label_confidence"] == 0.0
    assert all(0.0 <= r["label_confidence"] <= 1.0 for r in out.values())
    assert all(r["best_label_keyword_score"] == 0.0 for r in out.values())  # no keyword in any text
    # B's text has no keyword; with "dinner" in the food phrase it has one, and a weight decides B.
    column = phrases.schema.get_field_index("cleaned_text")
    phrases = phrases.set_column(column, "cleaned_text", pa.array(["fitness", "gym workouts", "dinner ideas"]))
    out = {r["influencer_id"]: r for r in label_influencers(embeddings, texts, phrases, 0.2, 1.0).to_pylist()}
    assert out["B"]["niche_label"] == "food" and out["B"]["best_label_keyword_score"] > 0
    assert out["B"]["runner_up_keyword_score"] == 0.0


def test_ranking_per_pool_matches_brute_force_on_random_vectors():
    rng = np.random.default_rng(3)
    brand_vectors = rng.normal(size=(4, EMBEDDING_DIM)).astype(np.float32) + 2.0  # a shared offset
    creator_vectors = rng.normal(size=(25, EMBEDDING_DIM)).astype(np.float32) + 2.0
    brand_ids = [f"BR{i}" for i in range(4)]
    creator_ids = [f"INF{i:02d}" for i in range(25)]
    vetted = creator_ids[::2]
    out = rank_brand_candidates(
        table("brand_id", brand_ids, list(brand_vectors)),
        None,
        table("influencer_id", creator_ids, list(creator_vectors)),
        {"all": (None, 5), "vetted": (vetted, 5)},
    ).to_pylist()

    def unit(m):
        m = m.astype(np.float64)
        return m / np.linalg.norm(m, axis=1, keepdims=True)

    x, b = unit(creator_vectors), unit(brand_vectors)
    x, b = unit(x - x.mean(axis=0)), unit(b - b.mean(axis=0))
    scores = x @ b.T
    z = (scores - scores.mean(axis=0)) / scores.std(axis=0)
    for pool, allowed in [("all", creator_ids), ("vetted", vetted)]:
        for j, brand in enumerate(brand_ids):
            expected = sorted(allowed, key=lambda i: (-round(scores[creator_ids.index(i), j], 4), i))[:5]
            got = sorted(
                (r for r in out if r["candidate_pool"] == pool and r["brand_id"] == brand),
                key=lambda r: r["match_rank"],
            )
            assert [r["influencer_id"] for r in got] == expected, (pool, brand)
            for r in got:
                np.testing.assert_allclose(r["match_z"], z[creator_ids.index(r["influencer_id"]), j], atol=2e-3)
