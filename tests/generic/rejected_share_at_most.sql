{#- On a *_rejected model: fails (one row with the counts) when the rejected records are more than
    max_share of all records read (all_rows_model). For vendor files where a few broken records
    are normal but many mean a format problem. -#}
{% test rejected_share_at_most(model, all_rows_model, max_share) %}

with

counted as (

    select
        (select count(*) from {{ model }}) as rejected_rows,
        (select count(*) from {{ all_rows_model }}) as all_rows

),

final as (

    select * from counted
    where rejected_rows > {{ max_share }} * all_rows

)

select * from final

{% endtest %}
