"""The warehouse opens in a DuckDB 1.x client, and the query examples of the docs run.

The client is the DuckDB CLI 1.5.6 (PyPI package duckdb-cli, requirements-cli.txt): ``make build``
installs it as .venv/bin/duckdb. Set DUCKDB_CLI to use another binary.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pytests.support.dbt_runs import run_dbt
from pytests.support.paths import PROJECT_DIR

pytestmark = pytest.mark.dbt


@pytest.fixture(scope="module")
def cli() -> str:
    candidates = [os.environ.get("DUCKDB_CLI"), str(Path(sys.executable).parent / "duckdb"), shutil.which("duckdb")]
    found = next((c for c in candidates if c and Path(c).is_file()), None)
    if found is None:
        pytest.fail("no DuckDB CLI: install requirements-cli.txt (duckdb-cli==1.5.6) into the venv, or set DUCKDB_CLI")
    version = subprocess.run([found, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v1."), f"{found} is DuckDB {version.strip()}, not a 1.x client"
    return found


def run_cli(cli: str, database: Path, sql: str, output: str = "-json", cwd: Path | None = None) -> str:
    # -nullvalue '': NULL as an empty field, as COPY writes it (the CLI's default is the text NULL).
    done = subprocess.run(
        [cli, "-readonly", str(database), output, "-nullvalue", "", "-c", sql],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )
    assert done.returncode == 0 and "Error" not in done.stderr, done.stderr
    return done.stdout


def relations(database: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.sql(
            "select table_schema, table_name from information_schema.tables"
            " where table_catalog = current_database() order by all"
        ).fetchall()


def test_a_duckdb_1x_client_lists_every_relation(cli, bundled_build):
    listed = json.loads(
        run_cli(cli, bundled_build, "select table_schema, table_name from information_schema.tables order by all")
    )
    assert [(r["table_schema"], r["table_name"]) for r in listed] == relations(bundled_build)


def test_a_duckdb_1x_client_reads_every_relation_whole(cli, bundled_build):
    every = relations(bundled_build)
    # Casting each row to text makes the client decode every value of every column.
    sql = " union all ".join(
        f"select '{schema}.{name}' as relation, count(*) as row_count,"
        f" count(*) filter (where cast(t as varchar) is not null) as decoded"
        f' from "{schema}"."{name}" as t'
        for schema, name in every
    )
    counted = {r["relation"]: (r["row_count"], r["decoded"]) for r in json.loads(run_cli(cli, bundled_build, sql))}
    with duckdb.connect(str(bundled_build), read_only=True) as con:
        for schema, name in every:
            (expected,) = con.sql(f'select count(*) from "{schema}"."{name}"').fetchall()[0]
            assert counted[f"{schema}.{name}"] == (expected, expected), f"{schema}.{name}"
    assert any(schema == "staging" and name.endswith("_rejected") for schema, name in every)


def test_every_mart_reads_the_same_in_both_clients(cli, bundled_build, tmp_path):
    marts = [name for schema, name in relations(bundled_build) if schema == "main"]
    assert "fake_follower_scores" in marts and "tiktok_segments" in marts
    with duckdb.connect(str(bundled_build), read_only=True) as con:
        for name in marts:
            path = tmp_path / f"{name}.csv"
            con.execute(f"copy (select * from main.{name} order by all) to '{path}' (header, delimiter ',')")
            old_client = run_cli(cli, bundled_build, f"select * from main.{name} order by all", output="-csv")
            # Same values as text (the CLI quotes more fields than COPY does: compare parsed rows).
            assert parsed_csv(old_client) == parsed_csv(path.read_text(encoding="utf-8")), name


def parsed_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.replace("\r\n", "\n"))))


def test_similar_influencers_runs_in_a_duckdb_1x_client(cli, bundled_build):
    sql = "select * from similar_influencers('INF003', 5)"
    rows = json.loads(run_cli(cli, bundled_build, sql))
    with duckdb.connect(str(bundled_build), read_only=True) as con:
        expected = con.sql(sql).fetchall()
    assert [tuple(r.values()) for r in rows] == [tuple(row) for row in expected]
    assert len(rows) == 5


def test_the_storage_opt_out_writes_a_file_1x_clients_refuse(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("INFLUENCER_DUCKDB_STORAGE_VERSION", "latest")
    database = tmp_path / "latest.duckdb"
    run_dbt(["seed", "--select", "niche_taxonomy"], database)
    done = subprocess.run([cli, "-readonly", str(database), "-c", "select 1"], capture_output=True, text=True)
    assert done.returncode != 0 and "version number" in done.stderr, done.stderr


# ------------------------------------------------------------------------------ the docs' examples
# The pages whose query examples must run: docs/querying.md, and the README should it show some.
EXAMPLE_PAGES = ("README.md", "docs/querying.md")


def readme_blocks(language: str) -> list[str]:
    text = "\n".join((PROJECT_DIR / page).read_text(encoding="utf-8") for page in EXAMPLE_PAGES)
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


@pytest.fixture
def readme_cwd(bundled_build, tmp_path) -> Path:
    """A folder holding the built warehouse under the name the docs use."""
    shutil.copy(bundled_build, tmp_path / "influencer_analytics.duckdb")
    return tmp_path


def test_the_readme_cli_queries_run(cli, readme_cwd):
    commands = [b for b in readme_blocks("bash") if b.lstrip().startswith(".venv/bin/duckdb")]
    assert len(commands) >= 2
    for block in commands:
        argv = shlex.split(block.replace("\\\n", " "))
        assert argv[:3] == [".venv/bin/duckdb", "-readonly", "influencer_analytics.duckdb"], argv
        done = subprocess.run([cli, *argv[1:]], capture_output=True, text=True, cwd=readme_cwd, timeout=120)
        assert done.returncode == 0 and "Error" not in done.stderr, (block, done.stderr)
        assert done.stdout.count("\n") > 3, done.stdout  # a table with rows, not an empty result


def test_the_readme_python_examples_run(readme_cwd, monkeypatch, capfd):
    examples = [b for b in readme_blocks("python") if "duckdb.connect" in b]
    assert examples
    monkeypatch.chdir(readme_cwd)
    for block in examples:
        exec(compile(block, "docs/querying.md", "exec"), {})
    shown = capfd.readouterr().out
    assert "similarity_rank" in shown and "match_rank" in shown
