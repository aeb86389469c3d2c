"""Niche labels and brand matches on the bundled demo (issue 13's demo targets).

The expectations come from reading the bundled seed bios, not from the pipeline's output: the
three creators who review gadgets and desk setups are tech creators, and the eight seed niches
each have creators who are clearly about them.
"""

from __future__ import annotations

import pytest

from pytests.support.warehouse import query

SEED_NICHES = {"fashion", "tech", "fitness", "beauty", "food", "travel", "parenting", "wellness"}
TECH_CREATORS = {"INF002", "INF019", "INF027"}  # gadget reviewer, unboxings, desk setups
NO_TEXT_CREATOR = "INF017"  # only emoji, links and @mentions


@pytest.mark.dbt
def test_every_seed_niche_is_a_label_and_tech_creators_are_tech(bundled_build):
    labels = dict(query(bundled_build, "select influencer_id, niche_label from main.niche_classification"))
    assert set(labels.values()) >= SEED_NICHES
    assert {i: labels[i] for i in TECH_CREATORS} == {i: "tech" for i in TECH_CREATORS}
    assert labels[NO_TEXT_CREATOR] == "uncertain"


@pytest.mark.dbt
def test_niche_summary_shows_the_label_mix_of_each_discovered_niche(bundled_build):
    rows = query(bundled_build, "select cluster_id, influencer_count, label_mix from main.niche_summary")
    members = query(
        bundled_build, "select cluster_id, niche_label, count(*) from main.niche_classification group by all"
    )
    for cluster_id, count, mix in rows:
        parts = dict(item.rsplit(" ", 1) for item in mix.split(", "))
        expected = {label: n for c, label, n in members if c == cluster_id}
        assert {label: int(n) for label, n in parts.items()} == expected
        assert sum(expected.values()) == count


@pytest.mark.dbt
def test_matches_keep_the_raw_score_and_carry_evidence(bundled_build):
    rows = query(
        bundled_build,
        """
        select m.brand_id, m.influencer_id, m.similarity_score, m.match_quality, m.match_evidence,
               round(100 * greatest(array_cosine_similarity(b.embedding, i.embedding), 0), 2) as raw_score
        from main.brand_influencer_matches as m
        inner join intermediate.int_brands_embedded as b using (brand_id)
        inner join intermediate.int_influencers_embedded as i using (influencer_id)
        """,
    )
    assert rows
    for _, influencer_id, score, quality, evidence, raw_score in rows:
        assert abs(score - raw_score) <= 0.011  # the contract: 100 x raw cosine (float32 vs float64)
        assert quality in {"Excellent", "Good", "Moderate", "Weak"}
        assert evidence or influencer_id == NO_TEXT_CREATOR
    # The best match of every brand is a clear one on the calibrated scale, not "Weak".
    firsts = query(bundled_build, "select match_quality from main.brand_influencer_matches where match_rank = 1")
    assert all(q in {"Excellent", "Good"} for (q,) in firsts)
