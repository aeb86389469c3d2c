"""dbt-duckdb plugin: registers the project's Python functions as DuckDB UDFs on dbt's connection.

Listed under ``plugins:`` in profiles.yml. A Python UDF exists only on dbt's own connection, so a
model that calls one must be materialised as a table (a view would fail in any other client).
"""

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from python_udfs.core.settings import settings_problem
from python_udfs.core.text import clean_text, cleaning_version


class Plugin(BasePlugin):
    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        # NULL in -> '' out: an influencer with no usable text still gets a row (and a flag).
        conn.create_function(
            "clean_text",
            clean_text,
            ["VARCHAR"],
            "VARCHAR",
            null_handling="special",
            side_effects=False,
        )
        # The cleaning code's version: int_influencers_cleaned cleans a text again when it changes.
        conn.create_function("text_cleaning_version", cleaning_version, [], "VARCHAR", side_effects=False)
        # The on-run-start settings check (macros/settings/project_settings.sql): NULL, or what is wrong with a var.
        conn.create_function(
            "settings_problem", settings_problem, ["VARCHAR"], "VARCHAR", null_handling="special", side_effects=False
        )
