"""python_udfs.dbt_glue.memo: the input fingerprint follows the inputs' content (not their row order), a
matching fingerprint returns the stored rows without computing, anything else computes; and every
memoised model fingerprints every table it reads."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pyarrow as pa
import pytest

from python_udfs.dbt_glue import memo, model_code

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


NICHE_MODEL = PROJECT_DIR / "models" / "intermediate" / "niches" / "int_influencers_labelled.py"


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    """A copy of python_udfs/ that code_version reads instead of the real one (edit it freely)."""
    copy = tmp_path / "python_udfs"
    shutil.copytree(model_code.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(model_code, "PACKAGE_DIR", copy)
    memo.code_version.cache_clear()
    yield copy
    memo.code_version.cache_clear()


def version(source: str) -> str:
    memo.code_version.cache_clear()
    return memo.code_version(source)


def test_code_version_hashes_the_modules_the_model_imports():
    source = NICHE_MODEL.read_text(encoding="utf-8")
    files = {p.relative_to(model_code.PACKAGE_DIR).as_posix() for p in model_code.imported_modules(source)}
    # Its own imports (one inside compute()), and what they import in turn.
    assert {"dbt_glue/memo.py", "core/settings.py", "niches/labels.py"} <= files
    assert {"niches/label_keywords.py", "niches/labelling.py", "core/calibration.py", "core/arrow_tables.py"} <= files
    assert {"__init__.py", "niches/__init__.py", "core/__init__.py"} <= files  # run on import too
    assert not [f for f in files if f.startswith(("report/", "generators/", "tiktok/", "brand_matching/"))]
    assert version(source) == version(source)


def test_a_chart_edit_keeps_a_niche_models_code_version(package_copy):
    source = NICHE_MODEL.read_text(encoding="utf-8")
    before = version(source)
    for name in ("report/charts.py", "report/planner.py", "tiktok/segments.py", "generators/influencers.py"):
        with (package_copy / name).open("a", encoding="utf-8") as file:
            file.write("\n# edited\n")
    assert version(source) == before


@pytest.mark.parametrize(
    "name",
    ["niches/labels.py", "dbt_glue/memo.py", "niches/label_keywords.py", "core/calibration.py", "niches/__init__.py"],
    ids=["imported", "imported at the top", "through labels", "through labelling", "package init"],
)
def test_an_edit_to_an_imported_module_changes_the_code_version(package_copy, name):
    source = NICHE_MODEL.read_text(encoding="utf-8")
    before = version(source)
    with (package_copy / name).open("a", encoding="utf-8") as file:
        file.write("\n# edited\n")
    assert version(source) != before


def test_an_unknown_source_counts_every_module(package_copy):
    """No model file found (source ''), or not Python: the whole package, as before per-model versions."""
    everything = sorted(package_copy.rglob("*.py"))
    assert model_code.imported_modules("") == everything
    assert model_code.imported_modules("not python at all") == everything
    before = version("")
    with (package_copy / "report" / "charts.py").open("a", encoding="utf-8") as file:
        file.write("\n# edited\n")
    assert version("") != before


def test_imports_are_found_at_any_depth_and_relative_ones_resolved():
    source = """
import python_udfs.core.text as t
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from python_udfs.tiktok.segments import NamingRules
def compute():
    from python_udfs.niches import labels
    from python_udfs.core.settings import settings_from_relation
"""
    assert model_code.project_imports(source) == {
        "python_udfs",
        "python_udfs.core",
        "python_udfs.core.text",
        "python_udfs.core.settings",
        "python_udfs.tiktok",
        "python_udfs.tiktok.segments",
        "python_udfs.niches",
        "python_udfs.niches.labels",
    }
    relative = "from . import charts\nfrom .data import NOT_SCORED\nfrom .. import core"
    assert model_code.project_imports(relative, "python_udfs.report.site") == {
        "python_udfs",
        "python_udfs.core",
        "python_udfs.report",
        "python_udfs.report.charts",
        "python_udfs.report.data",
    }


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
    """Each memoised model is incremental (set in the model: dbt-core 1.11 ignores a Python model's
    materialization in dbt_project.yml) with the replace strategy (dbt_project.yml, by folder)."""
    import yaml

    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    for path in memoised_model_files():
        config = project["models"]["influencer_analytics"]
        for part in path.relative_to(PROJECT_DIR / "models").with_suffix("").parts:
            config = config.get(part) or {}
        assert 'dbt.config(materialized="incremental")' in path.read_text(encoding="utf-8"), path.stem
        assert config.get("+incremental_strategy") == "replace", path.stem


def test_one_spark_detector_for_sessions_and_frames(con):
    """memo and the embeddings wiring ask the same question (python_udfs.spark.frames.is_spark)."""
    from python_udfs.spark.frames import Frame, is_spark

    assert not is_spark(con)
    assert not is_spark(con.sql("select 1"))
    assert not is_spark(pa.table({"a": [1]}))
    assert is_spark(Frame(object()))
    assert is_spark(type("SparkSession", (), {"__module__": "pyspark.sql.connect.session"})())


def test_a_parse_disturbed_by_another_thread_is_retried(monkeypatch):
    """CPython 3.11 can raise SystemError from ast.parse when another thread compiles at the same
    moment (seen once in a fresh-clone build); model_code parses again rather than fail the model."""
    import ast

    from python_udfs.dbt_glue import model_code

    real_parse, calls = ast.parse, []

    def flaky_parse(source, *args, **kwargs):
        calls.append(source)
        if len(calls) == 1:
            raise SystemError("AST constructor recursion depth mismatch (before=126, after=122)")
        return real_parse(source, *args, **kwargs)

    monkeypatch.setattr(model_code.ast, "parse", flaky_parse)
    assert model_code.imported_names("import python_udfs.core.text\n") >= {"python_udfs.core.text"}
    assert len(calls) == 2
