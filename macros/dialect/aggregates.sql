{#- Aggregate functions whose DuckDB and Spark spellings (or results) differ: ordered lists and
    texts, the value at the smallest keys, an order-independent mean, the share of rows. -#}

{#- Aggregate: the value on the row with the smallest keys (compared in order: ties to the next key). -#}
{% macro value_at_min(value_expr, key_exprs) %}{{ return(adapter.dispatch('value_at_min', 'influencer_analytics')(value_expr, key_exprs)) }}{% endmacro %}

{% macro default__value_at_min(value_expr, key_exprs) -%}
    arg_min({{ value_expr }}, ({{ key_exprs | join(', ') }}))
{%- endmacro %}

{% macro spark__value_at_min(value_expr, key_exprs) -%}
    min_by({{ value_expr }}, struct({{ key_exprs | join(', ') }}))
{%- endmacro %}

{#- Aggregate: texts joined with a separator in a given order (order_by: SQL, e.g. 'n desc, name'). -#}
{% macro ordered_string_agg(expr, separator, order_by) %}{{ return(adapter.dispatch('ordered_string_agg', 'influencer_analytics')(expr, separator, order_by)) }}{% endmacro %}

{% macro default__ordered_string_agg(expr, separator, order_by) -%}
    string_agg({{ expr }}, '{{ separator }}' order by {{ order_by }})
{%- endmacro %}

{% macro spark__ordered_string_agg(expr, separator, order_by) -%}
    listagg({{ expr }}, '{{ separator }}') within group (order by {{ order_by }})
{%- endmacro %}

{#- Aggregate: the values as a list, in a given order (order_key: one SQL expression), of the rows
    meeting `where` (SQL, or none for all rows). An empty aggregate is [] on Spark, NULL on DuckDB:
    callers coalesce to empty_list() either way. -#}
{% macro ordered_list_agg(expr, order_key, where=none) %}{{ return(adapter.dispatch('ordered_list_agg', 'influencer_analytics')(expr, order_key, where)) }}{% endmacro %}

{% macro default__ordered_list_agg(expr, order_key, where=none) -%}
    list({{ expr }} order by {{ order_key }}){% if where is not none %} filter (where {{ where }}){% endif %}
{%- endmacro %}

{% macro spark__ordered_list_agg(expr, order_key, where=none) -%}
    transform(
        array_sort(collect_list(struct({{ order_key }} as sort_key, {{ expr }} as value)){% if where is not none %} filter (where {{ where }}){% endif %}),
        item -> item.value
    )
{%- endmacro %}

{#- The mean of a floating-point column in a fixed order: avg() sums in scan order, so its last bit
    can change with how a table was written; summing the values ordered by a key cannot. -#}
{% macro mean_in_order(expr, order_by) %}{{ return(adapter.dispatch('mean_in_order', 'influencer_analytics')(expr, order_by)) }}{% endmacro %}

{% macro default__mean_in_order(expr, order_by) -%}
    list_avg(list({{ expr }} order by {{ order_by }}))
{%- endmacro %}

{% macro spark__mean_in_order(expr, order_by) -%}
    aggregate(
        transform(
            array_sort(collect_list(case when {{ expr }} is not null then struct({{ order_by }} as sort_key, cast({{ expr }} as double) as value) end)),
            item -> item.value
        ),
        cast(0 as double), (total, x) -> total + x
    ) / nullif(count({{ expr }}), 0)
{%- endmacro %}

{#- Aggregate: the share of the rows meeting a condition (0 to 1, a double). Spark averages the
    decimal literal 1.0 as a decimal of scale 5 (0.91379 for 0.9137931...); DuckDB as a double. -#}
{% macro share_of_rows(condition) %}{{ return(adapter.dispatch('share_of_rows', 'influencer_analytics')(condition)) }}{% endmacro %}

{% macro default__share_of_rows(condition) -%}
    avg(case when {{ condition }} then 1.0 else 0.0 end)
{%- endmacro %}

{% macro spark__share_of_rows(condition) -%}
    avg(case when {{ condition }} then cast(1 as double) else cast(0 as double) end)
{%- endmacro %}
