"""Tests for the scale-data generator (python_udfs.generators.influencers).

Determinism (same seed -> same bytes), the seed contracts (headers, ids, 3-5 captions, 30-value
histories with followers = last value), the planted-fake fraction, and that the generated growth
data goes through the project's fake-score chain with planted fakes scoring higher than organic
accounts.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from pytests.support.dbt_runs import dbt_input_dir, run_dbt, vars_arg
from pytests.support.paths import PROJECT_DIR, SEEDS_DIR
from pytests.support.warehouse import query
from python_udfs.generators import growth as growth_gen
from python_udfs.generators import influencers as gen

FILES = ("influencers_data.csv", "growth_data.csv", "brands_data.csv", "ground_truth.csv")


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, strict=True))


def header(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "data"
    gen.generate(out, influencers=2_000, brands=40, seed=7, fake_share=0.05)
    return out


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    gen.generate(a, influencers=500, brands=20, seed=11)
    gen.generate(b, influencers=500, brands=20, seed=11)
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_other_seed_other_data(tmp_path):
    gen.generate(tmp_path / "a", influencers=200, brands=10, seed=1)
    gen.generate(tmp_path / "b", influencers=200, brands=10, seed=2)
    for name in ("influencers_data.csv", "growth_data.csv", "brands_data.csv"):
        assert (tmp_path / "a" / name).read_bytes() != (tmp_path / "b" / name).read_bytes(), name


def test_growth_only_writes_the_same_growth_file_and_nothing_else(tmp_path):
    gen.generate(tmp_path / "full", influencers=300, brands=10, seed=5)
    gen.generate(tmp_path / "growth", influencers=300, brands=10, seed=5, growth_only=True)
    assert sorted(p.name for p in (tmp_path / "growth").iterdir()) == ["growth_data.csv"]
    assert (tmp_path / "growth" / "growth_data.csv").read_bytes() == (
        tmp_path / "full" / "growth_data.csv"
    ).read_bytes()


def test_command_line(tmp_path):
    out = tmp_path / "cli"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "python_udfs.generators.influencers",
            "--influencers",
            "50",
            "--brands",
            "5",
            "--out",
            str(out),
            "--seed",
            "3",
            "--fake-share",
            "0.1",
        ],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    truth = read_rows(out / "ground_truth.csv")
    assert sum(r["is_planted_fake"] == "true" for r in truth) == 5


# --------------------------------------------------------------------------- contracts


@pytest.mark.parametrize("name", ["influencers_data", "growth_data", "brands_data"])
def test_headers_match_the_seed_contracts(generated, name):
    assert header(generated / f"{name}.csv") == header(SEEDS_DIR / f"{name}.csv")


def test_ground_truth_header(generated):
    assert header(generated / "ground_truth.csv") == ["influencer_id", "niche", "is_planted_fake", "pattern"]


def test_ids(generated):
    influencers = read_rows(generated / "influencers_data.csv")
    growth = read_rows(generated / "growth_data.csv")
    brands = read_rows(generated / "brands_data.csv")
    ids = [r["influencer_id"] for r in influencers]
    assert ids[:2] == ["INF000001", "INF000002"] and len(ids) == 2_000 == len(set(ids))
    assert all(re.fullmatch(r"INF\d{6}", i) for i in ids)
    assert [r["influencer_id"] for r in growth] == ids
    assert [r["influencer_id"] for r in read_rows(generated / "ground_truth.csv")] == ids
    assert [r["brand_id"] for r in brands][:2] == ["BR001", "BR002"] and len(brands) == 40
    assert gen.influencer_ids(1_000_000)[-1] == "INF1000000"  # widens, never truncates


def test_growth_histories(generated):
    for row in read_rows(generated / "growth_data.csv"):
        history = json.loads(row["follower_history"])
        assert len(history) == 30 and all(isinstance(v, int) and v >= 0 for v in history)
        assert int(row["followers"]) == history[-1] > 0
        assert float(row["avg_likes"]) >= 0 and float(row["avg_comments"]) >= 0
        assert row["follower_history"].startswith("[") and ", " in row["follower_history"]


def test_captions_and_bios(generated):
    rows = read_rows(generated / "influencers_data.csv")
    counts = Counter(len(r["recent_captions"].split(" | ")) for r in rows)
    assert set(counts) == {3, 4, 5}
    assert all(c.strip() for r in rows for c in r["recent_captions"].split(" | "))
    assert all(r["name"] for r in rows)
    # Varied texts: not one sentence repeated.
    captions = [c for r in rows for c in r["recent_captions"].split(" | ")]
    assert len(set(captions)) / len(captions) > 0.5
    assert len({r["bio"] for r in rows}) > 0.9 * len(rows)
    assert len({(r["bio"], r["recent_captions"]) for r in rows}) == len(rows)


def test_niches_and_patterns(generated):
    truth = read_rows(generated / "ground_truth.csv")
    assert {r["niche"] for r in truth} == set(gen.NICHES)
    assert {r["pattern"] for r in truth} == {"organic", "fast_growing", "shrinking", "fake_burst", "fake_bursts"}
    assert all(r["is_planted_fake"] == ("true" if r["pattern"] in growth_gen.FAKE_PATTERNS else "false") for r in truth)


def test_brands(generated):
    brands = read_rows(generated / "brands_data.csv")
    assert len({b["brand_name"] for b in brands}) == len(brands)
    for b in brands:
        assert b["description"].count(". ") >= 1 and b["description"].endswith(".")
        keywords = [k.strip() for k in b["target_keywords"].split(",")]
        assert 6 <= len(keywords) <= 11 and all(keywords)


def test_heavy_tailed_followers(tmp_path):
    growth = growth_gen.generate_growth(50_000, np.random.default_rng(0))
    followers = growth.followers
    assert followers.max() > 2_000_000  # a few accounts in the millions
    assert 10_000 < np.median(followers) < 100_000
    assert (growth.history >= 0).all() and (growth.history[:, -1] == followers).all()


# --------------------------------------------------------------------------- planted fakes


@pytest.mark.parametrize(("n", "share"), [(2_000, 0.05), (999, 0.1), (100, 0.0)])
def test_planted_fake_fraction(tmp_path, n, share):
    gen.generate(tmp_path, influencers=n, brands=5, seed=3, fake_share=share)
    truth = read_rows(tmp_path / "ground_truth.csv")
    assert sum(r["is_planted_fake"] == "true" for r in truth) == round(n * share)


def test_fakes_have_low_engagement_and_bursts():
    growth = growth_gen.generate_growth(5_000, np.random.default_rng(1), fake_share=0.1)
    fake = np.isin(growth.pattern, growth_gen.FAKE_PATTERNS)
    rate = 100 * (growth.avg_likes + growth.avg_comments) / growth.followers
    largest_jump = (np.diff(growth.history, axis=1) / growth.history[:, :1]).max(axis=1)
    assert rate[fake].max() < 2.0 < np.median(rate[~fake])
    assert np.median(largest_jump[fake]) > 5 * np.median(largest_jump[~fake])


@pytest.mark.dbt
def test_generated_growth_through_the_fake_score_chain(tmp_path):
    data = tmp_path / "inputs"
    gen.generate(data, influencers=600, brands=5, seed=13, fake_share=0.1)
    database = tmp_path / "chain.duckdb"
    run_dbt(
        [
            "build",
            "--select",
            "+fake_follower_scores",
            "stg_creators__follower_histories_rejected",
            "--resource-type",
            "seed",
            "--resource-type",
            "model",
            *vars_arg({"input_dir": dbt_input_dir(data)}),
        ],
        database,
    )
    truth = {r["influencer_id"]: r for r in read_rows(data / "ground_truth.csv")}
    scores = dict(query(database, "select influencer_id, fake_score from fake_follower_scores"))
    assert query(database, "select count(*) from staging.stg_creators__follower_histories_rejected") == [(0,)]
    assert set(scores) == set(truth)  # every generated row is valid input
    fake = [scores[i] for i, r in truth.items() if r["is_planted_fake"] == "true"]
    organic = [scores[i] for i, r in truth.items() if r["pattern"] == "organic"]
    assert len(fake) == 60
    assert sum(fake) / len(fake) > sum(organic) / len(organic) + 20
