"""A small DuckDB file with the marts' names and columns that the report reads (no dbt build), for
the report's unit tests (pytests/unit/test_report_charts.py)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import yaml

from python_udfs.niches.niche_map import niche_map_points

PROJECT_DIR = Path(__file__).resolve().parents[2]
N_INFLUENCERS = 12
N_SCORED = 10  # the last two influencers have no growth data, hence no fake score
NICHES = ["fitness", "food", "tech"]
BRANDS = [("BR001", "Pulsewear"), ("BR002", "Dewbloom"), ("BR003", "Voltbook")]
TOP_K = 5
N_ACCOUNTS = 40
TIERS = [("nano", 0, 10_000), ("micro", 10_000, 100_000), ("mid", 100_000, 500_000), ("macro", 500_000, 1_000_001)]
TIERS += [("mega", 1_000_001, None)]
TIER_ORDER = [tier for tier, _, _ in TIERS]


def influencer_ids() -> list[str]:
    return [f"INF{i:03d}" for i in range(1, N_INFLUENCERS + 1)]


def embeddings(seed: int = 7) -> np.ndarray:
    """Unit vectors in three loose clusters (one per niche)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(NICHES), 384))
    vectors = np.vstack([centres[i % len(NICHES)] + 0.6 * rng.normal(size=384) for i in range(N_INFLUENCERS)])
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def embedding_table(ids: list[str], vectors: np.ndarray) -> pa.Table:
    flat = pa.array(vectors.reshape(-1).astype(np.float32))
    return pa.table({"influencer_id": ids, "embedding": pa.FixedSizeListArray.from_arrays(flat, 384)})


def risk_level_of(score: int) -> str:
    return "high" if score >= 70 else "medium" if score >= 40 else "low"


