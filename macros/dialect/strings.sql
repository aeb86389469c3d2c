{#- Text in SQL: string literals, concatenation, regular expressions, JSON quoting, hashing and
    number formatting, where DuckDB and Spark write (or compute) them differently. -#}

{#- A text as a SQL string literal: file paths, read_csv options, labels (a path may hold
    apostrophes and quotes). The one place a literal is quoted. DuckDB doubles an apostrophe. Spark
    unescapes backslashes in a literal (a Windows path, a JSON escape): a backslash is doubled there
    and an apostrophe escaped with one. -#}
{% macro sql_string(text) %}{{ return(adapter.dispatch('sql_string', 'influencer_analytics')(text)) }}{% endmacro %}

{% macro default__sql_string(text) -%}
    '{{ text | string | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__sql_string(text) -%}
    '{{ text | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}

{#- The texts one after the other, a NULL one skipped (exprs: SQL expressions). Spark's concat is
    NULL when any part is: concat_ws skips them, as DuckDB's concat does. -#}
{% macro concat_texts(exprs) %}{{ return(adapter.dispatch('concat_texts', 'influencer_analytics')(exprs)) }}{% endmacro %}

{% macro default__concat_texts(exprs) -%}
    concat({{ exprs | join(', ') }})
{%- endmacro %}

{% macro spark__concat_texts(exprs) -%}
    concat_ws('', {{ exprs | join(', ') }})
{%- endmacro %}

{#- Text split on a regular expression (both engines keep empty pieces). Spark string literals
    unescape backslashes: they are doubled so the regular expression sees them. -#}
{% macro regexp_split(expr, pattern) %}{{ return(adapter.dispatch('regexp_split', 'influencer_analytics')(expr, pattern)) }}{% endmacro %}

{% macro default__regexp_split(expr, pattern) -%}
    regexp_split_to_array({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__regexp_split(expr, pattern) -%}
    split({{ expr }}, '{{ pattern | replace("\\", "\\\\") }}', -1)
{%- endmacro %}

{#- True when the whole text matches the regular expression. -#}
{% macro matches_pattern(expr, pattern) %}{{ return(adapter.dispatch('matches_pattern', 'influencer_analytics')(expr, pattern)) }}{% endmacro %}

{% macro default__matches_pattern(expr, pattern) -%}
    regexp_full_match({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__matches_pattern(expr, pattern) -%}
    {{ expr }} rlike '^(?:{{ pattern | replace("\\", "\\\\") }})$'
{%- endmacro %}

{#- A text as a JSON string literal ("a\tb"), to show spaces and tabs in a reason. Spark's to_json
    takes arrays, not strings: ["text"] without its brackets. -#}
{% macro json_quoted_text(expr) %}{{ return(adapter.dispatch('json_quoted_text', 'influencer_analytics')(expr)) }}{% endmacro %}

{% macro default__json_quoted_text(expr) -%}
    cast(to_json({{ expr }}) as string)
{%- endmacro %}

{% macro spark__json_quoted_text(expr) -%}
    regexp_extract(to_json(array({{ expr }})), '^\\[(.*)\\]$', 1)
{%- endmacro %}

{#- Cache key of a cleaned text (hex SHA-256; python_udfs.core.embeddings.text_hash computes the same). -#}
{% macro text_hash(expr) %}{{ return(adapter.dispatch('text_hash', 'influencer_analytics')(expr)) }}{% endmacro %}

{% macro default__text_hash(expr) -%}
    sha256({{ expr }})
{%- endmacro %}

{% macro spark__text_hash(expr) -%}
    sha2({{ expr }}, 256)
{%- endmacro %}

{#- A number as text with a fixed number of decimals (for human-readable reasons). Spark: Python's
    '%.nf' (format_decimal, a UDF python_udfs.spark.adapter registers): the exact binary value
    rounded half-even, as DuckDB's printf. Spark's format_string rounds the shortest decimal
    half-up (2.675 -> 2.68 where printf gives 2.67). -#}
{% macro format_decimal(expr, decimals) %}{{ return(adapter.dispatch('format_decimal', 'influencer_analytics')(expr, decimals)) }}{% endmacro %}

{% macro default__format_decimal(expr, decimals) -%}
    printf('%.{{ decimals }}f', cast({{ expr }} as double))
{%- endmacro %}

{% macro spark__format_decimal(expr, decimals) -%}
    format_decimal(cast({{ expr }} as double), {{ decimals }})
{%- endmacro %}

{#- The decimal type sums of counts are computed in before a division. Spark keeps only 6 decimals
    of a decimal(38, 10) quotient (the result's precision is capped at 38); decimal(20, 10) leaves it
    16. DuckDB divides decimals as doubles either way. -#}
{% macro exact_decimal_type() %}{{ return(adapter.dispatch('exact_decimal_type', 'influencer_analytics')()) }}{% endmacro %}

{% macro default__exact_decimal_type() -%}
    decimal(38, 10)
{%- endmacro %}

{% macro spark__exact_decimal_type() -%}
    decimal(20, 10)
{%- endmacro %}
