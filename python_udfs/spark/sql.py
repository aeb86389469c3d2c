"""SQL text rewrites the Spark target applies to every statement dbt sends (python_udfs.spark.adapter).

The project's SQL is written for DuckDB, which accepts a trailing comma at the end of a select list
(``a, b, from t``); Spark's parser rejects it (``PARSE_SYNTAX_ERROR at or near 'from'``). 111 such
commas sit before ``from`` in 53 model, macro and test files; removing them at execution keeps the
model files unchanged. Only commas outside string literals, quoted names and comments are touched,
and only when the next token is ``from`` or a closing bracket.

Likewise the type name ``varchar`` without a length (DuckDB's text type, in 60-odd casts): Spark
wants ``varchar(n)`` (``DATATYPE_MISSING_SIZE``) and calls its text type ``string``.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z_]\w*")


def _skip_literal(sql: str, start: int) -> int:
    """Index after the quoted literal or name opening at ``start`` ('...', "...", `...`; doubled quotes escape)."""
    quote = sql[start]
    i = start + 1
    while i < len(sql):
        if sql[i] == "\\" and quote != "`":
            i += 2
            continue
        if sql[i] == quote:
            if i + 1 < len(sql) and sql[i + 1] == quote:
                i += 2
                continue
            return i + 1
        i += 1
    return i


def _skip_space_and_comments(sql: str, start: int) -> int:
    i = start
    while i < len(sql):
        if sql[i].isspace():
            i += 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = len(sql) if end < 0 else end + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = len(sql) if end < 0 else end + 2
        else:
            break
    return i


def strip_trailing_commas(sql: str) -> str:
    """``sql`` without the commas that directly precede ``from`` or ``)`` (comments and whitespace between
    allowed), and with ``string`` for a bare ``varchar``."""
    out: list[str] = []
    i = 0
    while i < len(sql):
        char = sql[i]
        if char in "'\"`":
            end = _skip_literal(sql, i)
            out.append(sql[i:end])
            i = end
        elif sql.startswith("--", i) or sql.startswith("/*", i):
            end = _skip_space_and_comments(sql, i)
            out.append(sql[i:end])
            i = end
        elif (word := _WORD.match(sql, i)) is not None and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            following = _skip_space_and_comments(sql, word.end())
            bare_varchar = word.group(0).lower() == "varchar" and not sql.startswith("(", following)
            out.append("string" if bare_varchar else word.group(0))
            i = word.end()
        elif char == ",":
            following = _skip_space_and_comments(sql, i + 1)
            word = _WORD.match(sql, following)
            trailing = (following < len(sql) and sql[following] == ")") or (
                word is not None and word.group(0).lower() == "from"
            )
            if not trailing:
                out.append(char)
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)
