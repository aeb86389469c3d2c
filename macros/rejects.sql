{#- Shared pieces of the staging validation (base_* models compute reject_reason, stg_* keep the
    valid rows, stg_*_rejected the others). -#}

{#- Reasons about the key: missing, or shared by several rows (all copies are rejected: we cannot
    know which one is right). Needs rows_with_same_id, from numbered_rows(..., key_column). -#}
{% macro key_reject_reasons(id_column) -%}
    case when {{ id_column }} is null then '{{ id_column }} is missing' end,
    case when rows_with_same_id > 1 and {{ id_column }} is not null
        then '{{ id_column }} ' || {{ id_column }} || ' appears on ' || rows_with_same_id || ' rows' end
{%- endmacro %}

{#- 'must be <what>, got <raw>' reason for a value that failed its check. -#}
{% macro invalid_value_reason(column, requirement, raw_column) -%}
    '{{ column }} must be {{ requirement }}, got ' || coalesce('''' || {{ raw_column }} || '''', 'nothing')
{%- endmacro %}

{#- The body of every *_rejected staging model. -#}
{% macro rejected_rows(base_model, id_column) -%}
with

checked as (

    select * from {{ ref(base_model) }}

),

final as (

    select
        source_file,
        source_row,
        {{ id_column }},
        raw_row,
        reject_reason,
    from checked
    where reject_reason is not null

)

select * from final
{%- endmacro %}