def write_mart_db(path: Path) -> None:
    """Write the marts the report reads into a new DuckDB file at ``path``."""
    ids = influencer_ids()
    rng = np.random.default_rng(3)
    with duckdb.connect(str(path)) as con:
        settings = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]
        con.execute("create table main.project_settings (setting_name varchar, setting_value varchar)")
        for name, value in settings.items():
            con.execute("insert into main.project_settings values (?, ?)", [name, json.dumps(value)])
        con.execute(
            "create table main.follower_tier_ranges (tier varchar, tier_rank bigint, min_followers bigint, max_followers bigint)"
        )
        for rank, (tier, low, high) in enumerate(TIERS, start=1):
            con.execute("insert into main.follower_tier_ranges values (?, ?, ?, ?)", [tier, rank, low, high])

        con.execute("""
            create table main.niche_classification (influencer_id varchar, name varchar, cluster_id integer,
                niche_keywords varchar, niche_label varchar, distance_to_centroid double, has_usable_text boolean)
        """)
        for i, key in enumerate(ids):
            label = NICHES[i % len(NICHES)]
            con.execute(
                "insert into main.niche_classification values (?, ?, ?, ?, ?, ?, true)",
                [key, f"Creator {i + 1}", i % len(NICHES), f"{label}, a, b", label, 0.5],
            )

        scores = [0, 10, 15, 30, 40, 45, 60, 75, 90, 100][:N_SCORED]
        con.execute("""
            create table main.fake_follower_scores (influencer_id varchar, followers bigint, engagement_rate double,
                spike_count bigint, spike_days bigint[], fake_score bigint, risk_level varchar, reasons varchar,
                robust_spike_count bigint, robust_spike_days bigint[])
        """)
        con.execute(
            "create table main.follower_history_daily (influencer_id varchar, day_index bigint, followers_on_day bigint, daily_growth bigint)"
        )
        for key, score in zip(ids, scores):
            documented = [5, 12] if score >= 60 else []
            robust = [5, 12, 20] if score >= 60 else ([9] if score == 45 else [])
            history = (10_000 + np.cumsum(rng.integers(10, 50, size=30))).tolist()
            con.execute(
                "insert into main.fake_follower_scores values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    key,
                    history[-1],
                    4.0,
                    len(documented),
                    documented,
                    score,
                    risk_level_of(score),
                    f"reason for {key}",
                    len(robust),
                    robust,
                ],
            )
            for day, followers in enumerate(history, start=1):
                gain = None if day == 1 else followers - history[day - 2]
                con.execute("insert into main.follower_history_daily values (?, ?, ?, ?)", [key, day, followers, gain])

        points = niche_map_points(
            embedding_table(ids, embeddings()),
            con.sql(
                "select influencer_id, name, niche_label, niche_keywords from main.niche_classification"
            ).to_arrow_table(),
            con.sql("select influencer_id, fake_score, risk_level from main.fake_follower_scores").to_arrow_table(),
        )
        con.register("points_arrow", points)
        con.execute("create table main.influencer_niche_map as select * from points_arrow")
        con.execute("""
            create table main.niche_summary as
            select cluster_id, niche_label, any_value(niche_keywords) as niche_keywords, count(*) as influencer_count,
                   avg(scores.fake_score) as mean_fake_score,
                   count(*) filter (where scores.risk_level = 'high') as high_risk_count
            from main.niche_classification left join main.fake_follower_scores as scores using (influencer_id)
            group by all
        """)

        # Brand matches: match and similarity scores fall with rank; vetted = same ranking without high / unscored.
        con.execute("""
            create table main.brand_influencer_matches (brand_id varchar, brand_name varchar, match_rank integer,
                influencer_id varchar, name varchar, niche_label varchar, match_score double, similarity_score double,
                match_quality varchar,
                bio varchar, fake_score bigint, risk_level varchar)
        """)
        con.execute(
            "create table main.brand_influencer_matches_vetted as select * from main.brand_influencer_matches limit 0"
        )
        for b, (brand_id, brand_name) in enumerate(BRANDS):
            order = ids[::-1][2 * b :] + ids[::-1][: 2 * b]  # some high-risk and unscored near the top
            risk = dict(con.sql("select influencer_id, risk_level from main.fake_follower_scores").fetchall())
            vetted = [key for key in order if risk.get(key) in ("low", "medium")]
            for table, ranked in (("brand_influencer_matches", order), ("brand_influencer_matches_vetted", vetted)):
                for rank, key in enumerate(ranked[:TOP_K], start=1):
                    sim = 75.0 - 6 * rank - b
                    quality = "Excellent" if sim > 70 else "Good" if sim >= 60 else "Moderate" if sim >= 50 else "Weak"
                    con.execute(
                        f"""insert into main.{table}
                            select ?, ?, ?, influencer_id, name, niche_label, ?, ?, ?, 'bio', scores.fake_score, scores.risk_level
                            from main.niche_classification left join main.fake_follower_scores as scores using (influencer_id)
                            where influencer_id = ?""",
                        [brand_id, brand_name, rank, sim + 5, sim, quality, key],
                    )

        con.execute("create table main.tiktok_elbow (k integer, wcss double, is_knee boolean, is_chosen boolean)")
        for k in range(2, 7):
            con.execute("insert into main.tiktok_elbow values (?, ?, ?, ?)", [k, 1000 / k, k == 3, k == 3])
        con.execute("""
            create table main.tiktok_segments (account_id varchar, segment_id integer, segment_name varchar,
                follower_tier varchar, followers bigint, awg_engagement_rate double)
        """)
        for a in range(N_ACCOUNTS):
            segment = a % 3
            followers = int(10 ** (2 + segment * 2 + (a % 5) * 0.3))
            tier = (
                "nano"
                if followers < 10_000
                else "micro"
                if followers < 100_000
                else "mid"
                if followers < 500_000
                else "macro"
                if followers <= 1_000_000
                else "mega"
            )
            rate = None if a == 0 else 0.3 / (segment + 1)
            con.execute(
                "insert into main.tiktok_segments values (?, ?, ?, ?, ?, ?)",
                [f"acct{a:02d}", segment, ["Small", "Middle", "Big"][segment], tier, followers, rate],
            )
