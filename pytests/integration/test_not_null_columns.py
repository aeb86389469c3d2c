"""not_null_columns (tests/generic/not_null_columns.sql) catches every NULL the per-column not_null
tests caught, column for column (issue 32: one dbt node per model instead of one per column).

The lists in the ymls hold exactly the 218 (model, column) pairs of the 218 not_null tests they
replaced (compared on the two manifests when they were merged). Here every listed column of every
model of the bundled build gets one NULL, in a copy of its rows, and the model's compiled test must
report that column and one row; on the rows as built it reports nothing. A model with no rows (a
rejects model of clean inputs) gets one row of NULLs: every listed column is reported.
"""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from pytests.support.dbt_runs import DBT_CATALOG, dbt_target_dir, run_dbt

pytestmark = pytest.mark.dbt

COMPILE = ["compile", "--select", "test_name:not_null_columns"]


@pytest.fixture(scope="module")
def compiled(bundled_build, tmp_path_factory):
    """Each not_null_columns test: its model's relation, its columns and its compiled SQL."""
    database = tmp_path_factory.mktemp("not_null") / "warehouse.duckdb"
    shutil.copy(bundled_build, database)
    run_dbt(COMPILE, database)
    manifest = json.loads((dbt_target_dir(COMPILE) / "manifest.json").read_text())
    tests = []
    for node in manifest["nodes"].values():
        if (node.get("test_metadata") or {}).get("name") == "not_null_columns":
            model = manifest["nodes"][node["attached_node"]]
            tests.append((model["name"], model["relation_name"], node["test_metadata"]["kwargs"]["columns"], node))
    return database, sorted(tests, key=lambda test: test[0])


def test_every_model_with_columns_has_one_test(compiled):
    _, tests = compiled
    assert len(tests) == 72
    assert sum(len(columns) for _, _, columns, _ in tests) == 218


def test_a_null_in_any_listed_column_is_reported_by_name(compiled):
    database, tests = compiled
    connection = duckdb.connect()
    connection.execute(f"attach '{database}' as {DBT_CATALOG} (read_only)")
    missed = []
    for name, relation, columns, node in tests:
        sql = node["compiled_code"]
        assert relation in sql, name
        assert connection.sql(sql).fetchall() == [], f"{name}: the build as made has NULLs"
        ((rows,),) = connection.sql(f"select count(*) from {relation}").fetchall()
        if rows == 0:  # a rejects model of clean inputs: one row of NULLs, every column reported
            connection.execute(f"create or replace temp table mutated as select * from {relation} limit 0")
            connection.execute("insert into mutated default values")
            found = connection.sql(sql.replace(relation, "temp.main.mutated")).fetchall()
            if found != [(column, 1) for column in columns]:
                missed.append(f"{name} (no rows): {found}")
            continue
        for column in columns:
            # The first row's value of this column set to NULL, every other value as built.
            connection.execute(
                f"create or replace temp table mutated as select * replace ("
                f"case when row_number() over () = 1 then null else {column} end as {column}) from {relation}"
            )
            found = connection.sql(sql.replace(relation, "temp.main.mutated")).fetchall()
            if found != [(column, 1)]:
                missed.append(f"{name}.{column}: {found}")
    connection.close()
    assert missed == []
