"""`make build`, `make dbt-build` and `make test` first check that dbt can write its target and log
folders: dbt itself exits 2 and prints nothing when it cannot write logs/ (issue 33)."""

from __future__ import annotations

import os
import subprocess

import pytest

from pytests.support.paths import PROJECT_DIR


def make_writable(tmp_path, **folders: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("DBT_TARGET_PATH", "DBT_LOG_PATH")}
    return subprocess.run(
        ["make", "--no-print-directory", "-s", "writable"],
        cwd=PROJECT_DIR,
        env={**env, **folders},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("variable", ["DBT_TARGET_PATH", "DBT_LOG_PATH"])
def test_a_folder_dbt_cannot_write_is_named_with_the_way_out(tmp_path, variable):
    # A path below a regular file can never be created, as root too (chmod would not stop root).
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    unwritable = blocker / "folder"
    writable = tmp_path / "ok"
    other = "DBT_LOG_PATH" if variable == "DBT_TARGET_PATH" else "DBT_TARGET_PATH"
    result = make_writable(tmp_path, **{variable: str(unwritable), other: str(writable)})
    assert result.returncode != 0
    assert f"dbt cannot write {unwritable}" in result.stderr
    assert "DBT_TARGET_PATH=" in result.stderr and "--log-path" in result.stderr


def test_writable_folders_pass_and_are_created(tmp_path):
    target, logs = tmp_path / "t", tmp_path / "l"
    result = make_writable(tmp_path, DBT_TARGET_PATH=str(target), DBT_LOG_PATH=str(logs))
    assert result.returncode == 0, result.stderr
    assert target.is_dir() and logs.is_dir() and not any(target.iterdir())
