"""Every ad-hoc query in analyses/ compiles and runs against a database built from the bundled seeds.

dbt compiles analyses but never runs them, so a renamed column in a mart would silently break them.
Here ``dbt compile --select resource_type:analysis`` compiles them all (against a copy of the built
database, so the shared fixture is never opened for writing) and each compiled query is executed
read-only: it must run and return exactly the columns listed below.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pytests.support.dbt_runs import DBT_CATALOG, run_dbt
from pytests.support.paths import PROJECT_DIR

pytestmark = pytest.mark.dbt

ANALYSES_DIR = PROJECT_DIR / "analyses"

# analysis -> (columns in order, check on the row count with the bundled seeds)
ANALYSES: dict[str, tuple[list[str], str]] = {
    "fitness_micro_influencers_low_risk": (
        [
            "influencer_id",
            "name",
            "niche_label",
            "niche_keywords",
            "followers",
            "engagement_rate",
            "fake_score",
            "risk_level",
            "reasons",
        ],
        "any",
    ),
    "brands_competing_for_influencers": (
        [
            "brand_id_a",
            "brand_name_a",
            "brand_id_b",
            "brand_name_b",
            "shared_influencers",
            "shared_in_both_top_3",
            "shared_influencer_names",
        ],
        "some",
    ),
    "lookalikes_of_influencer": (
        [
            "lookalike_of",
            "similarity_rank",
            "influencer_id",
            "name",
            "niche_label",
            "same_niche",
            "similarity_score",
            "followers",
            "fake_score",
            "risk_level",
        ],
        "5",
    ),
    "spike_rule_disagreements": (
        [
            "influencer_id",
            "name",
            "spike_count",
            "robust_spike_count",
            "documented_only_days",
            "robust_only_days",
            "fake_score",
            "risk_level",
            "fake_score_if_robust",
            "risk_level_if_robust",
            "reasons",
        ],
        "some",
    ),
    "tiktok_segment_sizes_by_tier": (
        [
            "segment_id",
            "segment_name",
            "accounts",
            "pct_of_all_accounts",
            "nano_accounts",
            "micro_accounts",
            "mid_accounts",
            "macro_accounts",
            "mega_accounts",
        ],
        "some",
    ),
    "trend_class_vs_fake_risk": (
        [
            "trend_class",
            "influencers",
            "low_risk",
            "medium_risk",
            "high_risk",
            "with_spike_flag",
            "with_engagement_flag",
            "with_growth_flag",
            "step_like_not_high_risk_ids",
        ],
        "some",
    ),
    "matches_dropped_by_vetting": (
        [
            "brand_id",
            "brand_name",
            "match_rank",
            "influencer_id",
            "name",
            "similarity_score",
            "match_quality",
            "fake_score",
            "risk_level",
            "reasons",
            "replaced_by",
        ],
        "some",
    ),
}


@pytest.fixture(scope="module")
def analysis_db(bundled_build, tmp_path_factory) -> Path:
    """A copy of the bundled build (dbt compile opens it for writing)."""
    copy = tmp_path_factory.mktemp("analyses") / bundled_build.name
    shutil.copy(bundled_build, copy)
    return copy


@pytest.fixture(scope="module")
def compiled(analysis_db) -> dict[str, str]:
    result = run_dbt(["compile", "--select", "resource_type:analysis"], analysis_db)
    return {r.node.name: r.node.compiled_code for r in result.result.results}


def test_every_analysis_is_listed_here():
    on_disk = sorted(p.stem for p in ANALYSES_DIR.glob("*.sql"))
    assert on_disk == sorted(ANALYSES), "add new analyses (with their columns) to ANALYSES"


def test_every_analysis_has_a_comment_and_uses_ref():
    for path in ANALYSES_DIR.glob("*.sql"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("-- "), f"{path.name} should start with a comment saying what it answers"
        assert "{{ ref(" in text, f"{path.name} should read the marts through ref()"


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_analysis_runs_and_returns_its_columns(name, compiled, analysis_db):
    assert name in compiled, f"dbt did not compile {name}"
    columns, expected_rows = ANALYSES[name]
    with duckdb.connect() as con:
        # Under the catalog name the compiled SQL uses (pytests.support.dbt_runs.DBT_CATALOG).
        con.execute(f"attach '{analysis_db}' as {DBT_CATALOG} (read_only)")
        con.execute(f"use {DBT_CATALOG}")
        relation = con.sql(compiled[name])
        assert relation.columns == columns
        rows = relation.fetchall()
        if expected_rows == "some":
            assert rows, f"{name} returned no rows on the bundled seeds"
        elif expected_rows != "any":
            assert len(rows) == int(expected_rows)
        if name == "tiktok_segment_sizes_by_tier":
            ((segments, accounts),) = con.sql(
                "select count(distinct segment_id), count(*) from main.tiktok_segments"
            ).fetchall()
            assert len(rows) == segments
            assert sum(row[2] for row in rows) == accounts
            assert all(row[2] == sum(row[4:]) for row in rows)  # the tiers add up to the segment
