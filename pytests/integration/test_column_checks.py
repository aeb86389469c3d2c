"""column_checks (tests/generic/column_checks.sql) catches every NULL, every repeated key, every
value out of its range and every value not accepted that the per-column not_null, unique,
accepted_range and accepted_values tests caught, column for column (issue 32: one dbt node per
model instead of one per column and check).

The lists in the ymls hold exactly the 218 not_null, 64 unique, 74 accepted_range and 18
accepted_values (model, column, arguments) of the 374 tests they replaced (compared on the two
manifests when they were merged). Here, in a copy of each model's rows of the bundled build, every
not_null column gets one NULL, every unique column one repeated value, every ranged column one
value just past a bound and every accepted_values column one value outside its list; the model's
compiled test must report that column, that check and one row. On the rows as built it reports
nothing. A model with no rows (a rejects model of clean inputs) gets one row of NULLs: every
not_null column is reported (its other columns are not mutated here).
"""

from __future__ import annotations

import json
import re
import shutil

import duckdb
import jinja2
import pytest
import yaml

from pytests.support.dbt_runs import DBT_CATALOG, dbt_target_dir, run_dbt
from pytests.support.paths import PROJECT_DIR

pytestmark = pytest.mark.dbt

COMPILE = ["compile", "--select", "test_name:column_checks"]
DEFAULTS = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]
# The first row's value set to NULL; the second row's value set to the first's; the first row's
# value set past a bound, or to a value not accepted ({value}: per column, from its arguments).
MUTATIONS = {
    "not_null": "case when row_number() over () = 1 then null else {column} end",
    "unique": "case when row_number() over () = 2 then first_value({column}) over () else {column} end",
    "accepted_range": "case when row_number() over () = 1 then {value} else {column} end",
    "accepted_values": "case when row_number() over () = 1 then {value} else {column} end",
}
ARGUMENT = {
    "not_null": "not_null",
    "unique": "unique",
    "accepted_range": "ranges",
    "accepted_values": "accepted_values",
}


def rendered(value):
    """A test argument as dbt renders it here (the vars' defaults)."""
    return jinja2.Template(str(value)).render(var=DEFAULTS.__getitem__) if isinstance(value, str) else value


def breaking_value(check: str, argument) -> str:
    """A SQL value that breaks the column's range (just past a bound) or list (not in it)."""
    if check == "accepted_range":
        low, high = (rendered(bound) for bound in argument)
        return f"({low}) - 1" if low is not None else f"({high}) + 1"
    values = [str(rendered(value)) for value in argument]
    if all(re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value) for value in values):
        return str(max(float(value) for value in values) + 1)
    return "'not one of ' || " + repr(", ".join(values)).replace('"', "'")


@pytest.fixture(scope="module")
def compiled(bundled_build, tmp_path_factory):
    """Each column_checks test: its model's name and relation, its arguments, its compiled SQL."""
    database = tmp_path_factory.mktemp("column_checks") / "warehouse.duckdb"
    shutil.copy(bundled_build, database)
    run_dbt(COMPILE, database)
    manifest = json.loads((dbt_target_dir(COMPILE) / "manifest.json").read_text())
    tests = []
    for node in manifest["nodes"].values():
        if (node.get("test_metadata") or {}).get("name") == "column_checks":
            model = manifest["nodes"][node["attached_node"]]
            kwargs = node["test_metadata"]["kwargs"]
            checks = {check: kwargs.get(ARGUMENT[check], []) for check in MUTATIONS}
            tests.append((model["name"], model["relation_name"], checks, node["compiled_code"]))
    models = {node["name"] for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    return database, sorted(tests, key=lambda test: test[0]), models


def test_every_model_has_one_test(compiled):
    _, tests, models = compiled
    names = [name for name, _, _, _ in tests]
    assert sorted(names) == sorted(models)  # each model once: its columns' checks in one node
    assert all(checks["not_null"] for _, _, checks, _ in tests)


def test_a_broken_column_is_reported_by_name_and_check(compiled):
    database, tests, _ = compiled
    connection = duckdb.connect()
    connection.execute(f"attach '{database}' as {DBT_CATALOG} (read_only)")

    def run(sql: str, table: str) -> list[tuple]:
        return connection.sql(sql.replace(table, "temp.main.mutated")).fetchall()

    missed = []
    for name, relation, checks, sql in tests:
        assert relation in sql, name
        assert connection.sql(sql).fetchall() == [], f"{name}: the build as made breaks a check"
        ((rows,),) = connection.sql(f"select count(*) from {relation}").fetchall()
        if rows == 0:  # one row of NULLs: every not_null column reported, no repeat
            connection.execute(f"create or replace temp table mutated as select * from {relation} limit 0")
            connection.execute("insert into mutated default values")
            expected = [(column, "not_null", 1) for column in checks["not_null"]]
            if run(sql, relation) != expected:
                missed.append(f"{name} (no rows): {run(sql, relation)}")
            continue
        for check, mutation in MUTATIONS.items():
            for column in checks[check]:
                assert check != "unique" or rows > 1, f"{name}: one row cannot repeat a value"
                value = breaking_value(check, checks[check][column]) if isinstance(checks[check], dict) else ""
                connection.execute(
                    f"create or replace temp table mutated as select * replace"
                    f" ({mutation.format(column=column, value=value)} as {column}) from {relation}"
                )
                found = run(sql, relation)
                if found != [(column, check, 1)]:
                    missed.append(f"{name}.{column} {check}: {found}")
    connection.close()
    assert missed == []
