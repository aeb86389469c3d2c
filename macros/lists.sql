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

{#- ---------------------------------------------------------------- Spark (target spark).
    Spark lambdas are `x -> ...` and `(x, i) -> ...` with a 0-based index i; l[i] is 0-based too. -#}

{% macro spark__list_length(expr) -%}
    {#- size(NULL) is NULL here: the profile sets spark.sql.legacy.sizeOfNull = false, as DuckDB's len. -#}
    size({{ expr }})
{%- endmacro %}

{% macro spark__unnest_with_position(list_expr, value_alias, position_alias) -%}
    inline(transform({{ list_expr }}, (item, index) -> named_struct(
        '{{ value_alias }}', item, '{{ position_alias }}', cast(index + 1 as bigint)
    )))
{%- endmacro %}

{% macro spark__list_of_non_null(exprs) -%}
    filter(array({{ exprs | join(', ') }}), item -> item is not null)
{%- endmacro %}

{#- Python's '%.nf' (format_decimal, a UDF python_udfs.spark.adapter registers): the exact binary
    value rounded half-even, as DuckDB's printf. Spark's format_string rounds the shortest decimal
    half-up (2.675 -> 2.68 where printf gives 2.67). -#}
{% macro spark__format_decimal(expr, decimals) -%}
    format_decimal(cast({{ expr }} as double), {{ decimals }})
{%- endmacro %}

{% macro spark__join_text_list(expr, separator) -%}
    array_join({{ expr }}, '{{ separator }}')
{%- endmacro %}

{% macro spark__vector_norm(expr) -%}
    sqrt(aggregate({{ expr }}, cast(0 as double), (total, x) -> total + x * x))
{%- endmacro %}

{% macro spark__count_null_elements(expr) -%}
    size(filter({{ expr }}, x -> x is null))
{%- endmacro %}

{% macro spark__list_first_differences(list_expr) -%}
    transform(
        slice({{ list_expr }}, 2, greatest(size({{ list_expr }}) - 1, 0)),
        (later_value, index) -> later_value - {{ list_expr }}[index]
    )
{%- endmacro %}

{#- The aggregates the models take over lists, each as DuckDB computes it (NULL for an empty list):
    avg, stddev_samp (two-pass, DuckDB: one-pass Welford; equal to ~1e-15 relative), median (mean
    of the two middle values for an even count), min, max. -#}
{% macro spark__list_statistic(list_expr, aggregate_name) -%}
    {%- set values = 'filter(' ~ list_expr ~ ', x -> x is not null)' -%}
    {%- set n = 'size(' ~ values ~ ')' -%}
    {%- set mean = '(aggregate(' ~ values ~ ', cast(0 as double), (total, x) -> total + x) / nullif(' ~ n ~ ', 0))' -%}
    {%- if aggregate_name == 'avg' -%}
        {{ mean }}
    {%- elif aggregate_name == 'stddev_samp' -%}
        sqrt(aggregate({{ values }}, cast(0 as double), (total, x) -> total + (x - {{ mean }}) * (x - {{ mean }}))
            / nullif({{ n }} - 1, 0))
    {%- elif aggregate_name == 'median' -%}
        case
            when {{ n }} % 2 = 1 then cast(element_at(array_sort({{ values }}), cast(({{ n }} + 1) / 2 as int)) as double)
            when {{ n }} > 0 then (
                cast(element_at(array_sort({{ values }}), cast({{ n }} / 2 as int)) as double)
                + cast(element_at(array_sort({{ values }}), cast({{ n }} / 2 + 1 as int)) as double)
            ) / 2
        end
    {%- elif aggregate_name == 'max' -%}
        array_max({{ list_expr }})
    {%- elif aggregate_name == 'min' -%}
        array_min({{ list_expr }})
    {%- else -%}
        {{ exceptions.raise_compiler_error("list_statistic: no Spark version of '" ~ aggregate_name ~ "'") }}
    {%- endif -%}
{%- endmacro %}

{% macro spark__list_mapped(list_expr, element, expression) -%}
    transform({{ list_expr }}, {{ element }} -> {{ expression }})
{%- endmacro %}

{% macro spark__list_positions_where(list_expr, element, condition, first_position=1) -%}
    filter(
        transform(
            {{ list_expr }},
            ({{ element }}, index) -> case when {{ condition }} then index + {{ first_position }} end
        ),
        position -> position is not null
    )
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
