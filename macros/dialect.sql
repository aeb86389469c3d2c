{#- Constructs the models used inline that differ between DuckDB and Spark, each named for what it
    does (dispatched: DuckDB syntax in default__, Spark in spark__). -#}

{#- The element at a 1-based position of a list (NULL beyond its end). Spark's l[i] is 0-based. -#}
{% macro list_element(list_expr, position) -%}
    {{ return(adapter.dispatch('list_element')(list_expr, position)) }}
{%- endmacro %}

{% macro default__list_element(list_expr, position) -%}
    {{ list_expr }}[{{ position }}]
{%- endmacro %}

{% macro spark__list_element(list_expr, position) -%}
    try_element_at({{ list_expr }}, {{ position }})
{%- endmacro %}

{#- A list with one element put in front. -#}
{% macro list_prepend(element, list_expr) -%}
    {{ return(adapter.dispatch('list_prepend')(element, list_expr)) }}
{%- endmacro %}

{% macro default__list_prepend(element, list_expr) -%}
    list_prepend({{ element }}, {{ list_expr }})
{%- endmacro %}

{% macro spark__list_prepend(element, list_expr) -%}
    concat(array({{ element }}), {{ list_expr }})
{%- endmacro %}

{#- Text split on a regular expression (both engines keep empty pieces). -#}
{% macro regexp_split(expr, pattern) -%}
    {{ return(adapter.dispatch('regexp_split')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regexp_split(expr, pattern) -%}
    regexp_split_to_array({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{#- Spark string literals unescape backslashes: double them so the regex sees them. -#}
{% macro spark__regexp_split(expr, pattern) -%}
    split({{ expr }}, '{{ pattern | replace("\\", "\\\\") }}', -1)
{%- endmacro %}

{#- True when the whole text matches the regular expression. -#}
{% macro matches_pattern(expr, pattern) -%}
    {{ return(adapter.dispatch('matches_pattern')(expr, pattern)) }}
{%- endmacro %}

{% macro default__matches_pattern(expr, pattern) -%}
    regexp_full_match({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__matches_pattern(expr, pattern) -%}
    {{ expr }} rlike '^(?:{{ pattern | replace("\\", "\\\\") }})$'
{%- endmacro %}

{#- Aggregate: the value on the row with the smallest keys (compared in order: ties to the next key). -#}
{% macro value_at_min(value_expr, key_exprs) -%}
    {{ return(adapter.dispatch('value_at_min')(value_expr, key_exprs)) }}
{%- endmacro %}

{% macro default__value_at_min(value_expr, key_exprs) -%}
    arg_min({{ value_expr }}, ({{ key_exprs | join(', ') }}))
{%- endmacro %}

{% macro spark__value_at_min(value_expr, key_exprs) -%}
    min_by({{ value_expr }}, struct({{ key_exprs | join(', ') }}))
{%- endmacro %}

{#- Aggregate: texts joined with a separator in a given order (order_by: SQL, e.g. 'n desc, name'). -#}
{% macro ordered_string_agg(expr, separator, order_by) -%}
    {{ return(adapter.dispatch('ordered_string_agg')(expr, separator, order_by)) }}
{%- endmacro %}

{% macro default__ordered_string_agg(expr, separator, order_by) -%}
    string_agg({{ expr }}, '{{ separator }}' order by {{ order_by }})
{%- endmacro %}

{% macro spark__ordered_string_agg(expr, separator, order_by) -%}
    listagg({{ expr }}, '{{ separator }}') within group (order by {{ order_by }})
{%- endmacro %}

{#- The decimal type sums of counts are computed in before a division. Spark keeps only 6 decimals
    of a decimal(38, 10) quotient (the result's precision is capped at 38); decimal(20, 10) leaves it
    16. DuckDB divides decimals as doubles either way. -#}
{% macro exact_decimal_type() -%}
    {{ return(adapter.dispatch('exact_decimal_type')()) }}
{%- endmacro %}

{% macro default__exact_decimal_type() -%}
    decimal(38, 10)
{%- endmacro %}

{% macro spark__exact_decimal_type() -%}
    decimal(20, 10)
{%- endmacro %}

{#- Aggregate: the values as a list, in a given order (order_key: one SQL expression), of the rows
    meeting `where` (SQL, or none for all rows). -#}
{% macro ordered_list_agg(expr, order_key, where=none) -%}
    {{ return(adapter.dispatch('ordered_list_agg')(expr, order_key, where)) }}
{%- endmacro %}

{% macro default__ordered_list_agg(expr, order_key, where=none) -%}
    list({{ expr }} order by {{ order_key }}){% if where is not none %} filter (where {{ where }}){% endif %}
{%- endmacro %}

{#- An empty aggregate is [] here (DuckDB: NULL); callers coalesce to empty_list() either way. -#}
{% macro spark__ordered_list_agg(expr, order_key, where=none) -%}
    transform(
        array_sort(collect_list(struct({{ order_key }} as sort_key, {{ expr }} as value)){% if where is not none %} filter (where {{ where }}){% endif %}),
        item -> item.value
    )
{%- endmacro %}

{#- The empty list literal. -#}
{% macro empty_list() -%}
    {{ return(adapter.dispatch('empty_list')()) }}
{%- endmacro %}

{% macro default__empty_list() -%}
    []
{%- endmacro %}

{% macro spark__empty_list() -%}
    array()
{%- endmacro %}

{#- Aggregate: the share of the rows meeting a condition (0 to 1, a double). Spark averages the
    decimal literal 1.0 as a decimal of scale 5 (0.91379 for 0.9137931...); DuckDB as a double. -#}
{% macro share_of_rows(condition) -%}
    {{ return(adapter.dispatch('share_of_rows')(condition)) }}
{%- endmacro %}

{% macro default__share_of_rows(condition) -%}
    avg(case when {{ condition }} then 1.0 else 0.0 end)
{%- endmacro %}

{% macro spark__share_of_rows(condition) -%}
    avg(case when {{ condition }} then cast(1 as double) else cast(0 as double) end)
{%- endmacro %}
