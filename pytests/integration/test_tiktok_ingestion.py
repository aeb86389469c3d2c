"""A TikTok export with every vendor quirk is ingested as documented (pytests/fixtures/tiktok_quirks.csv):
'null' -> NULL, booleans parsed, 19-digit ids exact, multi-line bios intact, the older duplicate of an
account removed, bad records rejected with a reason, and accounts in = kept + duplicates + rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytests.support.dbt_runs import run_dbt, vars_arg
from pytests.support.warehouse import query

pytestmark = pytest.mark.dbt

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "tiktok_quirks.csv"
STAGING = ["stg_tiktok__profiles", "stg_tiktok__profiles_duplicates", "stg_tiktok__profiles_rejected"]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    database = tmp_path_factory.mktemp("tiktok") / "tiktok.duckdb"
    run_dbt(
        [
            "build",
            "--select",
            *[f"+{m}" for m in STAGING],
            "+tiktok_segments",
            "+tiktok_segment_profiles",
            "+tiktok_elbow",
            # Tests of other models that also read follower_tiers (the rate card, the engagement
            # benchmarks) would run against tables this selection does not build.
            "--indirect-selection",
            "cautious",
        ]
        + vars_arg({"tiktok_profiles_path": str(FIXTURE)}),
        database,
    )
    return database


def test_kept_accounts(ingested):
    kept = {a for (a,) in query(ingested, "select account_id from staging.stg_tiktok__profiles")}
    assert kept == {
        "jess.cooks",
        "carlos_baila7",
        "the.real.minji",
        "ana.kitchen",
        "noor_daily",
        "katya.fit",
        "rahul_comedy42",
        "bia.receitas",
        "sakura.tokyo",
    }


def test_rows_add_up(ingested):
    ((kept,),) = query(ingested, "select count(*) from staging.stg_tiktok__profiles")
    ((duplicates,),) = query(ingested, "select count(*) from staging.stg_tiktok__profiles_duplicates")
    ((rejected,),) = query(ingested, "select count(*) from staging.stg_tiktok__profiles_rejected")
    ((segmented,),) = query(ingested, "select count(*) from main.tiktok_segments")
    assert (kept, duplicates, rejected) == (9, 1, 4)
    assert segmented == kept
    assert kept + duplicates + rejected == 14


def test_newest_scrape_wins(ingested):
    row = query(
        ingested,
        "select scraped_at::varchar, followers from staging.stg_tiktok__profiles where account_id = 'ana.kitchen'",
    )
    assert row == [("2024-03-15 19:02:44.901", 20417)]
    dropped = query(ingested, "select account_id, scraped_at::varchar from staging.stg_tiktok__profiles_duplicates")
    assert dropped == [("ana.kitchen", "2024-03-11 07:45:10.003")]


def test_rejected_records_name_the_problem(ingested):
    reasons = dict(query(ingested, "select source_line, reject_reason from staging.stg_tiktok__profiles_rejected"))
    assert sorted(reasons.values()) == sorted(
        [
            "followers must be a non-negative integer, got nothing",
            "likes must be a non-negative integer, got '-1520'",
            "account_id is missing",
            "account_id is missing",
        ]
    )


def test_quirky_values_survive(ingested):
    def one(sql):
        return query(ingested, sql)[0]

    assert one("select tiktok_id from staging.stg_tiktok__profiles where account_id = 'the.real.minji'") == (
        "7234567890123456789",
    )
    assert one(
        "select awg_engagement_rate, is_verified from staging.stg_tiktok__profiles where account_id = 'carlos_baila7'"
    ) == (2.314, False)
    assert one(
        "select following, comment_engagement_rate from staging.stg_tiktok__profiles where account_id = 'noor_daily'"
    ) == (None, None)
    (bio,) = one("select biography from staging.stg_tiktok__profiles where account_id = 'bia.receitas'")
    assert '"Comida boa, sem frescura"' in bio and bio.count("\n") == 2
    assert one("select count(*) from staging.stg_tiktok__profiles where create_time is not null") == (0,)
    assert one("select is_verified, followers from staging.stg_tiktok__profiles where account_id = 'sakura.tokyo'") == (
        True,
        1_000_000,
    )
    assert one("select follower_tier from main.tiktok_segments where account_id = 'sakura.tokyo'") == ("macro",)
    assert one("select len(top_videos) from staging.stg_tiktok__profiles where account_id = 'rahul_comedy42'") == (5,)
