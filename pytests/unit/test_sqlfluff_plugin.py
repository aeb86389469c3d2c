"""lint/sqlfluff_plugin: the duckdb grammar parses `* except (...)` and `lambda x, i:`, set operators stay."""

import pytest

from pytests.support.paths import PROJECT_DIR

sqlfluff = pytest.importorskip("sqlfluff")


def segment_types(sql: str) -> set[str]:
    # The project's .sqlfluff, as make lint reads it: its Python parser (sqlfluffrs' Rust parser,
    # installed for the Spark pass, does not see the plugin's segments).
    from sqlfluff.core import FluffConfig

    tree = sqlfluff.parse(sql, config=FluffConfig.from_path(str(PROJECT_DIR), overrides={"dialect": "duckdb"}))
    types: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            types.update(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return types


def test_wildcard_except_is_the_wildcards_not_a_set_operator():
    types = segment_types("select p.* except (a, b), c from p inner join q using (k)\n")
    assert "wildcard_exclude" in types
    assert "set_operator" not in types


def test_except_of_two_queries_is_still_a_set_operator():
    assert "set_operator" in segment_types("select a from t except (select a from u)\n")
    assert "set_operator" in segment_types("select a from t except select a from u\n")


def test_two_parameter_python_style_lambda():
    assert "lambda_function" in segment_types("select list_transform(l, lambda x, i: x + i) as y from t\n")
