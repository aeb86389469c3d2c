{#- The line each record starts on, as an editor counts it. DuckDB counts a record with quoted line
    breaks as one "line" and reports a line only for the records it rejects, so the lines come from
    the line breaks inside the records (both engines) and, for a clean file, from the file's own
    lines (map_from_lines, DuckDB). -#}

{#- The number of line breaks in a record's fields (columns: names of text columns, quoted when
    quote is true; else SQL expressions). -#}
{% macro newline_count(columns, quote=false) -%}
    {%- set texts = [] -%}
    {%- for column in columns -%}
        {%- do texts.append(adapter.quote(column) if quote else column) -%}
    {%- endfor -%}
    (length({{ concat_texts(texts) }}) - length(replace({{ concat_texts(texts) }}, chr(10), '')))
{%- endmacro %}

{#- The line record n (record_index) starts on when line 1 is the header and the lines are the
    records' lines: n + 1 plus the line breaks inside the records before it. -#}
{% macro record_first_line() -%}
    record_index + 1 + coalesce(sum(field_newlines) over (
        order by record_index rows between unbounded preceding and 1 preceding
    ), 0)
{%- endmacro %}

{#- DuckDB: true when the read of <input>__fields rejected nothing and the file's lines are the
    header plus the lines of its records: then map_from_lines numbers them. Keeps the file's lines
    in <input>__lines (none when the file is not UTF-8: a CSV read does not check the header). A
    line holding a carriage return before its end (a record ended by a lone CR, or one inside a
    quoted value) sends the file to the general map. -#}
{% macro input_lines_follow_records(input_name, path) -%}
    {%- set read_errors = input_temp_relation(input_name, 'read_errors') -%}
    {%- set fields = input_temp_relation(input_name, 'fields') -%}
    {%- set lines = input_temp_relation(input_name, 'lines') -%}
    {%- set rejected_query -%}
        select count(*) from {{ read_errors }}
    {%- endset -%}
    {%- if run_query(rejected_query).columns[0].values()[0] > 0 -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set lines_query -%}
        create temp table {{ lines }} as
        select generate_subscripts(parts, 1) as line_number, unnest(parts) as line_text
        from (select string_split(try(decode(content)), chr(10)) as parts from read_blob({{ sql_string(path) }}))
    {%- endset -%}
    {%- do run_query(lines_query) -%}
    {#- The text after the last line break is a line unless the file ends with one. -#}
    {%- set counts_query -%}
        select
            (select count(*) from {{ lines }}) - (select count(*) from {{ lines }}
                where line_number = (select max(line_number) from {{ lines }}) and length(line_text) = 0) as file_lines,
            (select count(*) + coalesce(sum(field_newlines), 0) from {{ fields }}) as record_lines,
            (select count(*) from {{ lines }} where contains(left(line_text, -1), chr(13))) as carriage_returns
    {%- endset -%}
    {%- set found = run_query(counts_query)[0] -%}
    {{ return(found[0] > 0 and found[0] == 1 + found[1] and found[2] == 0) }}
{%- endmacro %}

{#- DuckDB: <input>__map_errors from <input>__lines: record n (record_index) is DuckDB's line n + 1
    and spans its field_newlines + 1 lines from the first one not taken by the header or the
    records before it. -#}
{% macro map_from_lines(input_name) -%}
    {%- set lines = input_temp_relation(input_name, 'lines') -%}
    create temp table {{ input_temp_relation(input_name, 'map_errors') }} as
    with

    starts as (

        select
            record_index,
            field_newlines,
            {{ record_first_line() }} as first_line
        from {{ input_temp_relation(input_name, 'fields') }}

    ),

    single_line as (

        select
            starts.record_index + 1 as line,
            lines.line_text as csv_line
        from starts
        inner join {{ lines }} as lines
            on lines.line_number = starts.first_line
        where starts.field_newlines = 0

    ),

    multi_line as (

        select
            starts.record_index + 1 as line,
            string_agg(lines.line_text, chr(10) order by lines.line_number) as csv_line
        from starts
        inner join {{ lines }} as lines
            on lines.line_number between starts.first_line and starts.first_line + starts.field_newlines
        where starts.field_newlines > 0
        group by starts.record_index

    )

    select * from single_line
    union all
    select * from multi_line;
    drop table {{ lines }}
{%- endmacro %}
