"""Reading a TikTok export as the generator tests do: the two bundled files, their formats, and
Python's csv module and DuckDB ``read_csv`` (all varchar or explicit varchar columns) side by side.

Used by pytests/unit/test_tiktok_generator.py.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb

from pytests.support.paths import PROJECT_DIR
from python_udfs.generators.tiktok_profiles import COLUMNS

SAMPLE = PROJECT_DIR / "data" / "tiktok_profiles_sample.csv"
FIXTURE = PROJECT_DIR / "pytests" / "fixtures" / "tiktok_quirks.csv"

HEADER_LINE = ",".join(f'"{c}"' for c in COLUMNS) + "\n"
ISO_MS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
VIDEO_URL = re.compile(r"^https://www\.tiktok\.com/@[^/]+/video/\d{19}$")
NUMERIC_COLUMNS = [
    "awg_engagement_rate",
    "comment_engagement_rate",
    "like_engagement_rate",
    "followers",
    "following",
    "likes",
    "videos_count",
]


def parse(text: str) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = next(reader)
    assert header == COLUMNS
    rows = list(reader)
    assert all(len(r) == 18 for r in rows)
    return [dict(zip(COLUMNS, r)) for r in rows]


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def duckdb_rows(path: Path, explicit_columns: bool = False) -> list[dict]:
    if explicit_columns:
        cols = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in COLUMNS) + "}"
        options = f"columns = {cols}"
    else:
        options = "all_varchar = true"
    con = duckdb.connect()
    try:
        rel = con.sql(
            f"select * from read_csv('{path}', header = true, quote = '\"', escape = '\"', "
            f"nullstr = 'null', strict_mode = true, {options})"
        )
        assert rel.columns == COLUMNS
        assert set(rel.types) == {duckdb.sqltype("VARCHAR")}
        return [dict(zip(COLUMNS, r)) for r in rel.fetchall()]
    finally:
        con.close()


def num(value: str) -> float | None:
    return None if value == "null" else float(value)
