"""The I/O seam that runs the same Python model file on DuckDB and on Spark.

A model reads its refs through the subset of DuckDB's relation API the project uses
(``to_arrow_table``, ``filter``, ``project``, ``fetchall``, ``union``) and returns an Arrow table (or
a Spark DataFrame). dbt-duckdb hands a model DuckDB relations and writes the Arrow it returns; on
Spark, :class:`python_udfs.spark.adapter.SessionPythonJobHelper` hands it :class:`Frame` (the same
calls over a Spark DataFrame) and :func:`to_spark_frame` turns what it returns into a DataFrame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa


class Frame:
    """A Spark DataFrame behind the DuckDB relation calls of the project's Python models."""

    def __init__(self, frame: Any) -> None:
        self.frame = frame

    def to_arrow_table(self) -> pa.Table:
        # Arrow straight from the executors (Spark 4), with the column types the Spark table has.
        return self.frame.toArrow()

    def filter(self, condition: str) -> Frame:
        return Frame(self.frame.filter(condition))

    def project(self, columns: str) -> Frame:
        # The models project plain column lists ("brand_id, influencer_id"), as DuckDB's project takes them.
        return Frame(self.frame.selectExpr(*[column.strip() for column in columns.split(",")]))

    def union(self, other: Frame) -> Frame:
        # DuckDB's relation union keeps duplicates (UNION ALL) and pairs columns by position.
        return Frame(self.frame.union(other.frame))

    def fetchall(self) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.frame.collect()]


def frame_loader(spark: Any) -> Callable[[str], Frame]:
    """What dbt-spark's ``dbtObj`` calls to load a ref or source: its table, as a :class:`Frame`."""
    return lambda name: Frame(spark.table(name))


def is_spark(value: Any) -> bool:
    """True for a Spark object: a :class:`Frame`, a DataFrame, a SparkSession (classic or Spark
    Connect). dbt-duckdb hands models DuckDB relations and a wrapped DuckDB cursor instead."""
    return isinstance(value, Frame) or type(value).__module__.startswith("pyspark.")


def spark_frame(value: Any) -> Any:
    """The Spark DataFrame behind a :class:`Frame` (a DataFrame passes through)."""
    return value.frame if isinstance(value, Frame) else value


def to_spark_frame(spark: Any, result: Any) -> Any:
    """A model's result as a Spark DataFrame: Arrow (the project's models) or a DataFrame/Frame."""
    if isinstance(result, pa.Table):
        # An empty table still needs its columns and types: createDataFrame takes them from Arrow.
        return spark.createDataFrame(result)
    return spark_frame(result)
