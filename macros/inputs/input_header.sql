{#- The header of an input file: its first line as text, its field names, and the position of
    each expected column among them. -#}

{#- The first line of a file, as text; '' for an empty file. DuckDB: read as bytes (a CSV read
    would skip a header line that is not UTF-8, a text read fails on any such byte in the file),
    decoded as UTF-8, or shown with \xNN escapes where it is not UTF-8. Spark: its text source. -#}
{% macro input_first_line(path) %}{{ return(adapter.dispatch('input_first_line', 'influencer_analytics')(path)) }}{% endmacro %}

{% macro default__input_first_line(path) -%}
    {%- set query -%}
        with prefix as (
            select split_part(cast(content[1:{{ setting('max_record_bytes') }}] as string), '\x0A', 1) as escaped
            from read_blob({{ sql_string(path) }})
        )
        select coalesce(try(decode(cast(escaped as blob))), escaped) from prefix
    {%- endset -%}
    {{ return(first_line_text(run_query(query))) }}
{%- endmacro %}

{% macro spark__input_first_line(path) -%}
    {%- set query -%}
        select value from {{ spark_text_file(path) }} limit 1
    {%- endset -%}
    {{ return(first_line_text(run_query(query))) }}
{%- endmacro %}

{#- The one text value of a query's result, '' when there is none. -#}
{% macro first_line_text(rows) -%}
    {{ return(rows[0][0] if rows | length > 0 and rows[0][0] is not none else '') }}
{%- endmacro %}

{#- Spark: a file read as lines (one row per line, column value), the path as a quoted identifier. -#}
{% macro spark_text_file(path) -%}
    text.`{{ path | replace('`', '``') }}`
{%- endmacro %}

{#- The header's field names of a CSV file, as written (quotes and surrounding spaces removed, a
    byte-order mark dropped). Header names hold no comma, so splitting the line is enough. -#}
{% macro input_header(path) -%}
    {{ return(split_header_line(input_first_line(path), ',')) }}
{%- endmacro %}

{% macro split_header_line(line, delimiter) -%}
    {%- set text = line.replace('\r', '').replace('\ufeff', '') -%}
    {%- if text | trim == '' -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set names = [] -%}
    {%- for item in text.split(delimiter) -%}
        {%- set name = item.strip() -%}
        {%- if name | length >= 2 and name.startswith('"') and name.endswith('"') -%}
            {%- set name = name[1:-1].replace('""', '"').strip() -%}
        {%- endif -%}
        {%- do names.append(name) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{#- expected column -> its 1-based position in the header (names compared without case). -#}
{% macro expected_column_positions(expected, header) -%}
    {%- set positions = {} -%}
    {%- for column in expected -%}
        {%- for name in header -%}
            {%- if name | lower == column | lower and column not in positions -%}
                {%- do positions.update({column: loop.index}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(positions) }}
{%- endmacro %}
