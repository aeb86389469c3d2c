{#- One row per record of an input file (the header excluded), in file order: source_file,
    source_line (as an editor counts it), raw_text, parse_problem (NULL when the reader split the
    record into the header's fields) and every expected column as text (NULL when parse_problem is
    set). Needs load_input(input_name) as the model's pre-hook. Spark's known differences: a
    parse_problem says that the record could not be split, not DuckDB's reason; blank lines between
    records shift the line numbers after them. -#}
{% macro input_records(input_name) %}{{ return(adapter.dispatch('input_records', 'influencer_analytics')(input_name)) }}{% endmacro %}

{% macro default__input_records(input_name) -%}
    {%- set input = input_file(input_name) -%}
    {%- set header = input_header(input.path) if execute else input.columns -%}
    (
        with

        read_errors as (

            select
                line as reader_line,
                any_value(csv_line) as csv_line,
                {{ parse_problem_reason(header | length) }} as parse_problem,
                bool_or(error_type = 'UNQUOTED VALUE') as has_unclosed_quote
            from {{ input_temp_relation(input_name, 'read_errors') }}
            group by line

        ),

        map_errors as (

            select
                line as reader_line,
                any_value(csv_line) as csv_line
            from {{ input_temp_relation(input_name, 'map_errors') }}
            group by line

        ),

        -- Every record is in one of the two: a record with as many fields as the header is
        -- rejected by the map (one field short), one with a field more by the read. The
        -- positions are computed on narrow rows; the texts are joined once at the end (the
        -- windows over 150 MB of text took as long as reading the file).
        record_lines as (

            select
                reader_line,
                read_errors.reader_line is null as is_parsed
            from (select reader_line from map_errors union select reader_line from read_errors) as every_line
            left join read_errors using (reader_line)

        ),

        fields as (

            {{ input_fields(input, header) }}

        ),

        numbered as (

            select
                reader_line,
                -- The n-th record DuckDB could split is the n-th row of the fields it returned.
                case when is_parsed then row_number() over (partition by is_parsed order by reader_line) end as record_index
            from record_lines

        ),

        counted as (

            select
                numbered.reader_line,
                coalesce(numbered.record_index, fields.record_index) as record_index,
                -- The line breaks inside the record: counted in its fields when DuckDB split it
                -- (complete), else in its text (DuckDB keeps the first 10,000 characters).
                coalesce(
                    fields.field_newlines,
                    {{ newline_count(['coalesce(map_errors.csv_line, read_errors.csv_line)']) }}
                ) as extra_lines
            from numbered
            -- Full join: a record is never lost, even if DuckDB's two reads disagreed (then its
            -- source_line is NULL, which the not_null test on every base model reports).
            full outer join (select record_index, field_newlines from fields) as fields using (record_index)
            left join map_errors using (reader_line)
            left join read_errors using (reader_line)

        ),

        lined as (

            select
                reader_line,
                record_index,
                extra_lines,
                -- DuckDB counts a record with quoted line breaks as one line: add the extra lines
                -- of every record before it to get the line an editor shows.
                reader_line + coalesce(sum(extra_lines) over (
                    order by reader_line rows between unbounded preceding and 1 preceding
                ), 0) as source_line
            from counted

        )

        select
            {{ sql_string(input.display) }} as source_file,
            lined.source_line,
            -- DuckDB's text of a record starts with the blank lines before it (its line counter
            -- counts them already) and, in CRLF files, the previous line's LF.
            {{ trim_line_breaks('coalesce(map_errors.csv_line, read_errors.csv_line)') }} as raw_text,
            -- An unterminated quote swallows the lines up to the next quote: say which.
            case
                when read_errors.has_unclosed_quote and lined.extra_lines > 0
                    then read_errors.parse_problem || ' (lines ' || lined.source_line || '-'
                        || (lined.source_line + lined.extra_lines) || ' were read as this one record)'
                else read_errors.parse_problem
            end as parse_problem,
            {{ fields_columns(input) }}
        from lined
        left join map_errors using (reader_line)
        left join read_errors using (reader_line)
        left join fields using (record_index)
    )
{%- endmacro %}

{#- Spark: the fields from input_fields; the file read as lines (Spark's text source) gives each
    record's line and raw text. -#}
{% macro spark__input_records(input_name) -%}
    {%- set input = input_file(input_name) -%}
    {%- set header = input_header(input.path) if execute else input.columns -%}
    (
        with

        fields as (

            {{ input_fields(input, header) }}

        ),

        file_lines as (

            select
                row_number() over (order by monotonically_increasing_id()) as line_number,
                value as line_text
            from {{ spark_text_file(input.path) }}

        ),

        lined as (

            select
                record_index,
                field_newlines,
                -- Line 1 is the header; a record with quoted line breaks spans several lines.
                {{ record_first_line() }} as source_line
            from fields

        ),

        raw_texts as (

            select
                lined.record_index,
                array_join(transform(
                    array_sort(collect_list(struct(file_lines.line_number, file_lines.line_text))),
                    line -> line.line_text
                ), chr(10)) as raw_text
            from lined
            inner join file_lines
                on file_lines.line_number between lined.source_line and lined.source_line + lined.field_newlines
            group by lined.record_index

        ),

        -- What Spark's CSV reader lets through but DuckDB rejects (spark_record_problems).
        checked as (

            select
                lined.record_index,
                lined.source_line,
                make_valid_utf8(raw_texts.raw_text) as raw_text,
                {{ spark_record_problems('fields.parse_problem', 'raw_texts.raw_text') }} as parse_problem
            from lined
            inner join fields using (record_index)
            left join raw_texts using (record_index)

        )

        select
            {{ sql_string(input.display) }} as source_file,
            checked.source_line,
            checked.raw_text,
            checked.parse_problem,
            {#- A record that could not be read keeps no field values, as on DuckDB. #}
            {%- for column in input.columns %}
            case when checked.parse_problem is null then fields.{{ adapter.quote(column) }} end as {{ adapter.quote(column) }}{{ ',' if not loop.last }}
            {%- endfor %}
        from checked
        inner join fields using (record_index)
    )
{%- endmacro %}
