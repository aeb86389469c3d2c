"""What sqlfluff's jinja templater needs, beside its dbt builtins, to render this project's SQL.

sqlfluff (``.sqlfluff``: ``library_path = lint/dbt_context``) puts every public name of this
package in the Jinja context. dbt's parse-time view of the project: ``execute`` is false (the
macros then take the branches dbt itself takes when it parses the project: no query, no graph),
``var()`` returns the defaults in dbt_project.yml and ``adapter.dispatch`` picks a macro the way dbt
does: ``<adapter>__name``, then ``default__name``. The adapter is DuckDB, or Spark when the
environment sets ``SQLFLUFF_DBT_TARGET=spark`` (``make lint``'s parse-only Spark pass).

Two macros learn at execution what dbt's parse does not know; ``.sqlfluff`` replaces them with
these answers from the project's files, so that loops over them render as in a build:
``follower_tier_names`` (``seed_column_values``: the tiers of seeds/follower_tiers.csv) and
``input_file`` (``lint_input_file``: the bundled inputs with their columns).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

import jinja2
import yaml

_ROOT = Path(__file__).resolve().parents[2]
_PROJECT = yaml.safe_load((_ROOT / "dbt_project.yml").read_text())
_TARGET_TYPE = os.environ.get("SQLFLUFF_DBT_TARGET", "duckdb")
# Dispatch order, as dbt has it for each target (influencer_spark is dbt-spark's child).
_DISPATCH_PREFIXES = {"duckdb": ["duckdb"], "spark": ["influencer_spark", "spark"]}[_TARGET_TYPE]

execute = False
project_name = _PROJECT["name"]


class _Missing(Exception):
    pass


def var(name: str, default: Any = None) -> Any:
    return _PROJECT.get("vars", {}).get(name, default)


def env_var(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def log(message: str, info: bool = False) -> str:
    return ""


def run_query(sql: str) -> None:
    return None


def seed_column_values(seed: str, column: str) -> list[str]:
    """The values of a column of a bundled seed, in file order."""
    with (_ROOT / "seeds" / f"{seed}.csv").open(newline="") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def lint_input_file(input_name: str) -> dict[str, Any]:
    """macros/input_relation.sql's input_file() for the default vars (the bundled seeds and the
    TikTok sample), with the columns dbt only reads from its graph at execution."""
    if input_name == "tiktok_profiles":
        sources = yaml.safe_load((_ROOT / "models/staging/tiktok/_tiktok__sources.yml").read_text())
        table = sources["sources"][0]["tables"][0]
        path = var("tiktok_profiles_path")
        columns = [column["name"] for column in table["columns"]]
        return {"name": input_name, "route": "file", "columns": columns, "setting": "tiktok_profiles_path",
                "path": path, "display": path}  # fmt: skip
    seeds = yaml.safe_load((_ROOT / "seeds/_seeds.yml").read_text())["seeds"]
    seed = next(seed for seed in seeds if seed["name"] == input_name)
    path = f"seeds/{input_name}.csv"
    return {"name": input_name, "route": "seed", "columns": list(seed["config"]["column_types"]), "setting": None,
            "path": path, "display": path}  # fmt: skip


class _Target:
    type = "influencer_spark" if _TARGET_TYPE == "spark" else "duckdb"
    schema = "main"
    endpoint = None


target = _Target()


class _Exceptions:
    @staticmethod
    def raise_compiler_error(message: str) -> None:
        raise jinja2.TemplateError(message)


exceptions = _Exceptions()


class _Adapter:
    @staticmethod
    @jinja2.pass_context
    def dispatch(context: Any, macro_name: str, macro_namespace: str | None = None) -> Any:
        for prefix in [*_DISPATCH_PREFIXES, "default"]:
            candidate = context.get(f"{prefix}__{macro_name}")
            if candidate is not None:
                return candidate
        raise jinja2.TemplateError(f"adapter.dispatch: no macro {macro_name!r} for {_TARGET_TYPE}")

    @staticmethod
    def quote(identifier: str) -> str:
        return f"`{identifier}`" if _TARGET_TYPE == "spark" else f'"{identifier}"'

    @staticmethod
    def get_columns_in_relation(relation: Any) -> list[Any]:
        return []

    @staticmethod
    def get_relation(*args: Any, **kwargs: Any) -> None:
        return None


adapter = _Adapter()


class _Relation:
    """dbt's ``api.Relation``: a relation renders as its quoted, dot-joined parts."""

    def __init__(self, database: str | None = None, schema: str | None = None, identifier: str | None = None):
        self.database, self.schema, self.identifier = database, schema, identifier

    @classmethod
    def create(cls, database: str | None = None, schema: str | None = None, identifier: str | None = None, **_: Any):
        return cls(database, schema, identifier)

    def __str__(self) -> str:
        return ".".join(_Adapter.quote(part) for part in (self.database, self.schema, self.identifier) if part)


class _Api:
    Relation = _Relation


api = _Api()
