"""make build's up-to-date check (python_udfs.dbt_glue.build_state): every change a build reads or wrote
must make it rebuild, and nothing else."""

from __future__ import annotations

import os

import pytest

from python_udfs.dbt_glue.build_state import build_state, main

PRODUCTS = ["warehouse.duckdb", "outputs"]


@pytest.fixture
def project(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "a.sql").write_text("select 1")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s.csv").write_text("a\n1\n")
    (tmp_path / "dbt_project.yml").write_text("name: x\n")
    (tmp_path / "warehouse.duckdb").write_bytes(b"db")
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / "o.csv").write_text("x\n")
    return tmp_path


def args(project, action):
    return [action, "--root", str(project), "--state-file", str(project / "state.json"), "--products", *PRODUCTS]


def test_up_to_date_only_after_a_record(project):
    assert main(args(project, "check")) == 1  # never recorded
    assert main(args(project, "record")) == 0
    assert main(args(project, "check")) == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda p: (p / "models" / "a.sql").write_text("select 2"),
        lambda p: (p / "models" / "b.sql").write_text("select 3"),
        lambda p: (p / "seeds" / "s.csv").unlink(),
        lambda p: (p / "dbt_project.yml").write_text("name: y\n"),
        lambda p: os.utime(p / "warehouse.duckdb", ns=(1, 1)),
        lambda p: (p / "warehouse.duckdb").unlink(),
        lambda p: (p / "outputs" / "o.csv").write_text("edited\n"),
        lambda p: (p / "outputs" / "o.csv").unlink(),
    ],
    ids=[
        "model edited",
        "model added",
        "seed deleted",
        "project",
        "warehouse written",
        "warehouse gone",
        "output edited",
        "output deleted",
    ],
)
def test_every_change_rebuilds(project, change):
    main(args(project, "record"))
    change(project)
    assert main(args(project, "check")) == 1


def test_settings_from_the_environment_count_and_others_do_not(project):
    before = build_state(project, PRODUCTS, {"HOME": "/a"})
    assert build_state(project, PRODUCTS, {"HOME": "/b"}) == before
    assert build_state(project, PRODUCTS, {"INFLUENCER_DUCKDB_PATH": "/x.duckdb"}) != before
    assert build_state(project, PRODUCTS, {"DBT_TARGET_PATH": "t"}) != before


def test_caches_and_unrelated_folders_do_not_count(project):
    before = build_state(project, PRODUCTS, {})
    (project / "models" / "__pycache__").mkdir()
    (project / "models" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    (project / "target").mkdir()
    (project / "target" / "manifest.json").write_text("{}")
    assert build_state(project, PRODUCTS, {}) == before


def test_a_corrupt_state_file_rebuilds(project):
    (project / "state.json").write_text("not json")
    assert main(args(project, "check")) == 1
