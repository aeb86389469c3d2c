{#- Where a staging model reads one of the three input tables from.
    Default: the bundled seed (ref). With --vars '{input_dir: /abs/folder}': <folder>/<seed_name>.csv,
    read with every column as text; the staging base models cast and validate it exactly as they do
    the seed, so bad values become rejected rows instead of a failed load. -#}
{% macro input_relation(seed_name) -%}
    {%- if var('input_dir') is none -%}
        {{ ref(seed_name) }}
    {%- else -%}
        {{ read_csv_as_text(var('input_dir') ~ '/' ~ seed_name ~ '.csv') }}
    {%- endif -%}
{%- endmacro %}

{#- The file name shown in rejected rows and error messages. -#}
{% macro input_file_name(seed_name) -%}
    {%- if var('input_dir') is none -%}
        seeds/{{ seed_name }}.csv
    {%- else -%}
        {{ var('input_dir') }}/{{ seed_name }}.csv
    {%- endif -%}
{%- endmacro %}

{% macro read_csv_as_text(path) -%}
    {{ return(adapter.dispatch('read_csv_as_text')(path)) }}
{%- endmacro %}

{% macro default__read_csv_as_text(path) -%}
    read_csv('{{ path }}', header = true, all_varchar = true, quote = '"', escape = '"', strict_mode = true)
{%- endmacro %}

{#- Every row of a relation with its record number in the file (header = 1) and the raw row as
    JSON text, so a rejected row can be traced back to the file and loses nothing. With key_column,
    also how many rows share the row's (trimmed) key: rows_with_same_id, for key_reject_reasons. -#}
{% macro numbered_rows(relation, key_column=none) -%}
    select
        row_number() over () + 1 as source_row,
        {{ row_as_json('source') }} as raw_row,
        {%- if key_column is not none %}
        count(*) over (partition by nullif(trim(cast({{ key_column }} as varchar)), '')) as rows_with_same_id,
        {%- endif %}
        *,
    from {{ relation }} as source
{%- endmacro %}
