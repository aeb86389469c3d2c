{#- Fails on every row whose vector is NULL, does not have `dimensions` elements (by default the
    width of the embedding_model's vectors: macros/embeddings/embedding_dimensions.sql), has a NULL
    element, or whose L2 norm differs from 1 by more than `tolerance`. -#}
{% test is_unit_vector(model, column_name, dimensions=none, tolerance=0.001) %}
{%- set dimensions = embedding_dimensions() if dimensions is none else dimensions %}

with

measured as (

    select
        {{ column_name }} as vector,
        {{ list_length(column_name) }} as element_count,
        {{ count_null_elements(column_name) }} as null_elements,
        {{ vector_norm(column_name) }} as norm
    from {{ model }}

),

final as (

    select * from measured
    where vector is null
        or element_count <> {{ dimensions }}
        or null_elements > 0
        or abs(norm - 1) > {{ tolerance }}

)

select * from final

{% endtest %}
