"""The companion fake-follower detector through dbt, on generated creators with known purchases.

One ``dbt build`` of the fake-follower chain reads a generated folder (``input_dir``); its output
is checked against python_udfs.fake_followers.suspicion run directly on the CSV files, with the follower tiers
and engagement benchmarks looked up here from the seed files (so the SQL wiring of tiers,
benchmarks, engagement rate and settings is what is tested). Then the vetting var and a level
threshold are overridden to show they reach the rule and the Python model.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
import yaml

from pytests.support.dbt_runs import dbt_input_dir, run_dbt, vars_arg
from pytests.support.paths import PROJECT_DIR, SEEDS_DIR
from pytests.support.warehouse import query_df
from python_udfs.core.settings import Settings
from python_udfs.fake_followers.suspicion import suspicion_table
from python_udfs.generators import purchases

pytestmark = pytest.mark.dbt

CHAIN = ["--select", "+fake_follower_scores", "+int_influencers_vetted", "--indirect-selection", "cautious"]
SUSPICION_COLUMNS = ["suspicion_score", "suspicion_level", "suspicion_reasons"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("suspicion") / "inputs"
    purchases.generate(folder, creators=400, seed=23, brands=5)
    return folder


@pytest.fixture(scope="module")
def built(generated, tmp_path_factory) -> Path:
    database = tmp_path_factory.mktemp("suspicion_db") / "suspicion.duckdb"
    run_dbt(["build", *CHAIN, *vars_arg({"input_dir": dbt_input_dir(generated)})], database)
    return database


def reference(folder: Path, settings: Settings) -> pa.Table:
    """suspicion_table on the raw CSV, tiers and benchmarks looked up from the seed files here."""
    tiers = read_csv(SEEDS_DIR / "follower_tiers.csv")
    bench = {
        r["tier"]: (float(r["typical_low_pct"]), float(r["typical_high_pct"]))
        for r in read_csv(SEEDS_DIR / "engagement_benchmarks.csv")
    }

    def tier_of(followers: int) -> str:
        for t in tiers:
            if followers >= int(t["min_followers"]) and (not t["max_followers"] or followers < int(t["max_followers"])):
                return t["tier"]
        raise AssertionError(followers)

    rows = read_csv(folder / "growth_data.csv")
    followers = [int(r["followers"]) for r in rows]
    ranges = [bench[tier_of(f)] for f in followers]
    return suspicion_table(
        pa.table(
            {
                "influencer_id": [r["influencer_id"] for r in rows],
                "follower_history": pa.array([json.loads(r["follower_history"]) for r in rows], pa.list_(pa.int64())),
                "followers": followers,
                "engagement_rate": [
                    100 * (float(r["avg_likes"]) + float(r["avg_comments"])) / f for r, f in zip(rows, followers)
                ],
                "engagement_typical_low_pct": [lo for lo, _ in ranges],
                "engagement_typical_high_pct": [hi for _, hi in ranges],
            }
        ),
        settings,
    )


def project_settings(**overrides) -> Settings:
    values = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]
    return Settings.from_mapping({**values, **overrides})


def test_dbt_output_matches_the_detector_run_on_the_files(built, generated):
    got = query_df(
        built, "select influencer_id, " + ", ".join(SUSPICION_COLUMNS) + " from main.fake_follower_scores order by 1"
    )
    want = reference(generated, project_settings()).to_pandas()
    assert len(got) == len(want) == 400
    assert got["influencer_id"].tolist() == want["influencer_id"].tolist()
    for column in SUSPICION_COLUMNS:
        assert got[column].tolist() == want[column].tolist(), column
    # The generated data holds purchases the detector finds, and organic creators it leaves alone.
    truth = {r["influencer_id"]: r["is_bought"] == "true" for r in read_csv(generated / "ground_truth.csv")}
    high = got["suspicion_level"] == "high"
    bought = got["influencer_id"].map(truth)
    assert high[bought].mean() > 0.6 and high[~bought].mean() < 0.05


def test_documented_columns_are_the_documented_model(built):
    mart = query_df(
        built,
        "select * exclude (" + ", ".join(SUSPICION_COLUMNS) + ") from main.fake_follower_scores order by influencer_id",
    )
    scored = query_df(built, "select * from intermediate.int_influencers_scored order by influencer_id")
    assert list(mart.columns) == list(scored.columns)
    assert mart.astype(str).equals(scored.astype(str))


def test_vetting_reads_the_chosen_detector(built, generated):
    levels = query_df(
        built, "select risk_level, suspicion_level, vetting_level, is_vetted from intermediate.int_influencers_vetted"
    )
    assert (levels["vetting_level"] == levels["suspicion_level"]).all()  # the default: suspicion
    assert (levels["is_vetted"] == (levels["suspicion_level"] != "high")).all()
    assert (levels["risk_level"] != levels["suspicion_level"]).any()  # the choice matters on this data

    run_dbt(
        [
            "run",
            "--select",
            "int_influencers_vetted",
            *vars_arg({"input_dir": dbt_input_dir(generated), "vetting_detector": "documented"}),
        ],
        built,
    )
    levels = query_df(built, "select risk_level, vetting_level, is_vetted from intermediate.int_influencers_vetted")
    assert (levels["vetting_level"] == levels["risk_level"]).all()
    assert (levels["is_vetted"] == (levels["risk_level"] != "high")).all()


def test_a_level_threshold_reaches_the_python_model(built, generated):
    run_dbt(
        [
            "run",
            "--select",
            # Python models read the settings in force from int_settings_resolved: rebuild it too.
            "int_settings_resolved",
            "int_influencers_suspicion_scored",
            *vars_arg({"input_dir": dbt_input_dir(generated), "suspicion_high_min_score": 90}),
        ],
        built,
    )
    got = query_df(built, "select suspicion_score, suspicion_level from intermediate.int_influencers_suspicion_scored")
    assert ((got["suspicion_level"] == "high") == (got["suspicion_score"] >= 90)).all()
    want = reference(generated, project_settings(suspicion_high_min_score=90)).to_pandas()
    assert np.array_equal(np.sort(got["suspicion_score"].to_numpy()), np.sort(want["suspicion_score"].to_numpy()))
