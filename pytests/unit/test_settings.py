"""The settings object: one name per var from dbt_project.yml to Python, and bad values rejected."""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from pathlib import Path

import pytest
import yaml

from python_udfs.core.settings import Settings, SettingsError, setting_names, settings_problem

PROJECT_DIR = Path(__file__).resolve().parents[2]


@functools.cache
def _project_vars() -> str:
    return json.dumps(yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"])


def project_defaults() -> dict:
    """dbt_project.yml's vars (a new dict each call: tests change it)."""
    return json.loads(_project_vars())


def macro_names() -> list[str]:
    text = (PROJECT_DIR / "macros" / "settings" / "project_settings.sql").read_text()
    listed = text[text.index("set names = [") : text.index("] -%}")]
    return re.findall(r"'([a-z0-9_]+)'", listed)


def test_the_three_lists_of_names_agree():
    assert list(project_defaults()) == setting_names()
    assert macro_names() == setting_names()


def test_the_defaults_are_valid_and_typed():
    settings = Settings.from_mapping(project_defaults())
    assert settings.n_niches == 8 and isinstance(settings.n_niches, int)
    assert settings.tiktok_segments_k is None
    assert settings_problem(json.dumps(project_defaults())) is None


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("n_niches", "abc", "an integer >= 2"),
        ("top_k", 0, "an integer >= 1"),
        ("spike_sigma", -1, "a number > 0"),
        ("spike_sigma", float("nan"), "a number > 0"),
        ("kmeans_n_init", 2.5, "an integer >= 1"),
        ("embedding_backend", "gpu", "one of sentence_transformers, onnx_int8, onnx_int8_dynamic"),
        ("tiktok_segments_k", "none", "null or an integer >= 1"),
        ("history_days", True, "an integer >= 3"),
    ],
)
def test_a_bad_value_names_the_var_the_value_and_what_is_allowed(name, value, allowed):
    values = {**project_defaults(), name: value}
    with pytest.raises(SettingsError) as error:
        Settings.from_mapping(values)
    message = str(error.value)
    assert message.startswith(f"var {name} = {value!r}: allowed: {allowed}")
    assert settings_problem(json.dumps(values)) == message


def test_thresholds_out_of_order_are_rejected():
    values = {**project_defaults(), "risk_medium_min_score": 80, "risk_high_min_score": 70}
    with pytest.raises(SettingsError, match=r"risk_medium_min_score \(80\) <= risk_high_min_score \(70\)"):
        Settings.from_mapping(values)


def test_a_fixed_k_outside_the_curve_is_rejected():
    values = {**project_defaults(), "tiktok_segments_k": 20}
    with pytest.raises(SettingsError, match="tiktok_segments_k = 20"):
        Settings.from_mapping(values)


def test_a_missing_setting_is_named():
    values = project_defaults()
    del values["top_k"]
    with pytest.raises(SettingsError, match="settings missing: top_k"):
        Settings.from_mapping(values)


def test_settings_are_frozen():
    settings = Settings.from_mapping(project_defaults())
    with pytest.raises(AttributeError):
        settings.top_k = 3  # type: ignore[misc]


# ------------------------------------------------------------------- every var, walked (issue 33)
SETTING_FIELDS = {item.name: item.metadata for item in dataclasses.fields(Settings)}


def wrong_types(kind: str) -> list:
    """Values of the wrong kind: for a number, a word, a list, a map and a boolean; for a text, numbers."""
    if kind == "text":
        return [3, 2.5, ["a"], {"a": 1}]
    return ["abc", "8 niches", [1], {"a": 1}, True]


def out_of_range(metadata: dict) -> list:
    """Values just outside each declared bound (the bound itself when it is exclusive)."""
    values = []
    step = 1 if metadata["kind"] == "integer" else 0.5
    if metadata.get("minimum") is not None:
        values.append(metadata["minimum"] if metadata.get("exclusive_minimum") else metadata["minimum"] - step)
    if metadata.get("maximum") is not None:
        values.append(metadata["maximum"] + step)
    return values


@pytest.mark.parametrize("name", list(SETTING_FIELDS))
def test_every_var_rejects_a_wrong_type_and_a_wrong_range_with_its_message(name):
    metadata = SETTING_FIELDS[name]
    bad_values = wrong_types(metadata["kind"]) + out_of_range(metadata)
    if metadata["kind"] == "number" and metadata.get("minimum") is None and metadata.get("maximum") is None:
        bad_values.append(float("inf"))
    for value in bad_values:
        problem = settings_problem(json.dumps({**project_defaults(), name: value}))
        assert problem is not None, f"{name} = {value!r} was accepted"
        assert problem.startswith(f"var {name} = {value!r}: allowed: {metadata['allowed']}"), problem


def test_the_macros_text_settings_are_the_settings_typed_as_text():
    # setting() types every var it is not told is a text: the two lists must agree.
    text = (PROJECT_DIR / "macros" / "settings" / "project_settings.sql").read_text()
    listed = text[text.index("macro text_settings()") : text.index("endmacro", text.index("macro text_settings()"))]
    texts = [name for name, metadata in SETTING_FIELDS.items() if metadata["kind"] == "text"]
    assert re.findall(r"'([a-z0-9_]+)'", listed) == texts


def test_sql_reads_numbers_through_setting_not_var():
    # var('n_niches') in Jinja arithmetic breaks on "8" (or gives a wrong text: 100 * "0.5").
    texts = {name for name, metadata in SETTING_FIELDS.items() if metadata["kind"] == "text"}
    found = []
    for folder in ("models", "macros", "tests", "analyses", "snapshots"):
        for path in sorted((PROJECT_DIR / folder).rglob("*.sql")):
            if path.name == "project_settings.sql":
                continue
            for name in re.findall(r"\bvar\(\s*['\"]([a-z0-9_]+)['\"]", path.read_text()):
                if name not in texts:
                    found.append(f"{path.relative_to(PROJECT_DIR)}: var('{name}')")
    assert not found, "read these through setting(): " + "; ".join(found)
