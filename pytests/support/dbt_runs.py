"""dbt in this process on the ci target, against throwaway DuckDB files.

:func:`run_dbt` runs one dbt command (``build`` or any other) with the database file and vars of
the test's choosing and returns dbt's result; a failing command fails the test with dbt's own
messages.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from pytests.support.paths import PROJECT_DIR

# Each test process gets its own dbt target/log folders, so parallel runs never share manifests.
DBT_WORK_DIR = Path(tempfile.mkdtemp(prefix="dbt-pytest-"))
# The one database path dbt sees in this process. profiles.yml reads the path from
# INFLUENCER_CI_DUCKDB_PATH, and dbt parses the whole project again ("profile has changed") when an
# env var the profile reads has another value: with a new path per test, every in-process run was
# a full parse (38 of 38 runs, about 8 s each, measured). Each run moves the test's file here and back.
_DBT_DATABASE = DBT_WORK_DIR / "warehouse.duckdb"
# dbt-duckdb names the catalog after the file's stem: SQL that dbt compiles names this catalog.
DBT_CATALOG = _DBT_DATABASE.stem
# dbt also parses the whole project again when a var has another value than in the last run that
# wrote the target folder's partial-parse file (about 8 s). So: one input_dir path per process (a
# symlink, pointed at each test's folder by dbt_input_dir) and one target folder per distinct vars
# and profile settings (dbt_target_dir). Measured: 20 of 38 in-process runs were full parses before.
_DBT_INPUT_DIR = DBT_WORK_DIR / "input"


def dbt_input_dir(folder: Path) -> str:
    """Point this process's one input_dir path at ``folder`` and return it, to pass as input_dir.

    Messages that name the input folder name this path. Tests whose folder path is itself the
    subject (quotes, spaces) pass their own path instead.
    """
    if _DBT_INPUT_DIR.is_symlink() or _DBT_INPUT_DIR.exists():
        _DBT_INPUT_DIR.unlink()
    _DBT_INPUT_DIR.symlink_to(Path(folder).absolute(), target_is_directory=True)
    return str(_DBT_INPUT_DIR)


def dbt_target_dir(args: list[str]) -> Path:
    """The target folder of a dbt command: one per distinct ``--vars`` and INFLUENCER_* settings."""
    variables = args[args.index("--vars") + 1] if "--vars" in args else "{}"
    settings = sorted((k, v) for k, v in os.environ.items() if k.startswith("INFLUENCER_"))
    key = hashlib.sha256(json.dumps([variables, settings]).encode()).hexdigest()[:12]
    return DBT_WORK_DIR / f"target-{key}"


def run_dbt(args: list[str], database: Path, expect_success: bool = True):
    """Run one dbt command in this process on the ci target, writing ``database``."""
    from dbt.cli.main import dbtRunner

    database = Path(database)
    os.environ["INFLUENCER_CI_DUCKDB_PATH"] = str(_DBT_DATABASE)
    _move_database(database, _DBT_DATABASE)
    cwd = os.getcwd()
    os.chdir(PROJECT_DIR)  # profiles.yml module_paths and relative var defaults are project-relative
    try:
        result = dbtRunner().invoke(
            [
                *args,
                "--target",
                "ci",
                "--profiles-dir",
                str(PROJECT_DIR),
                "--project-dir",
                str(PROJECT_DIR),
                "--target-path",
                str(dbt_target_dir(args)),
                "--log-path",
                str(DBT_WORK_DIR / "logs"),
            ]
        )
    finally:
        os.chdir(cwd)
        release_dbt_connection()
        _move_database(_DBT_DATABASE, database)
    if expect_success and not result.success:
        failures = []
        if result.result is not None and hasattr(result.result, "results"):
            failures = [
                f"{r.node.unique_id}: {r.status}: {r.message}"
                for r in result.result.results
                if str(r.status) in ("error", "fail")
            ]
        raise AssertionError(f"dbt {' '.join(args)} failed: {result.exception or failures}")
    return result


def _move_database(source: Path, target: Path) -> None:
    """Move a closed DuckDB file (and a write-ahead log, if one was left) to ``target``, replacing
    what was there; when ``source`` does not exist, ``target`` is removed (dbt creates the file)."""
    for suffix in ("", ".wal"):
        moved, replaced = (path.with_name(path.name + suffix) for path in (source, target))
        if moved.exists():
            shutil.move(moved, replaced)  # a rename on one file system (--basetemp may be on another)
        else:
            replaced.unlink(missing_ok=True)


def release_dbt_connection() -> None:
    """Close the DuckDB database dbt-duckdb keeps open in this process after an in-process run,
    so tests can open the file read-only (DuckDB refuses a second connection with another config)."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    if DuckDBConnectionManager._ENV is not None:
        DuckDBConnectionManager._ENV.close()
    DuckDBConnectionManager.close_all_connections()


def run_dbt_logged(args: list[str], database: Path, expect_success: bool = True):
    """:func:`run_dbt`, and what dbt logged during it (this process's dbt.log from where it stood)."""
    log = DBT_WORK_DIR / "logs" / "dbt.log"
    start = log.stat().st_size if log.exists() else 0
    result = run_dbt(args, database, expect_success=expect_success)
    with log.open("rb") as handle:
        handle.seek(start if log.stat().st_size >= start else 0)  # rotated at 10 MB: the new file whole
        return result, handle.read().decode("utf-8", "replace")


def vars_arg(values: dict) -> list[str]:
    return ["--vars", json.dumps(values)]
