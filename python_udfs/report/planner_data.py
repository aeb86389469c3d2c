"""The campaign planner page's data: one query per view over the marts (schema ``main``), read-only.

The page and its charts: :mod:`python_udfs.report.planner`.
"""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from python_udfs.core.warehouse import existing_relations
from python_udfs.report.data import NOT_SCORED

REQUIREMENTS = [
    "main.project_settings",
    "main.brand_influencer_matches",
    "main.influencer_value",
    "main.influencer_sentiment",
    "main.follower_trends",
    "main.follower_history_daily",
    "main.follower_tier_ranges",
    "main.fake_follower_scores",
]


def missing_relations(con: duckdb.DuckDBPyConnection) -> list[str]:
    available = existing_relations(con)
    return [name for name in REQUIREMENTS if name not in available]


def planner_matches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per brand and matched influencer (brand_influencer_matches) with what the filters
    and charts need: value, sentiment, trend, tier rank and the follower history as a list."""
    matches = con.sql(
        f"""
        with

        matches as (select * from main.brand_influencer_matches),

        value as (select * from main.influencer_value),

        sentiment as (select * from main.influencer_sentiment),

        trends as (select * from main.follower_trends),

        tiers as (select * from main.follower_tier_ranges),

        histories as (
            select
                influencer_id,
                list(followers_on_day order by day_index) as history,
                list(day_index order by day_index) as days,
            from main.follower_history_daily
            group by influencer_id
        )

        select
            matches.brand_id,
            coalesce(matches.brand_name, matches.brand_id) as brand_name,
            matches.match_rank,
            matches.influencer_id,
            coalesce(matches.name, matches.influencer_id) as name,
            matches.niche_label,
            matches.match_score,
            matches.similarity_score,
            matches.match_quality,
            matches.fake_score,
            coalesce(matches.risk_level, '{NOT_SCORED}') as risk_level,
            value.followers,
            value.follower_tier,
            tiers.tier_rank,
            value.expected_engagements_per_post,
            matches.estimated_cost,
            matches.cost_per_engagement,
            value.value_score,
            coalesce(sentiment.sentiment_label, 'not scored') as sentiment_label,
            sentiment.mean_compound,
            sentiment.scored_caption_count,
            sentiment.caption_count,
            trends.trend_class,
            histories.history,
            histories.days,
        from matches
        left join value using (influencer_id)
        left join sentiment using (influencer_id)
        left join trends using (influencer_id)
        left join tiers on value.follower_tier = tiers.tier
        left join histories using (influencer_id)
        order by matches.brand_id, matches.match_rank
        """
    ).to_arrow_table()
    frame = matches.drop_columns(["history", "days"]).to_pandas()
    frame["history"] = matches.column("history").to_pylist()
    frame["days"] = matches.column("days").to_pylist()
    frame["first_followers"] = [history[0] if history else None for history in frame["history"]]
    return frame


def planner_records(matches: pd.DataFrame) -> list[dict]:
    """The matches as JSON-ready records (NaN -> null, numpy scalars -> numbers), for Vega-Lite."""
    return json.loads(matches.to_json(orient="records"))


def currency_and_placeholders(con: duckdb.DuckDBPyConnection) -> tuple[str, int, int]:
    """(currency, tiers priced with a placeholder, influencers valued) from influencer_value."""
    currency, placeholders, rows = con.sql(
        """
        select
            coalesce(min(currency), ''),
            count(distinct follower_tier) filter (where is_placeholder_price),
            count(*),
        from main.influencer_value
        """
    ).fetchall()[0]
    return currency, int(placeholders), int(rows)


def trend_risk_crosstab(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every trend class x risk level with its influencer count (0 included)."""
    return con.sql(
        """
        with

        joined as (
            select trends.trend_class, scores.risk_level
            from main.follower_trends as trends
            inner join main.fake_follower_scores as scores using (influencer_id)
        ),

        classes as (select distinct trend_class from joined),

        levels as (select distinct risk_level from joined),

        counted as (select trend_class, risk_level, count(*) as influencers from joined group by all)

        select
            classes.trend_class,
            levels.risk_level,
            coalesce(counted.influencers, 0) as influencers,
        from classes
        cross join levels
        left join counted using (trend_class, risk_level)
        order by classes.trend_class, levels.risk_level
        """
    ).df()


def caption_coverage(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(scored captions, all captions) over every influencer."""
    scored, total = con.sql(
        "select coalesce(sum(scored_caption_count), 0), coalesce(sum(caption_count), 0) from main.influencer_sentiment"
    ).fetchall()[0]
    return int(scored), int(total)


def tier_options(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str]]:
    """(tier_rank, 'micro (10,000-99,999)') for every follower tier, smallest first."""
    rows = con.sql(
        "select tier_rank, tier, min_followers, max_followers from main.follower_tier_ranges order by tier_rank"
    ).fetchall()
    options = []
    for rank, tier, low, high in rows:
        upper = "+" if high is None else f"-{int(high) - 1:,}"
        options.append((int(rank), f"{tier} ({int(low):,}{upper})"))
    return options
