"""The campaign planner's Vega-Lite spec: six inputs drawn into the controls box, and every view
filtered by the same expression over one data set (the browser test checks what it shows)."""

from __future__ import annotations

import json

import pandas as pd

from python_udfs.report.planner import CONTROLS_ID, planner_chart, planner_filter
from python_udfs.report.planner_data import planner_records

TIERS = [(1, "nano (0-9,999)"), (2, "micro (10,000-99,999)"), (3, "macro (100,000+)")]


def matches() -> pd.DataFrame:
    rows = []
    for brand in ("B2", "B1"):
        for rank, (influencer, risk, tier) in enumerate(
            [("i1", "low", 1), ("i2", "high", 3), ("i3", "not scored", None)], 1
        ):
            rows.append(
                {
                    "brand_id": brand,
                    "brand_name": f"Brand {brand}",
                    "match_rank": rank,
                    "influencer_id": influencer,
                    "name": influencer.upper(),
                    "niche_label": "food" if rank < 3 else None,
                    "match_score": 60.0 - rank,
                    "similarity_score": 50.0 - rank,
                    "match_quality": "Weak",
                    "fake_score": None if tier is None else 10 * rank,
                    "risk_level": risk,
                    "followers": None if tier is None else 10 ** (tier + 3),
                    "follower_tier": None if tier is None else TIERS[tier - 1][1].split()[0],
                    "tier_rank": tier,
                    "expected_engagements_per_post": None if tier is None else 100.0 * rank,
                    "estimated_cost": None if tier is None else 500.0,
                    "cost_per_engagement": None if tier is None else 5.0 / rank,
                    "value_score": None,
                    "sentiment_label": "positive",
                    "mean_compound": 0.3,
                    "scored_caption_count": 3,
                    "caption_count": 4,
                    "trend_class": "steady",
                    "history": [] if tier is None else [100, 110, 120],
                    "days": [] if tier is None else [1, 2, 3],
                    "first_followers": None if tier is None else 100,
                }
            )
    return pd.DataFrame(rows)


def walk(node, found: list) -> list:
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            walk(value, found)
    elif isinstance(node, list):
        for value in node:
            walk(value, found)
    return found


def test_six_inputs_are_bound_into_the_controls_box_with_the_first_brand_selected():
    spec = planner_chart(matches(), TIERS, top_k=3, currency="EUR").to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert list(params) == ["brand", "risk", "tier_from", "tier_to", "niche", "sentiment"]
    assert all(p["bind"]["element"] == f"#{CONTROLS_ID}" and p["bind"]["input"] == "select" for p in params.values())
    assert params["brand"]["value"] == "B1" and params["brand"]["bind"]["options"] == ["B1", "B2"]
    assert params["brand"]["bind"]["labels"] == ["Brand B1", "Brand B2"]
    assert (params["tier_from"]["value"], params["tier_to"]["value"]) == (1, 3)
    assert params["niche"]["bind"]["options"] == ["all", "food"]


def test_every_view_of_the_matches_is_filtered_by_the_same_expression():
    spec = planner_chart(matches(), TIERS, top_k=3, currency="EUR").to_dict()
    expression = planner_filter(3)
    nodes = walk(spec, [])
    filters = [n["filter"] for n in nodes if "filter" in n and isinstance(n["filter"], str)]
    # list cells (2 alignments), reach vs cost and follower curves filter; the empty message counts it.
    assert filters.count(expression) == 4
    assert sum(expression in n.get("calculate", "") for n in nodes) == 1
    views = " ".join(n["name"] for n in nodes if isinstance(n.get("name"), str) and "mark" in n)
    for name in ("match_list_cells_left", "reach_vs_cost_points", "follower_curves_lines", "match_list_empty"):
        assert name in views
    assert any(n.get("flatten") == ["history", "days"] for n in nodes)


def test_spec_is_the_same_when_built_twice_and_the_records_are_plain_json():
    first = json.dumps(planner_chart(matches(), TIERS, 3, "EUR").to_dict(), sort_keys=True)
    second = json.dumps(planner_chart(matches(), TIERS, 3, "EUR").to_dict(), sort_keys=True)
    assert first == second
    records = planner_records(matches())
    assert records[2]["fake_score"] is None and records[2]["history"] == []
    assert isinstance(records[0]["followers"], int | float)
