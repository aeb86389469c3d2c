"""Selections (issue 33): each analysis's selector builds on a fresh warehouse; a selection that
reads a relation not built yet says which selector to use; a partial build with a changed var stops
with one line naming the var, its value in int_settings_resolved and its value now, for every
Python model family, and uses the new value once int_settings_resolved is in the selection.
"""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from pytests.support.dbt_runs import DBT_WORK_DIR, dbt_target_dir, run_dbt, vars_arg
from pytests.support.paths import PROJECT_DIR

pytestmark = [pytest.mark.dbt, pytest.mark.slow]


def error_text(result) -> str:
    return str(result.exception or "")


def test_a_selector_builds_its_analysis_on_a_fresh_warehouse(tmp_path):
    database = tmp_path / "fresh.duckdb"
    run_dbt(["build", "--selector", "tiktok"], database)
    with duckdb.connect(str(database), read_only=True) as connection:
        (segments,) = connection.sql("select count(*) from tiktok_segments").fetchall()[0]
    assert segments > 0


def test_every_analysis_has_a_selector_closed_under_its_parents():
    """Each selector holds every parent of every model it selects, so none reads a missing table."""
    from dbt.cli.main import dbtRunner

    folders = ["--target-path", str(dbt_target_dir([])), "--log-path", str(DBT_WORK_DIR / "logs")]
    project = ["--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR), *folders]
    # Parsed once, listed five times (8.4 s -> 7.1 s measured: each ls would load the manifest again).
    manifest = dbtRunner().invoke(["parse", "-q", *project]).result
    for selector in ["niches", "fake_followers", "brand_matching", "tiktok", "trends_sentiment_value"]:
        listed = dbtRunner(manifest=manifest).invoke(
            ["ls", "--selector", selector, "--output", "json", "--output-keys", "unique_id", "depends_on", "-q"]
            + project
        )
        nodes = [json.loads(line) for line in listed.result]
        selected = {node["unique_id"] for node in nodes}
        models = [node for node in nodes if node["unique_id"].startswith("model.")]
        assert models, selector
        for model in models:
            parents = {p for p in model["depends_on"]["nodes"] if p.split(".")[0] in ("model", "seed")}
            assert parents <= selected, (
                f"selector {selector}: {model['unique_id']} reads {parents - selected} outside it"
            )


def test_a_selection_that_reads_an_unbuilt_model_names_the_selector(tmp_path):
    result = run_dbt(["build", "-s", "source:tiktok+"], tmp_path / "fresh.duckdb", expect_success=False)
    assert not result.success
    message = error_text(result)
    assert "does not exist yet and is outside this selection" in message
    assert "dbt build --selector tiktok" in message


# One Python model family each: the model re-run, a var it reads, a new valid value.
FAMILIES = [
    ("int_influencers_clustered", "n_niches", 6),
    ("int_brand_matches_ranked", "top_k", 5),
    ("int_influencers_suspicion_scored", "suspicion_score_cap", 90),
    ("int_influencers_trends_measured", "trend_step_days", 4),
    ("int_captions_scored", "language_min_letters", 4),
    ("int_tiktok_k_candidates_measured", "tiktok_k_max", 7),
]
# Every family's run passes all six new values: one --vars, so dbt parses the project once for the
# six runs instead of six times (a new --vars is a full parse: 6 s a run -> about 1 s), and the check
# names each var that differs on a line of its own.
CHANGED = {name: value for _, name, value in FAMILIES}


@pytest.fixture(scope="module")
def stored_settings(bundled_build) -> dict[str, str]:
    with duckdb.connect(str(bundled_build), read_only=True) as connection:
        return dict(
            connection.sql("select setting_name, setting_value from intermediate.int_settings_resolved").fetchall()
        )


@pytest.mark.parametrize(("model", "name", "value"), FAMILIES, ids=[family[0] for family in FAMILIES])
def test_a_partial_build_with_a_changed_var_stops_naming_it(
    bundled_build, stored_settings, tmp_path, model, name, value
):
    database = tmp_path / "copy.duckdb"
    shutil.copy(bundled_build, database)
    result = run_dbt(["build", "-s", f"{model}+", *vars_arg(CHANGED)], database, expect_success=False)
    assert not result.success
    lines = error_text(result).splitlines()
    stale = [line for line in lines if "Stale setting: " in line]
    assert {line.split("Stale setting: ")[1] for line in stale} == {
        f"var {changed} is {stored_settings[changed]} in int_settings_resolved and {json.dumps(new)} in this run"
        for changed, new in CHANGED.items()
    }
    assert any("would use its values" in line and "-s int_settings_resolved" in line for line in lines)
    # Nothing ran: the check is on-run-start, before any model.
    with duckdb.connect(str(database), read_only=True) as connection:
        (kept,) = connection.execute(
            "select setting_value from intermediate.int_settings_resolved where setting_name = ?", [name]
        ).fetchone()
    assert kept == stored_settings[name]


def test_with_the_settings_in_the_selection_the_new_value_is_used(bundled_build, tmp_path):
    database = tmp_path / "copy.duckdb"
    shutil.copy(bundled_build, database)
    # The same vars as the runs above (one parse); tiktok_k_max is the one this selection reads.
    run_dbt(["build", "-s", "int_settings_resolved", "int_tiktok_k_candidates_measured+", *vars_arg(CHANGED)], database)
    with duckdb.connect(str(database), read_only=True) as connection:
        (largest_k,) = connection.sql("select max(k) from intermediate.int_tiktok_k_candidates_measured").fetchall()[0]
    assert largest_k == CHANGED["tiktok_k_max"] == 7
