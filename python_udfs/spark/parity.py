"""Parity of two builds of the project: the DuckDB warehouse against the Spark one (make test-spark).

``python -m python_udfs.spark.parity --duckdb FILE --spark-warehouse DIR`` compares every table of the
DuckDB schemas staging and main (the staging and mart relations) with the Spark table of the same
schema and name, read straight from its parquet files (<warehouse>/<schema>.db/<table>/, no JVM):
row counts equal, the same columns, and row for row (rows matched in a canonical order, not the
stored one) keys, text and lists exact, floating-point values within 1e-9 (relative above 1).
Prints what differs and one closing line ``N passed, M failed``; exits 1 when M > 0. A relation
missing on either side is a failure. The memo bookkeeping column ``input_fingerprint``
(python_udfs.dbt_glue.memo: a DuckDB hash of a model's inputs; NULL on Spark, which recomputes every build)
is not compared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

FLOAT_TOLERANCE = 1e-9
SCHEMAS = ("staging", "main")
# Bookkeeping columns that differ between engines by design (python_udfs.dbt_glue.memo.FINGERPRINT_COLUMN).
NOT_COMPARED = ("input_fingerprint",)
# How many differing values a failed relation shows.
MAX_SHOWN = 5


@dataclass(frozen=True)
class Outcome:
    relation: str
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.problems


def normalised(value: Any) -> Any:
    """A value in a form both engines agree on: decimals as floats, datetimes naive UTC, structs as dicts."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        # pandas Timestamps (Spark's INT96 parquet timestamps come back as nanoseconds) as datetimes.
        if type(value) is not dt.datetime and hasattr(value, "to_pydatetime"):
            value = value.to_pydatetime()
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo is not None else value
    if isinstance(value, list | tuple):
        return [normalised(item) for item in value]
    if isinstance(value, dict):
        return {key: normalised(item) for key, item in value.items()}
    return value


def _sort_key(value: Any) -> tuple[Any, ...]:
    # Total order over mixed values: NULL first, then by type, floats rounded so that two engines'
    # last-bit differences do not reorder rows.
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, int | float):
        number = float(value)
        return (2, 0.0 if math.isnan(number) else float(f"{number:.6g}"), math.isnan(number))
    if isinstance(value, str):
        return (3, value)
    if isinstance(value, list):
        return (4, tuple(_sort_key(item) for item in value))
    if isinstance(value, dict):
        return (5, tuple((key, _sort_key(item)) for key, item in sorted(value.items())))
    return (6, str(value))


def values_equal(left: Any, right: Any, tolerance: float = FLOAT_TOLERANCE) -> bool:
    """Exact, except floats: within ``tolerance`` (absolute up to 1, relative above)."""
    if isinstance(left, float) or isinstance(right, float):
        if not isinstance(left, int | float) or not isinstance(right, int | float):
            return False
        if isinstance(left, bool) or isinstance(right, bool):
            return left is right
        if math.isnan(left) or math.isnan(right):
            return math.isnan(left) and math.isnan(right)
        if math.isinf(left) or math.isinf(right):
            return left == right
        return abs(left - right) <= tolerance * max(1.0, abs(left), abs(right))
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(values_equal(a, b, tolerance) for a, b in zip(left, right))
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(values_equal(left[k], right[k], tolerance) for k in left)
    if type(left) is not type(right) and not (isinstance(left, int) and isinstance(right, int)):
        return False
    return left == right


def canonical_rows(table: pa.Table, columns: list[str]) -> list[tuple[Any, ...]]:
    """The rows as tuples of normalised values over ``columns``, in an order that ignores storage order."""
    data = [[normalised(value) for value in table.column(name).to_pylist()] for name in columns]
    rows = list(zip(*data)) if data else [() for _ in range(table.num_rows)]
    return sorted(rows, key=lambda row: tuple(_sort_key(value) for value in row))


