{#- List helpers (dispatched: DuckDB syntax here, add spark__ versions for Spark). -#}

{% macro list_length(expr) -%}
    {{ return(adapter.dispatch('list_length')(expr)) }}
{%- endmacro %}

{% macro default__list_length(expr) -%}
    len({{ expr }})
{%- endmacro %}

{#- Select list fragment: one output row per element with its 1-based position.
    Use as: select id, {{ unnest_with_position('history', 'value', 'day_index') }} from t -#}
{% macro unnest_with_position(list_expr, value_alias, position_alias) -%}
    {{ return(adapter.dispatch('unnest_with_position')(list_expr, value_alias, position_alias)) }}
{%- endmacro %}

{% macro default__unnest_with_position(list_expr, value_alias, position_alias) -%}
    unnest({{ list_expr }}) as {{ value_alias }},
    generate_subscripts({{ list_expr }}, 1) as {{ position_alias }}
{%- endmacro %}

{#- The non-NULL values among the given expressions, as a list (in the given order). -#}
{% macro list_of_non_null(exprs) -%}
    {{ return(adapter.dispatch('list_of_non_null')(exprs)) }}
{%- endmacro %}

{% macro default__list_of_non_null(exprs) -%}
    list_filter([{{ exprs | join(', ') }}], lambda item: item is not null)
{%- endmacro %}

{#- A number as text with a fixed number of decimals (for human-readable reasons). -#}
{% macro format_decimal(expr, decimals) -%}
    {{ return(adapter.dispatch('format_decimal')(expr, decimals)) }}
{%- endmacro %}

{% macro default__format_decimal(expr, decimals) -%}
    printf('%.{{ decimals }}f', cast({{ expr }} as double))
{%- endmacro %}

{#- The items of a text list joined into one string. -#}
{% macro join_text_list(expr, separator) -%}
    {{ return(adapter.dispatch('join_text_list')(expr, separator)) }}
{%- endmacro %}

{% macro default__join_text_list(expr, separator) -%}
    array_to_string({{ expr }}, '{{ separator }}')
{%- endmacro %}

{#- Euclidean (L2) norm of a numeric list or array. -#}
{% macro vector_norm(expr) -%}
    {{ return(adapter.dispatch('vector_norm')(expr)) }}
{%- endmacro %}

{% macro default__vector_norm(expr) -%}
    sqrt(list_sum(list_transform({{ expr }}, lambda x: x * x)))
{%- endmacro %}

{#- Number of NULL elements in a list or array. -#}
{% macro count_null_elements(expr) -%}
    {{ return(adapter.dispatch('count_null_elements')(expr)) }}
{%- endmacro %}

{% macro default__count_null_elements(expr) -%}
    len(list_filter({{ expr }}, lambda x: x is null))
{%- endmacro %}

{#- Differences of consecutive elements: [a, b, c] -> [b - a, c - b] (one element shorter). -#}
{% macro list_first_differences(list_expr) -%}
    {{ return(adapter.dispatch('list_first_differences')(list_expr)) }}
{%- endmacro %}

{% macro default__list_first_differences(list_expr) -%}
    list_transform({{ list_expr }}[2:], lambda later_value, position: later_value - {{ list_expr }}[position])
{%- endmacro %}

{#- An aggregate function over the elements of a list, e.g. list_statistic('gains', 'median'). -#}
{% macro list_statistic(list_expr, aggregate_name) -%}
    {{ return(adapter.dispatch('list_statistic')(list_expr, aggregate_name)) }}
{%- endmacro %}

{% macro default__list_statistic(list_expr, aggregate_name) -%}
    list_aggregate({{ list_expr }}, '{{ aggregate_name }}')
{%- endmacro %}

{#- Apply an expression to every element: list_mapped('gains', 'gain', 'abs(gain - m)'). -#}
{% macro list_mapped(list_expr, element, expression) -%}
    {{ return(adapter.dispatch('list_mapped')(list_expr, element, expression)) }}
{%- endmacro %}

{% macro default__list_mapped(list_expr, element, expression) -%}
    list_transform({{ list_expr }}, lambda {{ element }}: {{ expression }})
{%- endmacro %}

{#- The positions of the elements meeting a condition, ascending; the first element is at
    first_position (e.g. 2 when element 1 is the gain of day 2). [] when none. -#}
{% macro list_positions_where(list_expr, element, condition, first_position=1) -%}
    {{ return(adapter.dispatch('list_positions_where')(list_expr, element, condition, first_position)) }}
{%- endmacro %}

{% macro default__list_positions_where(list_expr, element, condition, first_position=1) -%}
    list_filter(
        list_transform(
            {{ list_expr }},
            lambda {{ element }}, position: case when {{ condition }} then position + {{ first_position - 1 }} end
        ),
        lambda position: position is not null
    )
{%- endmacro %}

{#- The mean of a floating-point column in a fixed order: avg() sums in scan order, so its last bit
    can change with how a table was written; summing the values ordered by a key cannot. -#}
{% macro mean_in_order(expr, order_by) -%}
    {{ return(adapter.dispatch('mean_in_order')(expr, order_by)) }}
{%- endmacro %}

{% macro default__mean_in_order(expr, order_by) -%}
    list_avg(list({{ expr }} order by {{ order_by }}))
{%- endmacro %}
