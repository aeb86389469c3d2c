"""Vars typed the way users pass them (issue 33): a number given as a string builds what the number
builds; anything else is named by the settings check, never by a Jinja or Python error."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml

from pytests.support.dbt_runs import dbt_target_dir, run_dbt, vars_arg
from pytests.support.paths import PROJECT_DIR
from python_udfs.core.settings import Settings

pytestmark = [pytest.mark.dbt, pytest.mark.slow]

DEFAULTS = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]
NUMBERS = [item.name for item in dataclasses.fields(Settings) if item.metadata["kind"] != "text"]


def compiled_files(args: list[str]) -> dict[str, bytes]:
    folder = dbt_target_dir(args) / "compiled"
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_numbers_given_as_strings_compile_to_the_same_project(bundled_build, tmp_path):
    # Every numeric var as schedulers pass it ("8", "0.5", "-0.05"); before setting(), a test's
    # `var('history_days') - 1` stopped this compile with "unsupported operand type(s)".
    as_strings = {name: str(DEFAULTS[name]) for name in NUMBERS if DEFAULTS[name] is not None}
    database = tmp_path / "warehouse.duckdb"
    shutil.copy(bundled_build, database)
    for args in (["compile"], ["compile", *vars_arg(as_strings)]):
        # The target folder is shared with other runs of these vars in this process (dbt_target_dir):
        # keep only what this compile writes (a build also writes its unit tests there).
        shutil.rmtree(dbt_target_dir(args) / "compiled", ignore_errors=True)
        run_dbt(args, database)
    typed, strings = compiled_files(["compile"]), compiled_files(["compile", *vars_arg(as_strings)])
    # Every model, test and analysis, int_settings_resolved's JSON of the settings among them.
    assert any(name.endswith("int_settings_resolved.sql") for name in typed)
    assert sorted(strings) == sorted(typed)
    assert [name for name in typed if strings[name] != typed[name]] == []


def failure(database: Path, values: dict) -> str:
    result = run_dbt(["build", "-s", "int_settings_resolved", *vars_arg(values)], database, expect_success=False)
    assert not result.success
    return str(result.exception or "")


def test_a_word_for_a_number_is_named_by_the_settings_check(tmp_path):
    message = failure(tmp_path / "fresh.duckdb", {"n_niches": "abc"})
    assert "Invalid setting: var n_niches = 'abc': allowed: an integer >= 2" in message


@pytest.mark.parametrize("wrong", ["abc", {"a": 1}], ids=["word", "map"])
def test_every_number_of_the_wrong_type_at_once_reaches_the_settings_check(tmp_path, wrong):
    # Parsing renders every yml and model with these values: no Jinja arithmetic may fail first.
    message = failure(tmp_path / "fresh.duckdb", dict.fromkeys(NUMBERS, wrong))
    assert f"Invalid setting: var {NUMBERS[0]} = {wrong!r}: allowed: " in message
    assert "unsupported operand" not in message and "Traceback" not in message
