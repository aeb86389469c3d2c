"""Reading the built DuckDB file: what is in it and the settings it was built with.

Shared by the CSV export and the report, which read marts only (schema ``main``).
"""

from __future__ import annotations

import json

import duckdb

from python_udfs.core.settings import Settings


def existing_relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every table and view in the file, as ``schema.name``."""
    rows = con.sql("select table_schema || '.' || table_name from information_schema.tables").fetchall()
    return {name for (name,) in rows}


def built_settings(con: duckdb.DuckDBPyConnection) -> Settings:
    """The settings the marts were built with (the mart ``project_settings``)."""
    rows = con.sql("select setting_name, setting_value from main.project_settings").fetchall()
    return Settings.from_mapping({name: json.loads(value) for name, value in rows})
