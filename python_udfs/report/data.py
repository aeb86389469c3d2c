"""Read what the report shows from the built DuckDB file (opened read-only by the caller).

Every loader takes a DuckDB connection and returns a pandas DataFrame in a fixed row order, so the
pages are identical for the same database. Loaders read the marts (schema ``main``) only; the
settings the marts were built with come from ``main.project_settings``.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from python_udfs.core.settings import Settings
from python_udfs.core.warehouse import built_settings, existing_relations

# Marts shown on the index page with their row counts, in this order.
MARTS = [
    "influencer_niche_map",
    "niche_classification",
    "niche_summary",
    "fake_follower_scores",
    "follower_history_daily",
    "brand_influencer_matches",
    "brand_influencer_matches_vetted",
    "tiktok_elbow",
    "tiktok_segments",
    "tiktok_segment_profiles",
    "follower_trends",
    "caption_sentiment",
    "influencer_sentiment",
    "brand_safety_watchlist",
    "influencer_value",
    "follower_tier_ranges",
    "project_settings",
]

# Relations each page needs; a page whose relations are missing says so instead of drawing.
PAGE_REQUIREMENTS = {
    "niches": ["main.project_settings", "main.influencer_niche_map", "main.niche_summary"],
    "fake_followers": ["main.project_settings", "main.fake_follower_scores", "main.follower_history_daily"],
    "brand_matching": [
        "main.project_settings",
        "main.brand_influencer_matches",
        "main.brand_influencer_matches_vetted",
    ],
    "tiktok": ["main.project_settings", "main.tiktok_elbow", "main.tiktok_segments", "main.follower_tier_ranges"],
}

NOT_SCORED = "not scored"
ALL_MATCHES = "All influencers"
VETTED_MATCHES = "Vetted"


def settings(con: duckdb.DuckDBPyConnection) -> Settings:
    return built_settings(con)


def missing_relations(con: duckdb.DuckDBPyConnection, page: str) -> list[str]:
    available = existing_relations(con)
    return [name for name in PAGE_REQUIREMENTS[page] if name not in available]


def _df(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    return con.sql(sql).df()


# ------------------------------------------------------------------------------------------ index
@dataclass(frozen=True)
class MartCount:
    name: str
    rows: int | None  # None = not built in this database


def mart_counts(con: duckdb.DuckDBPyConnection) -> list[MartCount]:
    available = existing_relations(con)
    counts = []
    for name in MARTS:
        relation = f"main.{name}"
        rows = con.sql(f"select count(*) from {relation}").fetchall()[0][0] if relation in available else None
        counts.append(MartCount(name, rows))
    return counts


# ----------------------------------------------------------------------------------------- niches
def niche_map_points(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The influencer_niche_map mart, with the tooltip's score text."""
    table = con.sql(
        "select influencer_id, name, niche_label, niche_keywords, fake_score, risk_level, x, y "
        "from main.influencer_niche_map order by influencer_id"
    ).to_arrow_table()
    points = table.to_pandas()
    points["fake_score_text"] = [
        NOT_SCORED if pd.isna(score) else f"{int(score)} ({risk})"
        for score, risk in zip(points["fake_score"], points["risk_level"])
    ]
    points["risk_level"] = points["risk_level"].fillna(NOT_SCORED)
    points["name"] = points["name"].fillna(points["influencer_id"])
    return points


def niche_sizes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _df(
        con,
        """
        select cluster_id, niche_label, niche_keywords, influencer_count,
               mean_fake_score, high_risk_count
        from main.niche_summary
        order by influencer_count desc, niche_label
        """,
    )


# ----------------------------------------------------------------------------------- fake scores
def _name_join(con: duckdb.DuckDBPyConnection, alias: str) -> tuple[str, str]:
    """(select expression, join clause) giving each influencer's display name when known."""
    if "main.niche_classification" in existing_relations(con):
        return (
            f"coalesce(names.name, {alias}.influencer_id)",
            f"left join main.niche_classification as names on names.influencer_id = {alias}.influencer_id",
        )
    return f"{alias}.influencer_id", ""


