{#- The column checks of a model in one test: fails with one row per listed column that breaks its
    check, the check and how many rows break it. `not_null`: rows where the column is NULL.
    `unique`: rows that repeat a non-NULL value of the column (count - count distinct; NULLs are
    left to not_null, as dbt's unique test does). One dbt node per model instead of one per column
    and check (issue 32: 218 not_null and 64 unique tests were 282 nodes, about 55 ms of dbt each on
    top of their query; the ci build took 43 s with them, 27 s with not_null merged), and one scan of
    the model for all of them. -#}
{% test column_checks(model, not_null=[], unique=[]) %}

{%- set checks = [] -%}
{%- for column in not_null -%}
    {%- do checks.append((column, 'not_null', 'count(*) - count(' ~ column ~ ')')) -%}
{%- endfor -%}
{%- for column in unique -%}
    {%- do checks.append((column, 'unique', 'count(' ~ column ~ ') - count(distinct ' ~ column ~ ')')) -%}
{%- endfor %}

with

counted as (

    select
        {%- for column, check, expression in checks %}
        {{ expression }} as {{ check }}__{{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ model }}

),

{#- One row per column and check, in the lists' order (union all of one-row selects: both engines). -#}
per_check as (

    {%- for column, check, expression in checks %}
    select
        '{{ column }}' as column_name,
        '{{ check }}' as check_name,
        {{ check }}__{{ column }} as failing_rows
    from counted
    {{ 'union all' if not loop.last }}
    {%- endfor %}

),

final as (

    select * from per_check
    where failing_rows > 0

)

select * from final

{% endtest %}
