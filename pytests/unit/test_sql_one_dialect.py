"""scripts/sql_one_dialect.py: trailing commas and bare varchar out of Jinja-templated SQL, Jinja untouched."""

import importlib.util
import sys
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "sql_one_dialect", Path(__file__).parents[2] / "scripts" / "sql_one_dialect.py"
)
sql_one_dialect = importlib.util.module_from_spec(_SPEC)
sys.modules["sql_one_dialect"] = sql_one_dialect  # dataclasses look their module up
_SPEC.loader.exec_module(sql_one_dialect)


def rewrite(sql: str) -> str:
    return sql_one_dialect.rewrite(sql)[0]


def test_trailing_commas_before_from_and_bracket_go():
    sql = "select\n    a,\n    b, -- last\nfrom t\nwhere x in (1, 2,\n)"
    assert rewrite(sql) == "select\n    a,\n    b -- last\nfrom t\nwhere x in (1, 2\n)"


def test_literals_comments_and_jinja_are_untouched():
    sql = (
        "select ', from' as a, \"b,)\" as c, -- d, from\n"
        "    {{ m(['x', 'y',]) }} as e, '{{ var(\"v\") }},)' as f, {# g, from #} h\nfrom t"
    )
    assert rewrite(sql) == sql


def test_comma_before_the_end_of_if_branches_goes():
    sql = "select a,\n{%- if x %}\n    b,\n{%- else %}\n    c,\n{%- endif %}\nfrom t"
    assert rewrite(sql) == "select a,\n{%- if x %}\n    b\n{%- else %}\n    c\n{%- endif %}\nfrom t"


def test_comma_ending_a_loop_body_before_from_becomes_loop_aware():
    sql = "select a,\n{%- for c in cols %}\n    {{ c }},\n{%- endfor %}\nfrom t"
    assert (
        rewrite(sql) == "select a,\n{%- for c in cols %}\n    {{ c }}{{ ',' if not loop.last }}\n{%- endfor %}\nfrom t"
    )


def test_comma_before_a_loop_or_column_stays():
    sql = "select a,\n{%- for c in cols %}\n    {{ c }},\n{%- endfor %}\n    b\nfrom t"
    assert rewrite(sql) == sql


def test_comma_whose_follower_depends_on_a_condition_is_reported_not_changed():
    sql = "select a,\n{%- if x %}\n    b\n{%- endif %}\nfrom t"
    result, findings = sql_one_dialect.rewrite(sql)
    assert result == sql
    assert [(f.line, f.action) for f in findings] == [(1, "unsure")]


def test_bare_varchar_becomes_string_sized_and_quoted_stay():
    sql = "select cast(a as varchar), a::VARCHAR[], cast(b as varchar(10)), 'varchar' as my_varchar from t"
    assert (
        rewrite(sql) == "select cast(a as string), a::string[], cast(b as varchar(10)), 'varchar' as my_varchar from t"
    )


def test_rewrite_is_idempotent():
    sql = "select a,\n{%- for c in cols %}\n    {{ c }},\n{%- endfor %}\nfrom (select b, from t,)"
    once = rewrite(sql)
    assert rewrite(once) == once
