"""python_udfs.spark.sql.strip_trailing_commas: DuckDB's trailing select-list commas, removed for Spark."""

from python_udfs.spark.sql import strip_trailing_commas


def test_trailing_comma_before_from_and_bracket_is_removed():
    sql = "select\n    a,\n    b,\nfrom t\nwhere x in (1, 2,)"
    assert strip_trailing_commas(sql) == "select\n    a,\n    b\nfrom t\nwhere x in (1, 2)"


def test_comments_between_comma_and_from_are_kept():
    sql = "select a, -- the last column\n  /* block */ from t"
    assert strip_trailing_commas(sql) == "select a -- the last column\n  /* block */ from t"


def test_commas_in_literals_names_and_comments_are_untouched():
    sql = "select ', from' as a, `b, from` as c, \"x,)\" as d -- e, from\nfrom t"
    assert strip_trailing_commas(sql) == sql


def test_other_commas_stay():
    sql = "select a, from_date, b from t join u using (k, j)"
    assert strip_trailing_commas(sql) == sql


def test_escaped_quotes_inside_literals():
    sql = "select 'it''s, from', 'a\\', b', c, from t"
    assert strip_trailing_commas(sql) == "select 'it''s, from', 'a\\', b', c from t"


def test_bare_varchar_becomes_string_and_sized_or_quoted_ones_stay():
    sql = "select cast(a as varchar), cast(b as VARCHAR(10)), 'varchar' as t, my_varchar from t"
    assert (
        strip_trailing_commas(sql)
        == "select cast(a as string), cast(b as VARCHAR(10)), 'varchar' as t, my_varchar from t"
    )
