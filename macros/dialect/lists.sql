{#- Lists (DuckDB LIST, Spark ARRAY): building them, reading elements, measuring them. Spark
    lambdas are `x -> ...` and `(x, i) -> ...` with a 0-based index i; l[i] is 0-based too. -#}

{#- The number of elements (NULL for a NULL list). Spark: size(NULL) is NULL because the profile
    sets spark.sql.legacy.sizeOfNull = false, as DuckDB's len. -#}
{% macro list_length(expr) %}{{ return(adapter.dispatch('list_length', 'influencer_analytics')(expr)) }}{% endmacro %}

{% macro default__list_length(expr) -%}
    len({{ expr }})
{%- endmacro %}

{% macro spark__list_length(expr) -%}
    size({{ expr }})
{%- endmacro %}

{#- The element at a 1-based position of a list (NULL beyond its end). Spark's l[i] is 0-based. -#}
{% macro list_element(list_expr, position) %}{{ return(adapter.dispatch('list_element', 'influencer_analytics')(list_expr, position)) }}{% endmacro %}

{% macro default__list_element(list_expr, position) -%}
    {{ list_expr }}[{{ position }}]
{%- endmacro %}

{% macro spark__list_element(list_expr, position) -%}
    try_element_at({{ list_expr }}, {{ position }})
{%- endmacro %}

{#- A list with one element put in front. -#}
{% macro list_prepend(element, list_expr) %}{{ return(adapter.dispatch('list_prepend', 'influencer_analytics')(element, list_expr)) }}{% endmacro %}

{% macro default__list_prepend(element, list_expr) -%}
    list_prepend({{ element }}, {{ list_expr }})
{%- endmacro %}

{% macro spark__list_prepend(element, list_expr) -%}
    concat(array({{ element }}), {{ list_expr }})
{%- endmacro %}

{#- The empty list literal. -#}
{% macro empty_list() %}{{ return(adapter.dispatch('empty_list', 'influencer_analytics')()) }}{% endmacro %}

{% macro default__empty_list() -%}
    []
{%- endmacro %}

{% macro spark__empty_list() -%}
    array()
{%- endmacro %}

{#- The non-NULL values among the given expressions, as a list (in the given order). -#}
{% macro list_of_non_null(exprs) %}{{ return(adapter.dispatch('list_of_non_null', 'influencer_analytics')(exprs)) }}{% endmacro %}

{% macro default__list_of_non_null(exprs) -%}
    list_filter([{{ exprs | join(', ') }}], lambda item: item is not null)
{%- endmacro %}

{% macro spark__list_of_non_null(exprs) -%}
    filter(array({{ exprs | join(', ') }}), item -> item is not null)
{%- endmacro %}

{#- Select list fragment: one output row per element with its 1-based position.
    Use as: select id, {{ unnest_with_position('history', 'value', 'day_index') }} from t -#}
{% macro unnest_with_position(list_expr, value_alias, position_alias) %}{{ return(adapter.dispatch('unnest_with_position', 'influencer_analytics')(list_expr, value_alias, position_alias)) }}{% endmacro %}

{% macro default__unnest_with_position(list_expr, value_alias, position_alias) -%}
    unnest({{ list_expr }}) as {{ value_alias }},
    generate_subscripts({{ list_expr }}, 1) as {{ position_alias }}
{%- endmacro %}

{% macro spark__unnest_with_position(list_expr, value_alias, position_alias) -%}
    inline(transform({{ list_expr }}, (item, index) -> named_struct(
        '{{ value_alias }}', item, '{{ position_alias }}', cast(index + 1 as bigint)
    )))
{%- endmacro %}

{#- The items of a text list joined into one string. -#}
{% macro join_text_list(expr, separator) %}{{ return(adapter.dispatch('join_text_list', 'influencer_analytics')(expr, separator)) }}{% endmacro %}

{% macro default__join_text_list(expr, separator) -%}
    array_to_string({{ expr }}, '{{ separator }}')
{%- endmacro %}

{% macro spark__join_text_list(expr, separator) -%}
    array_join({{ expr }}, '{{ separator }}')
{%- endmacro %}

{#- Number of NULL elements in a list or array. -#}
{% macro count_null_elements(expr) %}{{ return(adapter.dispatch('count_null_elements', 'influencer_analytics')(expr)) }}{% endmacro %}

{% macro default__count_null_elements(expr) -%}
    len(list_filter({{ expr }}, lambda x: x is null))
{%- endmacro %}

{% macro spark__count_null_elements(expr) -%}
    size(filter({{ expr }}, x -> x is null))
{%- endmacro %}

{#- Euclidean (L2) norm of a numeric list or array. -#}
{% macro vector_norm(expr) %}{{ return(adapter.dispatch('vector_norm', 'influencer_analytics')(expr)) }}{% endmacro %}

{% macro default__vector_norm(expr) -%}
    sqrt(list_sum(list_transform({{ expr }}, lambda x: x * x)))
{%- endmacro %}

{% macro spark__vector_norm(expr) -%}
    sqrt(aggregate({{ expr }}, cast(0 as double), (total, x) -> total + x * x))
{%- endmacro %}
