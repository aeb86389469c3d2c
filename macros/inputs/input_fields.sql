{#- The fields of every record an input's reads could split, each expected column as text under
    its own name, numbered in file order (record_index) with the line breaks inside them
    (field_newlines): the `fields` part of input_records. -#}
{% macro input_fields(input, header) %}{{ return(adapter.dispatch('input_fields', 'influencer_analytics')(input, header)) }}{% endmacro %}

{% macro default__input_fields(input, header) -%}
    {%- set positions = expected_column_positions(input.columns, header) -%}
    {%- if input.route == 'seed' -%}
        {#- rowid follows the seed's record order, but a re-loaded seed (a second dbt build on the
            same file) keeps counting from where the first load's rows were: number by it. -#}
        {{ seed_fields(input, 'rowid') }}
    {%- else -%}
        select
            record_index,
            field_newlines,
            {%- for column in input.columns %}
            field_{{ positions[column] }} as {{ adapter.quote(column) }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ input_temp_relation(input.name, 'fields') }}
    {%- endif -%}
{%- endmacro %}

{#- Spark numbers records in file order: a seed is one file written by one task, and a multiLine
    CSV file is read by one task, so row order is file order. A record Spark could not split into
    the header's fields is kept with a parse_problem (it is rejected, not lost). -#}
{% macro spark__input_fields(input, header) -%}
    {%- set positions = expected_column_positions(input.columns, header) -%}
    {%- if input.route == 'seed' -%}
        {{ seed_fields(input, 'monotonically_increasing_id()', ['cast(null as string) as parse_problem']) }}
    {%- elif not execute -%}
        select 1 as record_index
    {%- else -%}
        select
            row_number() over (order by monotonically_increasing_id()) as record_index,
            case
                when corrupt_record is null then {{ newline_count(positional_field_names(header | length)) }}
                else {{ newline_count(['corrupt_record']) }}
            end as field_newlines,
            case when corrupt_record is not null then
                'the record could not be split into the header''s {{ header | length }} fields'
                || ' (a value holding a comma or a line break that is not in double quotes, or an unclosed quote?)'
            end as parse_problem,
            {%- for column in input.columns %}
            case when corrupt_record is null then field_{{ positions[column] }} end as {{ adapter.quote(column) }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ input_temp_relation(input.name, 'fields') }}
    {%- endif -%}
{%- endmacro %}

{#- A loaded seed's records (both engines): every column cast to text, numbered by record_order. -#}
{% macro seed_fields(input, record_order, extra_columns=[]) -%}
    select
        row_number() over (order by {{ record_order }}) as record_index,
        {{ newline_count(input.columns, quote=true) }} as field_newlines,
        {%- for column in extra_columns %}
        {{ column }},
        {%- endfor %}
        {%- for column in input.columns %}
        cast({{ adapter.quote(column) }} as string) as {{ adapter.quote(column) }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref(input.name) }}
{%- endmacro %}

{#- The expected columns of the fields part, the last items of a select list: fields."a", fields."b" -#}
{% macro fields_columns(input) -%}
    {%- for column in input.columns %}
    fields.{{ adapter.quote(column) }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
