{#- Computing over the elements of a list: mapping, filtering by position, differences and
    aggregates of a list's elements, each giving the same values on DuckDB and Spark. -#}

{#- Apply an expression to every element: list_mapped('gains', 'gain', 'abs(gain - m)'). -#}
{% macro list_mapped(list_expr, element, expression) %}{{ return(adapter.dispatch('list_mapped', 'influencer_analytics')(list_expr, element, expression)) }}{% endmacro %}

{% macro default__list_mapped(list_expr, element, expression) -%}
    list_transform({{ list_expr }}, lambda {{ element }}: {{ expression }})
{%- endmacro %}

{% macro spark__list_mapped(list_expr, element, expression) -%}
    transform({{ list_expr }}, {{ element }} -> {{ expression }})
{%- endmacro %}

{#- The positions of the elements meeting a condition, ascending; the first element is at
    first_position (e.g. 2 when element 1 is the gain of day 2). [] when none. -#}
{% macro list_positions_where(list_expr, element, condition, first_position=1) %}{{ return(adapter.dispatch('list_positions_where', 'influencer_analytics')(list_expr, element, condition, first_position)) }}{% endmacro %}

{% macro default__list_positions_where(list_expr, element, condition, first_position=1) -%}
    list_filter(
        list_transform(
            {{ list_expr }},
            lambda {{ element }}, position: case when {{ condition }} then position + {{ first_position - 1 }} end
        ),
        lambda position: position is not null
    )
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

{#- Differences of consecutive elements: [a, b, c] -> [b - a, c - b] (one element shorter). -#}
{% macro list_first_differences(list_expr) %}{{ return(adapter.dispatch('list_first_differences', 'influencer_analytics')(list_expr)) }}{% endmacro %}

{% macro default__list_first_differences(list_expr) -%}
    list_transform({{ list_expr }}[2:], lambda later_value, position: later_value - {{ list_expr }}[position])
{%- endmacro %}

{% macro spark__list_first_differences(list_expr) -%}
    transform(
        slice({{ list_expr }}, 2, greatest(size({{ list_expr }}) - 1, 0)),
        (later_value, index) -> later_value - {{ list_expr }}[index]
    )
{%- endmacro %}

{#- An aggregate function over the elements of a list, e.g. list_statistic('gains', 'median').
    Spark: the aggregates the models take over lists, each as DuckDB computes it (NULL for an empty
    list): avg, stddev_samp (two-pass, DuckDB: one-pass Welford; equal to ~1e-15 relative), median
    (mean of the two middle values for an even count), min, max. -#}
{% macro list_statistic(list_expr, aggregate_name) %}{{ return(adapter.dispatch('list_statistic', 'influencer_analytics')(list_expr, aggregate_name)) }}{% endmacro %}

{% macro default__list_statistic(list_expr, aggregate_name) -%}
    list_aggregate({{ list_expr }}, '{{ aggregate_name }}')
{%- endmacro %}

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
