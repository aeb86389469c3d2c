{#- Fails on every combination of `columns` that appears on more than one row. -#}
{% test unique_combination(model, columns) %}

with

counted as (

    select
        {{ columns | join(', ') }},
        count(*) as rows_with_combination
    from {{ model }}
    group by {{ columns | join(', ') }}

),

final as (

    select * from counted
    where rows_with_combination > 1

)

select * from final

{% endtest %}
