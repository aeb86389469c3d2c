"""Shared fixtures (the helpers they and the tests use: pytests/support/).

``bundled_build`` is the project built once on the bundled seeds; ``input_dir`` makes copies of
the bundled input CSVs to edit.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pytests.support.dbt_runs import run_dbt
from pytests.support.inputs import copy_bundled_inputs

# The suite must pass offline and never write the dev warehouse or the user's home: set before any
# test module imports dbt or the sentence model.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory) -> Path:
    """The whole project built once on the bundled seeds; tests read it, never write it.

    ``make test`` has just built the same project on the ci target (``dbt build --warn-error``) and
    passes that file as INFLUENCER_PREBUILT_DATABASE: a copy of it is used instead of a second
    identical build. Run alone, pytest builds it here.
    """
    database = tmp_path_factory.mktemp("bundled") / "bundled.duckdb"
    prebuilt = os.environ.get("INFLUENCER_PREBUILT_DATABASE")
    if prebuilt and Path(prebuilt).is_file():
        shutil.copy(prebuilt, database)
    else:
        run_dbt(["build"], database)
    return database


@pytest.fixture
def input_dir(tmp_path) -> Callable[..., Path]:
    """A folder holding copies of the bundled input CSVs, to edit and point input_dir at."""

    def make(**replacements: str) -> Path:
        folder = copy_bundled_inputs(tmp_path / "inputs")
        for name, text in replacements.items():
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")
        return folder

    return make


def _module_rank(item: pytest.Item) -> int:
    if item.get_closest_marker("slow"):
        return 0
    return 1 if item.get_closest_marker("dbt") or item.get_closest_marker("browser") else 2


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the long modules first: slow ones, then those that build with dbt, then the rest.

    Under ``--dist loadscope`` xdist hands each worker the next module in collection order when it is
    free. In collection order the run ended with one worker on test_evaluate (52 s) while the other
    sat idle for 38 s (the last module's wait, measured with timestamps on ``-v``); longest first
    leaves only short modules for the end. A module keeps its place among its equals and its tests
    stay together and in order, so one process (PYTEST_WORKERS=0) sets up each module fixture once.
    """
    rank: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        rank[module] = min(rank.get(module, 2), _module_rank(item))
    order = {id(item): index for index, item in enumerate(items)}
    items.sort(key=lambda item: (rank[item.nodeid.split("::", 1)[0]], order[id(item)]))
