{#- The reasons a staging model rejects a record: base_* models compute reject_reason (NULL when
    the record is valid), stg_* keep the valid records, stg_*_rejected the others. Every reason names
    the column, what it must be and what the file holds, so a person can fix the file. (Why a
    record could not be split into fields at all: parse_problem_reason, macros/inputs/.) -#}

{#- Window columns about a record's key, for key_reject_reasons: how many records share the
    (trimmed) key, on which lines, and how the key was written on them before trimming. -#}
{% macro key_window_columns(id_column) %}{{ return(adapter.dispatch('key_window_columns', 'influencer_analytics')(id_column)) }}{% endmacro %}

{% macro default__key_window_columns(id_column) -%}
    count(*) over (partition by {{ id_column }}) as rows_with_same_id,
    list_sort(list(source_line) over (partition by {{ id_column }})) as lines_with_same_id,
    list_sort(list_distinct(list({{ id_column }}_raw) over (partition by {{ id_column }}))) as spellings_of_id
{%- endmacro %}

{% macro spark__key_window_columns(id_column) -%}
    count(*) over (partition by {{ id_column }}) as rows_with_same_id,
    array_sort(collect_list(source_line) over (partition by {{ id_column }})) as lines_with_same_id,
    array_sort(collect_set({{ id_column }}_raw) over (partition by {{ id_column }})) as spellings_of_id
{%- endmacro %}

{#- Reasons about the key: missing, or shared by several records (every copy is rejected: we cannot
    know which one is right), saying when the copies differ only by spaces or tabs around the id. -#}
{% macro key_reject_reasons(id_column) -%}
    case when {{ id_column }} is null then '{{ id_column }} is missing' end,
    case when rows_with_same_id > 1 and {{ id_column }} is not null then
        '{{ id_column }} ' || {{ id_column }} || ' appears on ' || rows_with_same_id || ' records (lines '
        || {{ join_text_list(list_mapped('lines_with_same_id', 'line', 'cast(line as string)'), ', ') }} || ')'
        || coalesce(case when {{ list_length('spellings_of_id') }} > 1 then
            ', written ' || {{ join_text_list(list_mapped('spellings_of_id', 'spelling', json_quoted_text('spelling')), ' and ') }}
            || ': the same id once the spaces and tabs around it are trimmed'
        end, '')
    end
{%- endmacro %}

{#- 'must be <what>, got <raw>' reason for a value that failed its check (detail: a SQL text
    expression appended in brackets, or none). -#}
{% macro invalid_value_reason(column, requirement, raw_column, detail=none) -%}
    '{{ column }} must be {{ requirement }}, got ' || coalesce('''' || {{ raw_column }} || '''', 'nothing')
    {%- if detail is not none %} || ' (' || {{ detail }} || ')'{% endif %}
{%- endmacro %}

{#- The reason an integer column is invalid (NULL when valid). `column` holds the parsed value
    (cast_integer_strict) and <column>_raw the text as read. minimum: 0 or 1; optional: the value
    may be missing. -#}
{% macro integer_reason(column, minimum, optional=false) -%}
    {%- set requirement = ('a positive integer' if minimum == 1 else 'a non-negative integer')
        ~ (' or null' if optional else '') -%}
    {%- set raw = column ~ '_raw' -%}
    case
        {%- if not optional %}
        when {{ raw }} is null then {{ invalid_value_reason(column, requirement, raw) }}
        {%- endif %}
        when {{ raw }} is not null and not {{ is_integer_text(raw) }}
            then {{ invalid_value_reason(column, requirement, raw) }}
        when {{ raw }} is not null and {{ column }} is null
            then {{ invalid_value_reason(column, requirement, raw, "'beyond " ~ largest_integer() ~ ", the largest integer the warehouse stores'") }}
        when {{ column }} < {{ minimum }} then {{ invalid_value_reason(column, requirement, raw) }}
    end
{%- endmacro %}

{#- The reason a numeric column is invalid (NULL when valid): missing (unless optional), not a
    number, NaN or infinite, above the largest count the warehouse stores, or negative. -#}
{% macro number_reason(column, optional=false) -%}
    {%- set requirement = 'a non-negative number' ~ (' or null' if optional else '') -%}
    {%- set raw = column ~ '_raw' -%}
    case
        {%- if not optional %}
        when {{ raw }} is null then {{ invalid_value_reason(column, requirement, raw) }}
        {%- endif %}
        when {{ raw }} is not null and {{ column }} is null and {{ is_non_finite_text(raw) }}
            then {{ invalid_value_reason(column, requirement, raw, "'not a finite number'") }}
        when {{ raw }} is not null and {{ column }} is null
            then {{ invalid_value_reason(column, requirement, raw) }}
        when not {{ is_finite(column) }} or {{ column }} > {{ largest_integer() }}
            then {{ invalid_value_reason(column, requirement, raw, "'above " ~ largest_integer() ~ ", the largest count the warehouse stores'") }}
        when {{ column }} < 0 then {{ invalid_value_reason(column, requirement, raw) }}
    end
{%- endmacro %}
