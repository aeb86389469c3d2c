"""Fewer influencers than the configured k: niches stop with one sentence saying to lower n_niches;
brand matching lists every influencer instead of top_k."""

from __future__ import annotations

import csv

import pytest

from pytests.support.dbt_runs import dbt_input_dir, run_dbt, vars_arg
from pytests.support.paths import SEEDS_DIR
from pytests.support.warehouse import query

pytestmark = pytest.mark.dbt


@pytest.fixture(scope="module")
def five_influencers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("five")
    for name in ("influencers_data", "growth_data"):
        with (SEEDS_DIR / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows[:6])  # header + 5
    (folder / "brands_data.csv").write_bytes((SEEDS_DIR / "brands_data.csv").read_bytes())
    return folder


def test_fewer_influencers_than_niches_is_a_clear_error(five_influencers, tmp_path):
    result = run_dbt(
        ["run", "--select", "+int_influencers_clustered"] + vars_arg({"input_dir": dbt_input_dir(five_influencers)}),
        tmp_path / "small.duckdb",
        expect_success=False,
    )
    assert not result.success
    messages = " ".join(str(r.message) for r in result.result.results if str(r.status) == "error")
    # One sentence saying what to do (before: a Python traceback ending "need at least k=8 ...").
    assert "Too few creators for n_niches: 5 creators with a valid profile in " in messages, messages
    assert "Lower it, e.g. --vars '{n_niches: 5}'" in messages and "Traceback" not in messages, messages


def test_brand_matching_lists_everyone_when_fewer_than_top_k(five_influencers, tmp_path):
    database = tmp_path / "small.duckdb"
    run_dbt(
        [
            "build",
            "--select",
            "+brand_influencer_matches",
            "--exclude",
            "test_type:unit",
            "--indirect-selection",
            "cautious",
        ]
        + vars_arg({"input_dir": dbt_input_dir(five_influencers), "n_niches": 3}),
        database,
    )
    per_brand = query(
        database, "select brand_id, count(*), max(match_rank) from main.brand_influencer_matches group by 1"
    )
    assert len(per_brand) == 10
    assert {(count, top) for _, count, top in per_brand} == {(5, 5)}
