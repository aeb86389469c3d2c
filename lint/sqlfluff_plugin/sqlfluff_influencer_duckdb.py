"""sqlfluff plugin: two DuckDB constructs the project writes that sqlfluff 4.5's duckdb grammar lacks.

- ``* except (c, ...)``: DuckDB's synonym of ``* exclude (c, ...)``, and the spelling Spark accepts
  too, so the project writes it. sqlfluff's duckdb grammar reads that ``except`` as the set operator
  (an unparsable section, or silently a wrong tree: unused CTEs, unknown references). As in its
  sparksql grammar, ``except`` followed by a bracketed list of column names is the wildcard's.
- ``lambda x, i: ...``: a lambda with two parameters (the element and its 1-based index); the grammar
  only has ``lambda (x, i): ...``, which DuckDB 2.0 rejects.

Importing the module (sqlfluff loads its plugins before it builds a dialect) puts these segments
in the duckdb dialect's module, which sqlfluff reads when it builds the dialect; the hooks add
nothing else.
"""

from __future__ import annotations

from typing import Any

from sqlfluff.core.parser import Bracketed, Delimited, OneOf, Ref, Sequence
from sqlfluff.core.plugin import hookimpl
from sqlfluff.dialects import dialect_ansi, dialect_duckdb


class SetOperatorSegment(dialect_ansi.SetOperatorSegment):
    """A set operator, but not the ``except`` of ``* except (c, ...)``."""

    match_grammar = OneOf(
        Ref("UnionGrammar"),
        Sequence(OneOf("INTERSECT", "EXCEPT"), Ref.keyword("ALL", optional=True)),
        "MINUS",
        exclude=Sequence("EXCEPT", Bracketed(Delimited(Ref("ColumnReferenceSegment")))),
    )


class WildcardExcludeExpressionSegment(dialect_duckdb.WildcardExcludeExpressionSegment):
    """``exclude`` or ``except`` and the columns a wildcard leaves out."""

    match_grammar = Sequence(
        OneOf("EXCLUDE", "EXCEPT"),
        OneOf(
            Ref("ColumnReferenceSegment"),
            Bracketed(Delimited(Ref("ColumnReferenceSegment"), allow_trailing=True)),
        ),
    )


class LambdaExpressionSegment(dialect_duckdb.LambdaExpressionSegment):
    """``x -> ...``, ``(x, i) -> ...``, ``lambda x: ...`` and ``lambda x, i: ...``."""

    match_grammar = OneOf(
        Sequence(
            OneOf(Ref("ParameterNameSegment"), Bracketed(Delimited(Ref("ParameterNameSegment")))),
            Ref("LambdaArrowSegment"),
            Ref("ExpressionSegment"),
        ),
        Sequence(
            "LAMBDA",
            OneOf(Delimited(Ref("ParameterNameSegment")), Bracketed(Delimited(Ref("ParameterNameSegment")))),
            Ref("ColonSegment"),
            Ref("ExpressionSegment"),
        ),
    )


# sqlfluff builds the dialect from the segment classes in its module's namespace (load_raw_dialect).
dialect_duckdb.SetOperatorSegment = SetOperatorSegment
dialect_duckdb.WildcardExcludeExpressionSegment = WildcardExcludeExpressionSegment
dialect_duckdb.LambdaExpressionSegment = LambdaExpressionSegment


@hookimpl
def get_rules() -> list[Any]:
    return []


@hookimpl
def load_default_config() -> dict[str, Any]:
    return {}


@hookimpl
def get_configs_info() -> dict[str, Any]:
    return {}
