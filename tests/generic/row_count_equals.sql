{#- Fails (one row) when the model's row count differs from `expected`, a SQL expression that may
    count other models, e.g. "(select count(*) from {{ ref('stg_brands__briefs') }}) * 10". -#}
{% test row_count_equals(model, expected) %}

with

counted as (

    select
        (select count(*) from {{ model }}) as actual_rows,
        {{ expected }} as expected_rows

),

final as (

    select * from counted
    where actual_rows is distinct from expected_rows

)

select * from final

{% endtest %}
