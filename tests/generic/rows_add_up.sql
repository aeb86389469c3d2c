{#- Conservation of rows: the model (all input rows) has exactly as many rows as its parts together
    (e.g. the valid rows plus the rejected ones). Fails with one row showing the counts. -#}
{% test rows_add_up(model, parts) %}

with

counted as (

    select
        (select count(*) from {{ model }}) as rows_in,
        {%- for part in parts %}
        (select count(*) from {{ part }}){{ ' +' if not loop.last }}
        {%- endfor %} as rows_out

),

final as (

    select * from counted
    where rows_in <> rows_out

)

select * from final

{% endtest %}
