{#- DuckDB's CSV reader with its record-level error handling (store_rejects): the read every file
    input goes through, and the reason a record it rejected could not be split into fields. -#}

{#- read_csv over a file whose header has `field_count` fields, every field as text under a
    positional name (positional_field_names), rejected records stored in the temporary tables
    input__<input>__<part>_errors / _scans.
    The whole file is one buffer (buffer_size above its size): DuckDB 2.0.0 misplaces records and
    line numbers when a rejected record crosses a buffer boundary (measured: 154 MB export, 32 MB
    buffers: 4 records split in two and every later line off by up to 4; a 10 MB record hides every
    record after it from the rejects table). Memory: about the file's size. -#}
{% macro read_csv_with_rejects(path, field_count, input_name, part, file_bytes, max_line_bytes=none) -%}
    {%- set max_line = setting('max_record_bytes') if max_line_bytes is none else max_line_bytes -%}
    read_csv(
        {{ sql_string(path) }},
        header = true,
        columns = { {%- for name in positional_field_names(field_count) -%}
            {{ sql_string(name) }}: 'VARCHAR'{{ ', ' if not loop.last }}
        {%- endfor -%} },
        delim = ',', quote = '"', escape = '"', strict_mode = true, auto_detect = false,
        max_line_size = {{ max_line }},
        buffer_size = {{ [file_bytes + 1, max_line] | max }},
        store_rejects = true,
        rejects_table = {{ sql_string(input_temp_relation(input_name, part ~ '_errors').identifier) }},
        rejects_scan = {{ sql_string(input_temp_relation(input_name, part ~ '_scans').identifier) }}
    )
{%- endmacro %}

{#- The text without the line breaks at its ends. trim(text, characters) measured 3 s on 150 MB of
    records: only the few texts that start or end with one are trimmed. -#}
{% macro trim_line_breaks(expr) -%}
    case
        when left({{ expr }}, 1) in (chr(10), chr(13)) or right({{ expr }}, 1) in (chr(10), chr(13))
            then trim({{ expr }}, chr(13) || chr(10))
        else {{ expr }}
    end
{%- endmacro %}

{#- Why DuckDB could not split a record into the header's fields, from its rejects table
    (an aggregate over the reject rows of one record; header_fields = fields in the header). -#}
{% macro parse_problem_reason(header_fields) -%}
    nullif(concat_ws('; ',
        -- An unclosed quote also miscounts the fields: then only the quote is the reason.
        case when bool_or(error_type = 'TOO MANY COLUMNS') and not bool_or(error_type = 'UNQUOTED VALUE') then
            'the record has '
            || max(case when error_type = 'TOO MANY COLUMNS' then cast(regexp_extract(error_message, 'Found: (\d+)', 1) as integer) end)
            || ' fields where the header has {{ header_fields }}: a value holding a comma that is not in double quotes?'
        end,
        case when bool_or(error_type = 'MISSING COLUMNS') and not bool_or(error_type = 'UNQUOTED VALUE') then
            'the record has '
            || min(case when error_type = 'MISSING COLUMNS' then cast(regexp_extract(error_message, 'Found: (\d+)', 1) as integer) end)
            || ' field(s) where the header has {{ header_fields }}'
        end,
        case when bool_or(error_type = 'UNQUOTED VALUE') then
            'a double quote in it is never closed properly (a quote inside a quoted value must be doubled: "")'
        end,
        case when bool_or(error_type = 'INVALID ENCODING') then {{ not_utf8_reason('?') }} end,
        case when bool_or(error_type = 'LINE SIZE OVER MAXIMUM') then
            {{ too_long_reason("max(case when error_type = 'LINE SIZE OVER MAXIMUM' then cast(regexp_extract(error_message, 'Actual Size:\s*(\d+)', 1) as bigint) end)") }}
        end,
        -- Any other error DuckDB reports, in its own words.
        string_agg(distinct case
            when error_type not in ('TOO MANY COLUMNS', 'MISSING COLUMNS', 'UNQUOTED VALUE', 'INVALID ENCODING', 'LINE SIZE OVER MAXIMUM')
                then lower(error_type) || ': ' || error_message
        end, '; ')
    ), '')
{%- endmacro %}

{#- Spark: the record's problems, with DuckDB's reasons (parse_problem_reason) for what Spark's CSV
    reader lets through: bytes that are not UTF-8 (the CSV reader decodes them as U+FFFD, the text
    source keeps the raw bytes) and a record longer than max_record_bytes. -#}
{% macro spark_record_problems(parse_problem, raw_text) -%}
    nullif(concat_ws('; ',
        {{ parse_problem }},
        case when not is_valid_utf8({{ raw_text }}) then {{ not_utf8_reason('U+FFFD') }} end,
        case when octet_length({{ raw_text }}) > {{ setting('max_record_bytes') }} then
            {{ too_long_reason('octet_length(' ~ raw_text ~ ')') }}
        end
    ), '')
{%- endmacro %}

{#- The two reasons both engines give in the same words. -#}
{% macro not_utf8_reason(shown_as) -%}
    'it is not valid UTF-8 text (the bytes that are not are shown as {{ shown_as }}): save the file as UTF-8'
{%- endmacro %}

{% macro too_long_reason(byte_count) -%}
    'the record is ' || {{ byte_count }} || ' bytes long, more than max_record_bytes ({{ setting("max_record_bytes") }})'
{%- endmacro %}
