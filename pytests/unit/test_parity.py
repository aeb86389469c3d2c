"""python_udfs.spark.parity: a planted difference of each kind fails, storage order and float noise do not."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyarrow as pa

from python_udfs.spark.parity import compare_builds, compare_tables, values_equal


def _table(**columns):
    return pa.table(columns)


BASE = {
    "influencer_id": ["INF002", "INF001", "INF003"],
    "score": [0.1 + 0.2, 1e6 / 3, None],
    "reasons": [["a", "b"], [], None],
    "label": ["x", "y", "z"],
}


def test_identical_tables_in_another_row_order_pass():
    shuffled = {name: [values[i] for i in (2, 0, 1)] for name, values in BASE.items()}
    assert compare_tables("main.t", _table(**BASE), _table(**shuffled)).passed


def test_floats_within_tolerance_pass_and_beyond_fail():
    near = dict(BASE, score=[0.3, 1e6 / 3 * (1 + 1e-12), None])
    assert compare_tables("main.t", _table(**BASE), _table(**near)).passed
    far = dict(BASE, score=[0.3 + 1e-6, 1e6 / 3, None])
    outcome = compare_tables("main.t", _table(**BASE), _table(**far))
    assert not outcome.passed
    assert "column score" in outcome.problems[0]


def test_text_key_and_list_differences_fail():
    for column, values in [
        ("label", ["x", "y", "Z"]),
        ("influencer_id", ["INF002", "INF001", "INF004"]),
        ("reasons", [["a", "b"], [], []]),
        ("reasons", [["b", "a"], [], None]),
    ]:
        planted = dict(BASE, **{column: values})
        assert not compare_tables("main.t", _table(**BASE), _table(**planted)).passed, column


def test_row_count_and_columns_fail():
    fewer = {name: values[:2] for name, values in BASE.items()}
    assert "row count 3 on DuckDB, 2 on Spark" in compare_tables("main.t", _table(**BASE), _table(**fewer)).problems
    renamed = {("score_pct" if name == "score" else name): values for name, values in BASE.items()}
    outcome = compare_tables("main.t", _table(**BASE), _table(**renamed))
    assert not outcome.passed and "columns differ" in outcome.problems[0]


def test_types_that_differ_only_in_storage_compare_by_value():
    # DuckDB BIGINT vs Spark INT, DECIMAL vs DOUBLE, TIMESTAMPTZ vs naive UTC, FLOAT vectors.
    assert values_equal(3, 3)
    left = pa.table({"n": pa.array([3], pa.int64()), "d": [Decimal("1.25")]})
    right = pa.table({"n": pa.array([3], pa.int32()), "d": [1.25]})
    assert compare_tables("main.t", left, right).passed
    aware = pa.table({"t": pa.array([dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)])})
    naive = pa.table({"t": pa.array([dt.datetime(2026, 1, 1, 12)])})
    assert compare_tables("main.t", aware, naive).passed
    assert not values_equal("1", 1) and not values_equal(None, 0.0) and not values_equal(True, 1.0)


def test_missing_relations_fail_on_either_side():
    table = _table(**BASE)
    outcomes = {
        o.relation: o for o in compare_builds({"main.a": table, "main.b": table}, {"main.a": table, "main.c": table})
    }
    assert outcomes["main.a"].passed
    assert outcomes["main.b"].problems == ("not built on Spark",)
    assert outcomes["main.c"].problems == ("not built on DuckDB",)


def test_spark_int96_timestamps_read_as_pandas_compare_equal_to_duckdb_datetimes():
    import pandas as pd

    duck = pa.table({"t": pa.array([dt.datetime(2024, 3, 12, 18, 23, 26, 805000)], pa.timestamp("us"))})
    spark = pa.table({"t": pa.array([pd.Timestamp("2024-03-12 18:23:26.805")], pa.timestamp("ns"))})
    assert compare_tables("staging.t", duck, spark).passed
    later = pa.table({"t": pa.array([pd.Timestamp("2024-03-12 18:23:26.806")], pa.timestamp("ns"))})
    assert not compare_tables("staging.t", duck, later).passed


def test_the_memo_fingerprint_is_not_compared_but_every_other_column_is():
    duckdb_side = pa.table({"k": ["a"], "v": [1.0], "input_fingerprint": ["9f86d08"]})
    spark_side = pa.table({"k": ["a"], "v": [1.0], "input_fingerprint": pa.array([None], pa.string())})
    assert compare_tables("main.t", duckdb_side, spark_side).passed
    changed = pa.table({"k": ["a"], "v": [2.0], "input_fingerprint": pa.array([None], pa.string())})
    assert not compare_tables("main.t", duckdb_side, changed).passed
