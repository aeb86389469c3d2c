"""Read-only queries of a built DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb


def query(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.sql(sql).fetchall()


def query_df(database: Path, sql: str):
    with duckdb.connect(str(database), read_only=True) as con:
        return con.sql(sql).df()
