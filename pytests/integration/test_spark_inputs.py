"""A user's folder (input_dir) on Spark: the broken copy of every input that test_rejects.py builds on
DuckDB, built on a local SparkSession, gives the same valid and rejected records (skipped unless
make test-spark runs it). scripts/spark_connect_parity.py runs it again through Spark Connect
(INFLUENCER_SPARK_INPUTS_TARGET=spark_connect, SPARK_REMOTE set, and the server's warehouse in
INFLUENCER_SPARK_CONNECT_WAREHOUSE, where the comparison reads the parquet files).

Every staging relation is compared: row counts, and for each ``*_rejected`` relation the lines it
rejected. Reasons may be worded differently on Spark where its CSV reader cannot say what DuckDB's
says (a record it cannot split: docs/spark.md); they are not compared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pytests.support.broken_inputs import write_broken_inputs
from pytests.support.dbt_runs import run_dbt, vars_arg
from pytests.support.paths import PROJECT_DIR

pytest.importorskip("pyspark")

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(os.environ.get("INFLUENCER_SPARK_TESTS") != "1", reason="make test-spark runs the Spark tests"),
]

STAGING = ["--select", "+models/staging", "--resource-type", "seed", "--resource-type", "model"]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs") / "broken inputs"
    folder.mkdir()
    inputs = write_broken_inputs(folder)
    variables = {
        "input_dir": str(folder),
        "tiktok_profiles_path": str(inputs["tiktok_path"]),
        "niche_examples_path": str(inputs["examples_path"]),
    }
    database = tmp_path_factory.mktemp("duckdb") / "broken.duckdb"
    run_dbt(["build", *STAGING, *vars_arg(variables)], database)
    work = tmp_path_factory.mktemp("spark")
    target = os.environ.get("INFLUENCER_SPARK_INPUTS_TARGET", "spark")
    # A local session writes where it is told; a Connect server writes into its own warehouse.
    warehouse = (
        Path(os.environ["INFLUENCER_SPARK_CONNECT_WAREHOUSE"]) if target == "spark_connect" else work / "warehouse"
    )
    subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "build", "--target", target, *STAGING]
        + ["--vars", json.dumps(variables), "--target-path", str(work / "target"), "--log-path", str(work / "logs")],
        cwd=PROJECT_DIR,
        env={**os.environ, "INFLUENCER_SPARK_WAREHOUSE": str(warehouse), "DBT_PROFILES_DIR": str(PROJECT_DIR)},
        check=True,
    )
    return database, warehouse


def staging_relations(database: Path) -> list[str]:
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.sql(
            "select table_name from information_schema.tables where table_schema = 'staging' order by 1"
        ).fetchall()
    return [name for (name,) in rows]


def test_every_staging_relation_has_the_same_records(builds):
    import pyarrow.parquet as pq

    database, warehouse = builds
    relations = staging_relations(database)
    assert any(name.endswith("_rejected") for name in relations)
    differences = []
    with duckdb.connect(str(database), read_only=True) as con:
        for name in relations:
            spark_folder = warehouse / "staging.db" / name
            if not spark_folder.is_dir():
                differences.append(f"{name}: missing on Spark")
                continue
            spark_table = pq.read_table(spark_folder)
            duckdb_rows = con.sql(f"select count(*) from staging.{name}").fetchall()[0][0]
            if duckdb_rows != spark_table.num_rows:
                differences.append(f"{name}: {duckdb_rows} rows on DuckDB, {spark_table.num_rows} on Spark")
            if name.endswith("_rejected"):
                duckdb_lines = sorted(line for (line,) in con.sql(f"select source_line from staging.{name}").fetchall())
                spark_lines = sorted(spark_table.column("source_line").to_pylist())
                if duckdb_lines != spark_lines:
                    differences.append(f"{name}: rejected lines {duckdb_lines} on DuckDB, {spark_lines} on Spark")
    assert not differences, "\n".join(differences)


def test_spark_names_bytes_that_are_not_utf8_and_over_long_records(builds):
    import pyarrow.parquet as pq

    _, warehouse = builds
    rejected = pq.read_table(warehouse / "staging.db" / "stg_creators__profiles_rejected").to_pylist()
    reasons = " | ".join(row["reject_reason"] for row in rejected)
    assert "it is not valid UTF-8 text" in reasons
    assert "bytes long, more than max_record_bytes" in reasons
