"""python_udfs.dbt_glue.memo: the input fingerprint follows the inputs' content (not their row order), a
matching fingerprint returns the stored rows without computing, anything else computes; and every
memoised model fingerprints every table it reads."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pyarrow as pa
import pytest

from python_udfs.dbt_glue import memo

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("create table inputs as select i::varchar as id, [i, i * 2]::float[2] as v from range(50) t(i)")
    yield con
    con.close()


def fingerprint(con, sql: str) -> str:
    return memo.input_fingerprint({"inputs": con.sql(sql)}, "source")


def test_fingerprint_follows_content_not_row_order(con):
    base = fingerprint(con, "select * from inputs")
    assert fingerprint(con, "select * from inputs order by id desc") == base
    assert fingerprint(con, "select * from inputs where id <> '7'") != base
    changed = "select id, case when id = '3' then [3, 6.5]::float[2] else v end as v from inputs"
    assert fingerprint(con, changed) != base
    # The model's source and the input's name count too.
    assert memo.input_fingerprint({"inputs": con.sql("from inputs")}, "other source") != base
    assert memo.input_fingerprint({"renamed": con.sql("from inputs")}, "source") != base


def test_code_version_changes_with_any_module(tmp_path, monkeypatch):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.py").write_text("y = 2\n")
    monkeypatch.setattr(memo, "PACKAGE_DIR", tmp_path)

    def version():
        memo.code_version.cache_clear()
        return memo.code_version()

    try:
        before = version()
        assert version() == before
        (tmp_path / "sub" / "b.py").write_text("y = 3\n")
        assert version() != before
    finally:
        memo.code_version.cache_clear()


class This:
    """dbt.this of the fake model: its table name, and the identifier memo reports to observers."""

    identifier = "model"

    def __str__(self):
        return "model"


def run(con, is_incremental: bool):
    """A memoised model over ``inputs`` writing table ``model``; returns (rows, computed)."""
    computed = []

    def compute():
        computed.append(True)
        return con.sql("select id, v[1] + v[2] as total from inputs").to_arrow_table()

    dbt = SimpleNamespace(is_incremental=is_incremental, this=This())
    result = memo.memoised(dbt, con, {"inputs": con.sql("from inputs")}, compute)
    returned = result if isinstance(result, pa.Table) else result.to_arrow_table()
    con.execute("create or replace table model_next as select * from returned")
    con.execute("create or replace table model as select * from model_next")
    return returned, bool(computed)


def test_memoised_keeps_rows_while_inputs_are_unchanged(con):
    first, computed = run(con, is_incremental=False)
    assert computed and first.column_names == ["id", "total", "input_fingerprint"]
    again, computed = run(con, is_incremental=True)
    assert not computed and again.equals(first)
    con.execute("update inputs set v = [1, 1]::float[2] where id = '4'")
    changed, computed = run(con, is_incremental=True)
    assert computed
    assert changed.column("input_fingerprint")[0] != first.column("input_fingerprint")[0]
    assert dict(zip(changed["id"].to_pylist(), changed["total"].to_pylist()))["4"] == 2


def test_full_refresh_always_computes(con):
    run(con, is_incremental=False)
    _, computed = run(con, is_incremental=False)  # --full-refresh: dbt.is_incremental is False
    assert computed


def test_another_engine_always_computes_and_stores_no_fingerprint(con):
    """Spark: no DuckDB hash() to fingerprint with, so every build computes."""
    table = con.sql("select id from inputs order by id").to_arrow_table()
    dbt = SimpleNamespace(is_incremental=True, this=This())
    spark_session = type("SparkSession", (), {"__module__": "pyspark.sql.session"})()
    result = memo.memoised(dbt, spark_session, {"inputs": None}, lambda: table)
    assert result.column_names == ["id", "input_fingerprint"]
    assert result.column("id").equals(table.column("id"))
    assert result.column("input_fingerprint").null_count == table.num_rows


def test_a_table_without_fingerprints_is_recomputed(con):
    con.execute("create table model as select id from inputs")  # built before memoisation
    _, computed = run(con, is_incremental=True)
    assert computed


def memoised_model_files() -> list[Path]:
    return sorted(p for p in (PROJECT_DIR / "models").rglob("*.py") if "memoised(" in p.read_text(encoding="utf-8"))


def ref_calls(node: ast.AST) -> list[ast.Call]:
    return [
        n
        for n in ast.walk(node)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "ref"
        and isinstance(n.func.value, ast.Name)
        and n.func.value.id == "dbt"
    ]


@pytest.mark.parametrize("path", memoised_model_files(), ids=lambda p: p.stem)
def test_every_ref_of_a_memoised_model_is_fingerprinted(path):
    # A table read outside `inputs` would not be in the fingerprint: its changes would go unseen.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inputs = [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Assign) and [t.id for t in n.targets if isinstance(t, ast.Name)] == ["inputs"]
    ]
    assert len(inputs) == 1 and isinstance(inputs[0], ast.Dict), "one `inputs = {...}` dict"
    assert ref_calls(tree), "reads at least one table"
    assert len(ref_calls(inputs[0])) == len(ref_calls(tree))


def test_memoised_models_are_configured_as_such():
    import yaml

    configs = {}
    for path in (PROJECT_DIR / "models").rglob("*.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models") or []:
            configs[model["name"]] = model.get("config") or {}
    for path in memoised_model_files():
        config = configs[path.stem]
        assert config.get("materialized") == "incremental", path.stem
        assert config.get("incremental_strategy") == "replace", path.stem


def test_one_spark_detector_for_sessions_and_frames(con):
    """memo and the embeddings wiring ask the same question (python_udfs.spark.frames.is_spark)."""
    from python_udfs.spark.frames import Frame, is_spark

    assert not is_spark(con)
    assert not is_spark(con.sql("select 1"))
    assert not is_spark(pa.table({"a": [1]}))
    assert is_spark(Frame(object()))
    assert is_spark(type("SparkSession", (), {"__module__": "pyspark.sql.connect.session"})())