def fake_scores(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    name, join = _name_join(con, "scores")
    return _df(
        con,
        f"""
        select
            scores.influencer_id,
            {name} as name,
            scores.fake_score,
            scores.risk_level,
            scores.reasons,
            least(floor(scores.fake_score / 10) * 10, 90)::integer as bin_start,
            least(floor(scores.fake_score / 10) * 10, 90)::integer + 10 as bin_end,
        from main.fake_follower_scores as scores
        {join}
        order by scores.influencer_id
        """,
    )


def _suspicion_columns(con: duckdb.DuckDBPyConnection, alias: str) -> str:
    """The companion detector's columns of fake_follower_scores, NULL in a database built before them."""
    present = {
        row[0]
        for row in con.sql(
            "select column_name from information_schema.columns "
            "where table_schema = 'main' and table_name = 'fake_follower_scores'"
        ).fetchall()
    }
    columns = {"suspicion_score": "integer", "suspicion_level": "varchar", "suspicion_reasons": "varchar"}
    return ", ".join(
        f"{alias}.{column}" if column in present else f"null::{kind} as {column}" for column, kind in columns.items()
    )


def follower_series(con: duckdb.DuckDBPyConnection, top_n: int = 12) -> pd.DataFrame:
    """One row per day of the follower history of the ``top_n`` riskiest accounts.

    Riskiest = highest fake_score, ties by influencer_id. ``panel`` is the small-multiple title
    (with the companion detector's score and level beside the documented one), ``risk_rank`` its
    order; is_documented_spike / is_robust_spike mark the spike days.
    """
    name, join = _name_join(con, "scores")
    suspicion = _suspicion_columns(con, "scores")
    series = _df(
        con,
        f"""
        with

        riskiest as (

            select
                scores.influencer_id,
                {name} as name,
                scores.fake_score,
                scores.risk_level,
                scores.reasons,
                scores.spike_days,
                scores.robust_spike_days,
                {suspicion},
                row_number() over (order by scores.fake_score desc, scores.influencer_id) as risk_rank,
            from main.fake_follower_scores as scores
            {join}
            qualify risk_rank <= {int(top_n)}

        ),

        days as (

            select * from main.follower_history_daily

        )

        select
            riskiest.risk_rank,
            riskiest.influencer_id,
            riskiest.name,
            riskiest.fake_score,
            riskiest.risk_level,
            riskiest.reasons,
            riskiest.suspicion_score,
            riskiest.suspicion_level,
            riskiest.suspicion_reasons,
            days.day_index,
            days.followers_on_day as followers,
            days.daily_growth as daily_gain,
            list_contains(riskiest.spike_days, days.day_index) as is_documented_spike,
            list_contains(riskiest.robust_spike_days, days.day_index) as is_robust_spike,
        from riskiest
        inner join days using (influencer_id)
        order by riskiest.risk_rank, days.day_index
        """,
    )
    series["panel"] = [
        f"{name} · score {score} ({risk})" + ("" if pd.isna(level) else f" · suspicion {suspicion:.0f} ({level})")
        for name, score, risk, suspicion, level in zip(
            series["name"],
            series["fake_score"],
            series["risk_level"],
            series["suspicion_score"],
            series["suspicion_level"],
        )
    ]
    return series


# -------------------------------------------------------------------------------- brand matching
def brand_matches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Both top-k lists in one long table: ``shortlist`` is ALL_MATCHES or VETTED_MATCHES.

    ``vetting`` says what vetting did to the pair: kept (in both lists), dropped (only in the
    unvetted list) or added (only in the vetted list).
    """
    return _df(
        con,
        f"""
        with

        unvetted as (select * from main.brand_influencer_matches),

        vetted as (select * from main.brand_influencer_matches_vetted),

        both_lists as (

            select '{ALL_MATCHES}' as shortlist, unvetted.*,
                case when vetted.influencer_id is null then 'dropped by vetting' else 'kept' end as vetting,
            from unvetted
            left join vetted using (brand_id, influencer_id)

            union all by name

            select '{VETTED_MATCHES}' as shortlist, vetted.*,
                case when unvetted.influencer_id is null then 'added by vetting' else 'kept' end as vetting,
            from vetted
            left join unvetted using (brand_id, influencer_id)

        )

        select
            shortlist,
            brand_id,
            coalesce(brand_name, brand_id) as brand_name,
            match_rank,
            influencer_id,
            coalesce(name, influencer_id) as name,
            niche_label,
            match_score,
            similarity_score,
            match_quality,
            fake_score,
            coalesce(risk_level, '{NOT_SCORED}') as risk_level,
            vetting,
        from both_lists
        order by shortlist, brand_id, match_rank
        """,
    )


def brand_match_pairs(matches: pd.DataFrame) -> pd.DataFrame:
    """One row per (brand, influencer) matched in either list, with what vetting did to it."""
    pairs = (
        matches.sort_values(["brand_id", "influencer_id", "shortlist"])
        .drop_duplicates(["brand_id", "influencer_id"], keep="first")
        .reset_index(drop=True)
    )
    pairs["vetting_mark"] = pairs["vetting"].map({"dropped by vetting": "✕", "added by vetting": "+"}).fillna("")
    return pairs.sort_values(["brand_id", "influencer_id"]).reset_index(drop=True)


# ----------------------------------------------------------------------------------------- TikTok
def tiktok_elbow(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _df(con, "select k, wcss, is_knee, is_chosen from main.tiktok_elbow order by k")


def tiktok_accounts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Accounts with followers and engagement > 0 (the only ones a log-log plot can place)."""
    return _df(
        con,
        """
        select account_id, segment_id, segment_name, follower_tier, followers, awg_engagement_rate
        from main.tiktok_segments
        where followers > 0 and awg_engagement_rate > 0
        order by account_id
        """,
    )


def tiktok_segment_centres(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per segment: its size (all accounts) and median followers / engagement (> 0 only)."""
    return _df(
        con,
        """
        select
            segment_id,
            any_value(segment_name) as segment_name,
            count(*) as size,
            median(followers) filter (where followers > 0) as median_followers,
            median(awg_engagement_rate) filter (where awg_engagement_rate > 0) as median_engagement_rate,
        from main.tiktok_segments
        group by segment_id
        order by segment_id
        """,
    )


def tiktok_tier_crosstab(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every segment x follower tier with its account count (0 included) and share of the segment."""
    return _df(
        con,
        """
        with

        segments as (
            select segment_id, any_value(segment_name) as segment_name, count(*) as segment_size
            from main.tiktok_segments group by segment_id
        ),

        tiers as (select tier as follower_tier, tier_rank as tier_order from main.follower_tier_ranges),

        counted as (
            select segment_id, follower_tier, count(*) as accounts
            from main.tiktok_segments group by all
        )

        select
            segments.segment_id,
            segments.segment_name,
            tiers.follower_tier,
            tiers.tier_order,
            coalesce(counted.accounts, 0) as accounts,
            coalesce(counted.accounts, 0) / segments.segment_size as share_of_segment,
        from segments
        cross join tiers
        left join counted using (segment_id, follower_tier)
        order by segments.segment_id, tiers.tier_order
        """,
    )


def follower_tiers(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _df(con, "select tier, min_followers, max_followers from main.follower_tier_ranges order by tier_rank")


def tier_legend(tiers: pd.DataFrame) -> str:
    """'nano 0-9,999, micro 10,000-99,999, ..., mega 1,000,001+' followers, from the tier table."""
    parts = []
    for tier, low, high in zip(tiers["tier"], tiers["min_followers"], tiers["max_followers"]):
        upper = "+" if pd.isna(high) else f"-{int(high) - 1:,}"
        parts.append(f"{tier} {int(low):,}{upper}")
    return ", ".join(parts) + " followers"