def compare_tables(relation: str, left: pa.Table, right: pa.Table, tolerance: float = FLOAT_TOLERANCE) -> Outcome:
    """What differs between the DuckDB (left) and Spark (right) table of ``relation``."""
    problems: list[str] = []
    left = left.drop_columns([name for name in left.column_names if name.lower() in NOT_COMPARED])
    right = right.drop_columns([name for name in right.column_names if name.lower() in NOT_COMPARED])
    if left.num_rows != right.num_rows:
        problems.append(f"row count {left.num_rows} on DuckDB, {right.num_rows} on Spark")
    left_columns = [name.lower() for name in left.column_names]
    right_columns = [name.lower() for name in right.column_names]
    if sorted(left_columns) != sorted(right_columns):
        only_left = sorted(set(left_columns) - set(right_columns))
        only_right = sorted(set(right_columns) - set(left_columns))
        problems.append(f"columns differ: only on DuckDB {only_left}, only on Spark {only_right}")
    if problems:
        return Outcome(relation, tuple(problems))
    left = left.rename_columns(left_columns)
    right = right.rename_columns(right_columns)
    left_rows = canonical_rows(left, left_columns)
    right_rows = canonical_rows(right, left_columns)
    shown = 0
    for index, (left_row, right_row) in enumerate(zip(left_rows, right_rows)):
        for name, a, b in zip(left_columns, left_row, right_row):
            if not values_equal(a, b, tolerance):
                if shown < MAX_SHOWN:
                    problems.append(f"row {index + 1} (sorted) column {name}: DuckDB {a!r:.200} | Spark {b!r:.200}")
                shown += 1
    if shown > MAX_SHOWN:
        problems.append(f"... {shown - MAX_SHOWN} more differing values")
    return Outcome(relation, tuple(problems))


def compare_builds(left: dict[str, pa.Table], right: dict[str, pa.Table | None]) -> list[Outcome]:
    """Every relation of ``left`` (DuckDB) against ``right`` (Spark; None or absent = not built there)."""
    outcomes = []
    for relation in sorted(left):
        other = right.get(relation)
        if other is None:
            outcomes.append(Outcome(relation, ("not built on Spark",)))
        else:
            outcomes.append(compare_tables(relation, left[relation], other))
    for relation in sorted(set(right) - set(left)):
        if right[relation] is not None:
            outcomes.append(Outcome(relation, ("not built on DuckDB",)))
    return outcomes


def duckdb_relations(database: str, schemas: tuple[str, ...] = SCHEMAS) -> dict[str, pa.Table]:
    import duckdb

    tables = {}
    with duckdb.connect(database, read_only=True) as con:
        names = con.execute(
            "select table_schema, table_name from information_schema.tables"
            f" where table_schema in ({', '.join('?' for _ in schemas)}) and table_type = 'BASE TABLE'",
            list(schemas),
        ).fetchall()
        for schema, name in names:
            tables[f"{schema}.{name}"] = con.sql(f'select * from "{schema}"."{name}"').to_arrow_table()
    return tables


def spark_relations(warehouse: str | Path, relations: list[str]) -> dict[str, pa.Table | None]:
    """The parquet tables of a Spark warehouse (<warehouse>/<schema>.db/<table>), None where absent."""
    import pyarrow.dataset as ds

    tables: dict[str, pa.Table | None] = {}
    for relation in relations:
        schema, name = relation.split(".", 1)
        path = Path(warehouse) / f"{schema}.db" / name.lower()
        tables[relation] = ds.dataset(path, format="parquet").to_table() if path.is_dir() else None
    return tables


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duckdb", required=True, help="the DuckDB warehouse file")
    parser.add_argument("--spark-warehouse", required=True, help="the Spark warehouse directory")
    args = parser.parse_args(argv)
    left = duckdb_relations(args.duckdb)
    right = spark_relations(args.spark_warehouse, list(left))
    outcomes = compare_builds(left, right)
    for outcome in outcomes:
        print(f"{'PASS' if outcome.passed else 'FAIL'} {outcome.relation}")
        for problem in outcome.problems:
            print(f"    {problem}")
    failed = sum(not outcome.passed for outcome in outcomes)
    print(f"{len(outcomes) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
