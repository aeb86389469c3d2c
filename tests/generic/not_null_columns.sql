{#- Fails with one row per listed column that holds a NULL: the column and how many rows. One test
    per model instead of one per column (issue 32: 218 not_null tests were 218 dbt nodes, about
    55 ms of dbt each on top of their query); one scan of the model for all of them. -#}
{% test not_null_columns(model, columns) %}

with

counted as (

    select
        {%- for column in columns %}
        count(*) - count({{ column }}) as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ model }}

),

{#- One row per column, in the list's order (union all of one-row selects: both engines). -#}
per_column as (

    {%- for column in columns %}
    select
        '{{ column }}' as column_name,
        {{ column }} as null_rows
    from counted
    {{ 'union all' if not loop.last }}
    {%- endfor %}

),

final as (

    select * from per_column
    where null_rows > 0

)

select * from final

{% endtest %}
