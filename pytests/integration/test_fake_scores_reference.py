"""fake_follower_scores against an independent Python reference of the fake-follower rules.

The reference (fake_scores_reference.py) is written from the rules of the issue, not translated
from the SQL. About 200 generated influencers (fake_scores_cases.py) go through ONE ``dbt run`` of
the chain (base_creators__follower_histories -> stg_creators__follower_histories -> int_follower_* -> fake_follower_scores),
read from a folder with ``--vars '{input_dir: ...}'``, and every row is compared with the reference.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from pytests.support.dbt_runs import dbt_input_dir, run_dbt, vars_arg
from pytests.support.fake_scores_cases import (
    GENERATORS,
    SEED,
    case_row,
    decimal_edge_cases,
    generate_cases,
    write_growth_csv,
)
from pytests.support.fake_scores_reference import Case, Rules, compare, reference
from pytests.support.warehouse import query_df

pytestmark = pytest.mark.dbt


def build_chain(folder: Path, database: Path) -> None:
    # Seeds and models only: some data tests of the selected models point at unselected models.
    # (The chain reads two config seeds, follower_tiers and engagement_benchmarks: `run` alone
    # would not load them.)
    run_dbt(
        ["build", "--select", "+fake_follower_scores", "--resource-type", "seed", "--resource-type", "model"]
        + vars_arg({"input_dir": dbt_input_dir(folder)}),
        database,
    )


# --------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def generated_build(tmp_path_factory):
    """ONE dbt run for the generated cases (and the decimal edge cases); the tests read its tables."""
    cases = generate_cases()
    extra = decimal_edge_cases()
    folder = tmp_path_factory.mktemp("fake_scores_reference")
    write_growth_csv(folder, [case_row(c) for c in cases + extra])
    database = folder / "reference.duckdb"
    build_chain(folder, database)
    mart = query_df(database, "select * from main.fake_follower_scores")
    spikes = query_df(database, "select * from intermediate.int_influencers_spikes_detected")
    assert sorted(mart.influencer_id) == sorted(c.influencer_id for c in cases + extra)
    return cases, extra, mart, spikes


def _only(df, cases: list[Case]):
    return df[df.influencer_id.isin({c.influencer_id for c in cases})]


def test_generated_cases_cover_every_kind_and_band():
    cases = generate_cases()
    assert 150 <= len(cases) <= 300
    assert len({c.influencer_id for c in cases}) == len(cases)
    expected = [reference(c) for c in cases]
    kinds = {c.kind for c in cases}
    assert set(GENERATORS) <= kinds
    assert {e.engagement_points for e in expected} == {0, 15, 30, 40}
    assert {e.growth_points for e in expected} == {0, 10, 20, 30}
    assert {e.risk_level for e in expected} == {"low", "medium", "high"}
    assert {e.spike_points for e in expected} >= {0, 10, 30, 50}
    assert any(e.spike_count != e.robust_spike_count for e in expected)
    assert max(c.followers for c in cases) > 2**32 and min(c.followers for c in cases) < 100
    assert any(e.fake_score == 100 for e in expected)
    assert any(e.total_growth_pct is None for e in expected)


def test_mart_matches_the_reference(generated_build):
    cases, _, mart, spikes = generated_build
    expected = {c.influencer_id: reference(c) for c in cases}
    problems = compare(cases, expected, _only(mart, cases), _only(spikes, cases))
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems[:40])


def test_comparison_catches_a_wrong_reference(generated_build):
    """The check can fail: a reference with the spike threshold at mean + 1 sd must disagree."""
    cases, _, mart, spikes = generated_build
    wrong = {c.influencer_id: reference(c, Rules(spike_sigma=1.0)) for c in cases}
    problems = compare(cases, wrong, _only(mart, cases), _only(spikes, cases))
    assert any(": spike_count expected" in p for p in problems)
    assert any(": fake_score expected" in p for p in problems)


def test_decimal_engagement_exactly_on_a_band_edge(generated_build):
    _, extra, mart, spikes = generated_build
    expected = {c.influencer_id: reference(c) for c in extra}
    problems = compare(extra, expected, _only(mart, extra), _only(spikes, extra))
    assert not problems, "\n".join(problems)


def test_invalid_rows_never_reach_the_mart(tmp_path):
    rng = np.random.default_rng(SEED + 1)
    valid = [c for c in generate_cases(SEED + 2) if c.kind in ("organic", "one_spike")][:6]
    good_history = json.dumps(list(valid[0].history))
    invalid = [
        ["bad_short", "1000", "10", "2", json.dumps(list(valid[1].history[:29]))],  # 29 values
        ["bad_long", "1000", "10", "2", json.dumps([*valid[1].history, 5])],  # 31 values
        ["bad_negative_followers", "-1000", "10", "2", good_history],
        ["bad_zero_followers", "0", "10", "2", good_history],
        ["bad_history_text", "1000", "10", "2", "not a list"],
        ["bad_history_item", "1000", "10", "2", good_history.replace(",", ", x,", 1)],
        ["bad_history_decimal", "1000", "10", "2", good_history.replace(",", ".5,", 1)],
        ["bad_history_negative", "1000", "10", "2", json.dumps([-1, *valid[1].history[1:]])],
        ["", "1000", "10", "2", good_history],  # missing id
        ["bad_likes", "1000", "many", "2", good_history],
    ]
    rows = [case_row(c) for c in valid] + invalid
    order = rng.permutation(len(rows))
    write_growth_csv(tmp_path / "inputs", [rows[i] for i in order])
    database = tmp_path / "invalid.duckdb"
    build_chain(tmp_path / "inputs", database)
    ids = sorted(r[0] for r in query_df(database, "select influencer_id from main.fake_follower_scores").values)
    assert ids == sorted(c.influencer_id for c in valid)
    spike_ids = sorted(
        r[0]
        for r in query_df(database, "select influencer_id from intermediate.int_influencers_spikes_detected").values
    )
    assert spike_ids == ids
