"""Brand matching as Arrow-in / Arrow-out functions for the dbt Python models.

* :func:`rank_brand_candidates`: each brand's best creators on CENTRED embeddings, with the raw
  cosine kept (``similarity_score`` = raw cosine x 100 is the published contract), the centred
  cosine the ranking uses (``match_score`` = 100 x it in the marts) and that score standardised
  per brand against the whole pool (``match_z``), which the quality bands read.
* :func:`match_evidence`: the caption most similar to the brief and the brief keywords a matched
  creator uses.
* :func:`rank_campaign_fit`: each brand's shortlist re-ranked by relevance, authenticity and
  engagement (:mod:`python_udfs.brand_matching.campaign`).

A brand's vector is the normalised mean of the embedding of its whole text (description + target
keywords) and of each target keyword on its own: on the dev split (8 generic briefs x 312
creators) that raised precision@10 from 0.79 to 0.85 on centred vectors (0.70 -> 0.79 raw).
Measurements of centring and z: :mod:`python_udfs.core.calibration`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from python_udfs.brand_matching.campaign import FitWeights, campaign_fit, percent_rank
from python_udfs.brand_matching.evidence import evidence_sentence, keywords_used, most_similar_caption
from python_udfs.core.arrow_tables import embedding_matrix, sorted_by
from python_udfs.core.calibration import centre, mean_direction, standardise_columns, unit_rows
from python_udfs.core.matching import top_k_cosine

# 4 decimals, not 6: the embeddings' last float32 bit can differ between processes (seen: a
# brand's match_z differed in its 6th decimal between two builds); a coarser rounding keeps the
# published values byte-identical.
SCORE_DECIMALS = 4

RANKED_CANDIDATES_SCHEMA = pa.schema(
    [
        pa.field("brand_id", pa.string()),
        pa.field("candidate_pool", pa.string()),
        pa.field("match_rank", pa.int32()),
        pa.field("influencer_id", pa.string()),
        pa.field("cosine_similarity", pa.float64()),
        pa.field("centred_cosine", pa.float64()),
        pa.field("match_z", pa.float64()),
    ]
)
MATCH_EVIDENCE_SCHEMA = pa.schema(
    [
        pa.field("brand_id", pa.string()),
        pa.field("influencer_id", pa.string()),
        pa.field("evidence_caption", pa.string()),
        pa.field("evidence_caption_similarity", pa.float64()),
        pa.field("evidence_keywords", pa.list_(pa.string())),
        pa.field("match_evidence", pa.string()),
    ]
)
CAMPAIGN_FIT_SCHEMA = pa.schema(
    [
        pa.field("brand_id", pa.string()),
        pa.field("campaign_fit_rank", pa.int32()),
        pa.field("influencer_id", pa.string()),
        pa.field("relevance_z", pa.float64()),
        pa.field("authenticity", pa.float64()),
        pa.field("engagement_percentile", pa.float64()),
        pa.field("value_score", pa.float64()),
        pa.field("campaign_fit", pa.float64()),
    ]
)


def brand_vectors(brands: pa.Table, keywords: pa.Table | None) -> tuple[list[str], np.ndarray]:
    """Brand ids (ascending) and each brand's matching vector (text + keyword phrases, mean).

    ``brands``: brand_id, embedding (the whole text). ``keywords``: brand_id, keyword_position,
    embedding, one row per target keyword (None or no rows for a brand = the text vector alone).
    """
    brands = sorted_by(brands, "brand_id")
    ids = brands.column("brand_id").to_pylist()
    text_vectors = unit_rows(embedding_matrix(brands))
    by_brand: dict[str, list[np.ndarray]] = {}
    if keywords is not None and keywords.num_rows:
        keywords = keywords.sort_by([("brand_id", "ascending"), ("keyword_position", "ascending")])
        for brand_id, vector in zip(keywords.column("brand_id").to_pylist(), unit_rows(embedding_matrix(keywords))):
            if np.any(vector):
                by_brand.setdefault(brand_id, []).append(vector)
    rows = [mean_direction(np.vstack([text_vectors[i], *by_brand.get(b, [])])) for i, b in enumerate(ids)]
    return ids, np.vstack(rows) if rows else text_vectors


def rank_brand_candidates(
    brands: pa.Table,
    keywords: pa.Table | None,
    influencers: pa.Table,
    pools: dict[str, tuple[Iterable[str] | None, int]],
) -> pa.Table:
    """Each brand's top influencers on centred vectors, once per candidate pool.

    ``pools`` maps a pool name to (allowed influencer ids or None for all, how many to keep).
    Creators are centred on the mean creator vector, brands on the mean brand vector (with one
    brand there is nothing to centre it on: its vector is used as is). Rank order: centred cosine
    (4 decimals) descending, then influencer_id. ``match_z`` standardises the centred cosine
    against that brand's scores over ALL influencers, whatever the pool. Returns brand_id,
    candidate_pool, match_rank, influencer_id, cosine_similarity (raw cosine of the stored
    embeddings, 4 decimals), centred_cosine (the ranking score; the marts show it as the 0-100
    match_score), match_z.
    """
    brand_ids, brand_matrix = brand_vectors(brands, keywords)
    brands = sorted_by(brands, "brand_id")
    raw_brands = unit_rows(embedding_matrix(brands))
    influencers = sorted_by(influencers, "influencer_id")
    all_ids = influencers.column("influencer_id").to_pylist()
    raw_creators = unit_rows(embedding_matrix(influencers))
    creators = centre(raw_creators)
    brand_centred = centre(brand_matrix)

    scores = np.round(creators @ brand_centred.T, SCORE_DECIMALS) if all_ids else np.zeros((0, len(brand_ids)))
    z = standardise_columns(scores)

    parts = []
    for pool_name, (allowed, keep) in pools.items():
        mask = np.ones(len(all_ids), dtype=bool) if allowed is None else np.isin(all_ids, list(allowed))
        positions = np.flatnonzero(mask)
        pool_ids = [all_ids[p] for p in positions]
        matches = top_k_cosine(brand_centred, creators[positions], pool_ids, keep, decimals=SCORE_DECIMALS)
        chosen = positions[matches.candidate_index]
        raw = np.round((raw_creators[chosen] * raw_brands[matches.query_index]).sum(axis=1), SCORE_DECIMALS) + 0.0
        parts.append(
            pa.table(
                {
                    "brand_id": pa.array([brand_ids[q] for q in matches.query_index], pa.string()),
                    "candidate_pool": pa.array([pool_name] * len(matches), pa.string()),
                    "match_rank": pa.array(matches.rank, pa.int32()),
                    "influencer_id": pa.array([all_ids[c] for c in chosen], pa.string()),
                    "cosine_similarity": pa.array(raw, pa.float64()),
                    # + 0.0: a score rounded to -0.0 is stored as 0.0 (clients print -0.0 differently).
                    "centred_cosine": pa.array(np.asarray(matches.cosine, dtype=np.float64) + 0.0, pa.float64()),
                    "match_z": pa.array(z[chosen, matches.query_index], pa.float64()),
                },
                schema=RANKED_CANDIDATES_SCHEMA,
            )
        )
    return pa.concat_tables(parts) if parts else RANKED_CANDIDATES_SCHEMA.empty_table()


def match_evidence(
    matches: pa.Table,
    brands: pa.Table,
    keywords: pa.Table | None,
    captions: pa.Table,
    texts: pa.Table,
) -> pa.Table:
    """Why each (brand, influencer) pair of ``matches`` matches: one row per distinct pair.

    ``matches``: brand_id, influencer_id. ``brands``/``keywords``: as for
    :func:`rank_brand_candidates`, plus ``keyword`` (the keyword as written) on ``keywords``.
    ``captions``: influencer_id, caption_position, caption (as written), embedding. ``texts``:
    influencer_id, cleaned_text, has_usable_text. Returns brand_id, influencer_id, evidence_caption
    (NULL when the creator has no caption with text), evidence_caption_similarity (raw cosine with
    the brand's matching vector), evidence_keywords (list, in the brief's order) and match_evidence
    (one sentence, '' only when the creator has no usable text at all).
    """
    brand_ids, brand_matrix = brand_vectors(brands, keywords)
    brand_row = {b: i for i, b in enumerate(brand_ids)}
    brand_keywords: dict[str, list[str]] = {}
    if keywords is not None and keywords.num_rows:
        ordered = keywords.sort_by([("brand_id", "ascending"), ("keyword_position", "ascending")])
        for brand_id, keyword in zip(ordered.column("brand_id").to_pylist(), ordered.column("keyword").to_pylist()):
            brand_keywords.setdefault(brand_id, []).append(keyword)

    captions = captions.sort_by([("influencer_id", "ascending"), ("caption_position", "ascending")])
    caption_vectors = unit_rows(embedding_matrix(captions))
    by_creator: dict[str, list[int]] = {}
    for row, influencer_id in enumerate(captions.column("influencer_id").to_pylist()):
        by_creator.setdefault(influencer_id, []).append(row)
    caption_text = captions.column("caption").to_pylist()
    cleaned = dict(zip(texts.column("influencer_id").to_pylist(), texts.column("cleaned_text").to_pylist()))
    usable = dict(zip(texts.column("influencer_id").to_pylist(), texts.column("has_usable_text").to_pylist()))

    pairs = sorted(set(zip(matches.column("brand_id").to_pylist(), matches.column("influencer_id").to_pylist())))
    out: dict[str, list] = {
        name: [] for name in ("brand_id", "influencer_id", "caption", "similarity", "keywords", "sentence")
    }
    for brand_id, influencer_id in pairs:
        rows = [r for r in by_creator.get(influencer_id, []) if np.any(caption_vectors[r])]
        best = most_similar_caption(brand_matrix[brand_row[brand_id]], caption_vectors[rows]) if rows else None
        caption = caption_text[rows[best[0]]] if best else None
        used = keywords_used(brand_keywords.get(brand_id, []), cleaned.get(influencer_id))
        out["brand_id"].append(brand_id)
        out["influencer_id"].append(influencer_id)
        out["caption"].append(caption)
        out["similarity"].append(best[1] if best else None)
        out["keywords"].append(used)
        out["sentence"].append(evidence_sentence(caption, used, has_text=bool(usable.get(influencer_id))))
    return pa.table(
        {
            "brand_id": pa.array(out["brand_id"], pa.string()),
            "influencer_id": pa.array(out["influencer_id"], pa.string()),
            "evidence_caption": pa.array(out["caption"], pa.string()),
            "evidence_caption_similarity": pa.array(out["similarity"], pa.float64()),
            "evidence_keywords": pa.array(out["keywords"], pa.list_(pa.string())),
            "match_evidence": pa.array(out["sentence"], pa.string()),
        },
        schema=MATCH_EVIDENCE_SCHEMA,
    )


def rank_campaign_fit(
    shortlist: pa.Table,
    scores: pa.Table,
    weights: FitWeights,
    match_excellent_z_above: float,
    match_moderate_z_from: float,
    fake_score_cap: float,
    top_k: int,
    values: pa.Table | None = None,
) -> pa.Table:
    """Each brand's shortlist ranked by campaign fit; the best ``top_k`` per brand are kept.

    ``shortlist``: brand_id, influencer_id, match_z (the brand's best creators by relevance).
    Only matches of at least Moderate quality (``match_z >= match_moderate_z_from``) are ranked:
    authenticity and engagement must not lift an irrelevant creator into a campaign (so a brand
    can get fewer than ``top_k``).
    ``scores``: influencer_id, fake_score, engagement_rate for every creator with growth data; the
    engagement percent rank is taken over all of them. Order: campaign_fit descending, then
    match_z descending, then influencer_id. Returns brand_id, campaign_fit_rank, influencer_id,
    relevance_z (= match_z), authenticity, engagement_percentile and campaign_fit.
    """
    score_ids = scores.column("influencer_id").to_pylist()
    fake_of = dict(zip(score_ids, scores.column("fake_score").to_pylist()))
    rates = np.array([np.nan if v is None else float(v) for v in scores.column("engagement_rate").to_pylist()])
    rank_of = dict(zip(score_ids, percent_rank(rates).tolist()))

    relevant = pc.greater_equal(shortlist.column("match_z"), pa.scalar(float(match_moderate_z_from)))
    shortlist = shortlist.filter(relevant)
    brand_ids = shortlist.column("brand_id").to_pylist()
    ids = shortlist.column("influencer_id").to_pylist()
    z = np.array(shortlist.column("match_z").to_pylist(), dtype=np.float64)
    fake = np.array([np.nan if fake_of.get(i) is None else float(fake_of[i]) for i in ids])
    engagement = np.array([rank_of.get(i, np.nan) for i in ids], dtype=np.float64)
    value_of = (
        {}
        if values is None
        else dict(zip(values.column("influencer_id").to_pylist(), values.column("value_score").to_pylist()))
    )
    value = np.array([np.nan if value_of.get(i) is None else float(value_of[i]) for i in ids], dtype=np.float64)
    fit = campaign_fit(z, fake, engagement, weights, match_excellent_z_above, fake_score_cap, value)

    order = sorted(range(len(ids)), key=lambda i: (brand_ids[i], -fit[i], -z[i], ids[i]))
    rows, previous, rank = [], None, 0
    for i in order:
        rank = rank + 1 if brand_ids[i] == previous else 1
        previous = brand_ids[i]
        if rank <= top_k:
            rows.append((i, rank))
    pick = [i for i, _ in rows]
    authenticity = np.where(np.isnan(fake), np.nan, np.clip(1.0 - fake / fake_score_cap, 0.0, 1.0))
    return pa.table(
        {
            "brand_id": pa.array([brand_ids[i] for i in pick], pa.string()),
            "campaign_fit_rank": pa.array([r for _, r in rows], pa.int32()),
            "influencer_id": pa.array([ids[i] for i in pick], pa.string()),
            "relevance_z": pa.array(z[pick] if pick else [], pa.float64()),
            "authenticity": pa.array(
                [None if np.isnan(authenticity[i]) else round(float(authenticity[i]), 6) for i in pick], pa.float64()
            ),
            "engagement_percentile": pa.array(
                [None if np.isnan(engagement[i]) else round(float(engagement[i]), 6) for i in pick], pa.float64()
            ),
            "value_score": pa.array([None if np.isnan(value[i]) else float(value[i]) for i in pick], pa.float64()),
            "campaign_fit": pa.array(fit[pick] if pick else [], pa.float64()),
        },
        schema=CAMPAIGN_FIT_SCHEMA,
    )
