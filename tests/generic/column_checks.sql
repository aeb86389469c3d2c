{#- The column checks of a model in one test: fails with one row per listed column that breaks its
    check, the check and how many rows break it. `not_null`: rows where the column is NULL.
    `unique`: rows that repeat a non-NULL value of the column (count - count distinct; NULLs are
    left to not_null, as dbt's unique test does). `ranges` ({column: [min, max]}, either bound
    null = none): rows outside [min, max], bounds included (accepted_range). `accepted_values`
    ({column: [values]}): rows holding another value (a value that reads as a number is compared
    as one, others as text; NULLs pass, as in dbt's accepted_values). One dbt node per model
    instead of one per column and check (issue 32: 218 not_null, 64 unique, 74 accepted_range and
    18 accepted_values tests were 374 nodes, about 55 ms of dbt each on top of their query; the ci
    build took 43 s with the first two, 27 s with them merged), and one scan of the model for all
    of them. -#}
{% test column_checks(model, not_null=[], unique=[], ranges={}, accepted_values={}) %}

{%- set checks = [] -%}
{%- for column in not_null -%}
    {%- do checks.append((column, 'not_null', 'count(*) - count(' ~ column ~ ')')) -%}
{%- endfor -%}
{%- for column in unique -%}
    {%- do checks.append((column, 'unique', 'count(' ~ column ~ ') - count(distinct ' ~ column ~ ')')) -%}
{%- endfor -%}
{%- for column, bounds in ranges.items() -%}
    {%- set outside = [] -%}
    {%- if bounds[0] is not none -%}{%- do outside.append(column ~ ' < ' ~ bounds[0]) -%}{%- endif -%}
    {%- if bounds[1] is not none -%}{%- do outside.append(column ~ ' > ' ~ bounds[1]) -%}{%- endif -%}
    {%- do checks.append((column, 'accepted_range', 'count(case when ' ~ outside | join(' or ') ~ ' then 1 end)')) -%}
{%- endfor -%}
{%- for column, values in accepted_values.items() -%}
    {%- set listed = [] -%}
    {%- for value in values -%}
        {%- do listed.append(value | string if modules.re.fullmatch('-?[0-9]+(\\.[0-9]+)?', value | string) else "'" ~ value ~ "'") -%}
    {%- endfor -%}
    {%- do checks.append((column, 'accepted_values',
        'count(case when ' ~ column ~ ' not in (' ~ listed | join(', ') ~ ') then 1 end)')) -%}
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
