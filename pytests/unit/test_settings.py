"""The settings object: one name per var from dbt_project.yml to Python, and bad values rejected."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from python_udfs.core.settings import Settings, SettingsError, setting_names, settings_problem

PROJECT_DIR = Path(__file__).resolve().parents[2]


def project_defaults() -> dict:
    return yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]


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
