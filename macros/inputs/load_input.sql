{#- A base model's pre-hook (load_input) reads its input into temporary relations on the model's
    connection; its post-hook (drop_input_temp_tables) frees them once the model is written. -#}

{#- DuckDB can only hand over its rejected records in temporary tables on the connection that read
    the file, so the reads run in the hook (same connection) and input_records joins them:
    - <input>__fields: the records DuckDB could split into the header's fields, numbered in file
      order (files route only; the seeds route reads the loaded seed). Numbered while read: rowid
      cannot do it, rows a transaction has not committed have rowids from 2^62 on;
    - <input>__read_errors: DuckDB's rejected records of that read (line, error type, raw text);
    - <input>__map_errors: every record's line as DuckDB counts it (records, not lines: a record
      with a quoted line break is one "line") and its raw text. DuckDB reports a line only for
      rejected records, so in general this is a second read declaring one field more than the
      header has (and no line-size limit): every record comes back in the rejects table
      (<input>__map keeps the few that do have that extra field). Measured: 7.6 s of a 239 MB,
      1M-record file on a quiet machine (every record becomes a reject row); 1.5 s to read and
      4.5 s to map a 154 MB TikTok export.
      A clean file does not need it (input_lines_follow_records): when the read rejected nothing,
      the file is UTF-8 and its lines are exactly the header plus each record's lines (no blank
      line, no line ended by a lone carriage return), record n starts on line n + 1 plus the
      line breaks inside the records before it, so its line and text come from the file's lines
      (0.9 s for the same 1M records).
    The reads run while the hook is rendered (run_query, the same connection), so the hook can
    choose the map from what the read found.
    Spark has no CSV reader that hands back each rejected record with its line and raw text: a
    file input is a temporary view over Spark's CSV reader in PERMISSIVE mode (a record it cannot
    split into the header's fields is kept, with every field NULL, in corrupt_record); a seed is
    read as loaded (macros/dbt_overrides/spark_seeds.sql). -#}
{% macro load_input(input_name) %}{{ return(adapter.dispatch('load_input', 'influencer_analytics')(input_name)) }}{% endmacro %}

{% macro default__load_input(input_name) -%}
    {%- if not execute -%}
        {{ return('select 1 as input_loaded') }}
    {%- endif -%}
    {%- set input = input_file(input_name) -%}
    {%- set header = input_header(input.path) -%}
    {%- set file_bytes = input_file_bytes(input.path) -%}
    {%- do run_query(drop_input_temp_tables(input_name)) -%}
    {%- if input.route == 'file' -%}
        {%- set read_query -%}
            create temp table {{ input_temp_relation(input_name, 'fields') }} as
            select
                row_number() over () as record_index,
                {{ newline_count(positional_field_names(header | length)) }} as field_newlines,
                *
            from {{ read_csv_with_rejects(input.path, header | length, input_name, 'read', file_bytes) }}
        {%- endset -%}
    {%- else -%}
        {#- A seed loaded, so it had no broken record: an empty rejects table of the same shape. -#}
        {%- set read_query -%}
            create temp table {{ input_temp_relation(input_name, 'read_errors') }} as
            select null::bigint as line, null::string as error_type, null::string as csv_line, null::string as error_message
            where false
        {%- endset -%}
    {%- endif -%}
    {%- do run_query(read_query) -%}
    {%- if input.route == 'file' and input_lines_follow_records(input_name, input.path) -%}
        {{ return(map_from_lines(input_name)) }}
    {%- endif -%}
    {%- set map_query -%}
        create temp table {{ input_temp_relation(input_name, 'map') }} as select * from
        {{ read_csv_with_rejects(input.path, (header | length) + 1, input_name, 'map', file_bytes,
            max_line_bytes=[file_bytes + 1, setting('max_record_bytes')] | max) }}
    {%- endset -%}
    {{ return(map_query) }}
{%- endmacro %}

{% macro spark__load_input(input_name) -%}
    {%- if not execute or input_file(input_name).route == 'seed' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set input = input_file(input_name) -%}
    {#- One column per header field, as text, plus the record Spark could not split. -#}
    {%- set view_query -%}
        create or replace temporary view {{ input_temp_relation(input_name, 'fields') }} (
            {%- for name in positional_field_names(input_header(input.path) | length) %}
            {{ name }} string,
            {%- endfor %}
            corrupt_record string
        )
        using csv options (
            path {{ sql_string(input.path) }}, header 'true', multiLine 'true', quote '"', escape '"',
            mode 'PERMISSIVE', columnNameOfCorruptRecord 'corrupt_record', enforceSchema 'true'
        )
    {%- endset -%}
    {{ return(view_query) }}
{%- endmacro %}

{#- Post-hook: free the memory of the temporary relations once the base model is written. -#}
{% macro drop_input_temp_tables(input_name) %}{{ return(adapter.dispatch('drop_input_temp_tables', 'influencer_analytics')(input_name)) }}{% endmacro %}

{% macro default__drop_input_temp_tables(input_name) -%}
    {%- set statements = [] -%}
    {%- for part in ['fields', 'read_errors', 'read_scans', 'lines', 'map', 'map_errors', 'map_scans'] -%}
        {%- do statements.append('drop table if exists ' ~ input_temp_relation(input_name, part)) -%}
    {%- endfor -%}
    {{ return(statements | join(';\n')) }}
{%- endmacro %}

{% macro spark__drop_input_temp_tables(input_name) -%}
    {%- if input_file(input_name).route == 'seed' -%}
        {{ return('') }}
    {%- endif -%}
    {{ return('drop view if exists ' ~ input_temp_relation(input_name, 'fields')) }}
{%- endmacro %}
