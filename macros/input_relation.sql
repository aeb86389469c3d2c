{#- The input files and how a staging base model reads them.

    Two routes feed the same base models (so every check and reason is written once):
    - seeds: the bundled CSVs, loaded by `dbt seed` into raw.<name> with every column as text;
    - files: <input_dir>/<name>.csv (var input_dir) and the TikTok export (var tiktok_profiles_path),
      read by DuckDB's CSV reader with its record-level error handling (store_rejects): a broken
      record is set aside with DuckDB's error instead of failing the whole file.

    DuckDB can only hand over its rejected records in temporary tables on the connection that read
    the file, so a base model reads its input in a pre-hook (load_input, same connection) and its
    SQL (input_records) joins the temporary tables into one row per record of the file:
    source_file, source_line (as an editor counts it), raw_text, parse_problem and the columns as text. -#}

{#- Every input the base models read: name -> path, how it is shown, its route and the columns the
    project expects (from the seed's column_types in seeds/_seeds.yml, or the source's columns). -#}
{% macro input_files() -%}
    {#- At parse time the graph is empty: the routes are known (ref() must be called then, for
        the DAG), the columns and seed paths only at execution. -#}
    {%- set inputs = {} -%}
    {%- for name in ['influencers_data', 'growth_data', 'brands_data'] -%}
        {%- set seed = graph.nodes['seed.' ~ project_name ~ '.' ~ name] if execute else none -%}
        {%- set columns = (seed.config.column_types.keys() | list) if execute else [] -%}
        {%- if var('input_dir') is none -%}
            {%- do inputs.update({name: {
                'name': name, 'route': 'seed', 'columns': columns, 'setting': none,
                'path': (seed.root_path ~ '/' ~ seed.original_file_path) if execute else none,
                'display': 'seeds/' ~ name ~ '.csv'}}) -%}
        {%- else -%}
            {%- set path = var('input_dir') ~ '/' ~ name ~ '.csv' -%}
            {%- do inputs.update({name: {
                'name': name, 'route': 'file', 'columns': columns, 'setting': 'input_dir',
                'path': project_relative_path(path), 'display': path}}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set tiktok_columns = (graph.sources['source.' ~ project_name ~ '.tiktok.profiles'].columns.keys() | list)
        if execute else [] -%}
    {%- do inputs.update({'tiktok_profiles': {
        'name': 'tiktok_profiles', 'route': 'file', 'columns': tiktok_columns,
        'setting': 'tiktok_profiles_path',
        'path': project_relative_path(var('tiktok_profiles_path')), 'display': var('tiktok_profiles_path')}}) -%}
    {{ return(inputs) }}
{%- endmacro %}

{#- A relative path is relative to the project folder (not to where dbt was started). -#}
{% macro project_relative_path(path) -%}
    {%- if path.startswith('/') or not execute -%}
        {{ return(path) }}
    {%- endif -%}
    {#- Seed nodes carry the project folder (root_path). -#}
    {{ return(graph.nodes['seed.' ~ project_name ~ '.influencers_data'].root_path ~ '/' ~ path) }}
{%- endmacro %}

{% macro input_file(input_name) -%}
    {{ return(input_files()[input_name]) }}
{%- endmacro %}

{#- The prefix of the temporary tables holding one input's reads. -#}
{% macro input_temp_name(input_name, part) -%}
    input__{{ input_name }}__{{ part }}
{%- endmacro %}

{#- read_csv over a file whose header has `field_count` fields, every field as text under a
    positional name (field_1, field_2, ...; expected_column_positions finds a column's position),
    rejected records stored in the temporary tables <rejects_prefix>_errors / _scans.
    The whole file is one buffer (buffer_size above its size): DuckDB 2.0.0 misplaces records and
    line numbers when a rejected record crosses a buffer boundary (measured: 154 MB export, 32 MB
    buffers: 4 records split in two and every later line off by up to 4; a 10 MB record hides every
    record after it from the rejects table). Memory: about the file's size. -#}
{% macro read_csv_with_rejects(path, field_count, rejects_prefix, file_bytes, max_line_bytes=none) -%}
    {%- set max_line = var('max_record_bytes') if max_line_bytes is none else max_line_bytes -%}
    read_csv(
        {{ sql_string(path) }},
        header = true,
        columns = { {%- for position in range(1, field_count + 1) -%}
            'field_{{ position }}': 'VARCHAR'{{ ', ' if not loop.last }}
        {%- endfor -%} },
        delim = ',', quote = '"', escape = '"', strict_mode = true, auto_detect = false,
        max_line_size = {{ max_line }},
        buffer_size = {{ [file_bytes + 1, max_line] | max }},
        store_rejects = true,
        rejects_table = '{{ rejects_prefix }}_errors',
        rejects_scan = '{{ rejects_prefix }}_scans'
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

{#- field_1, field_2, ...: the positional names read_csv_with_rejects gives a file's fields. -#}
{% macro positional_field_names(field_count) -%}
    {%- set names = [] -%}
    {%- for position in range(1, field_count + 1) -%}
        {%- do names.append('field_' ~ position) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{#- The number of line breaks in a record's fields (columns: names of text columns, quoted when
    quote is true; else SQL expressions). -#}
{% macro newline_count(columns, quote=false) -%}
    {%- set texts = [] -%}
    {%- for column in columns -%}
        {%- do texts.append(adapter.quote(column) if quote else column) -%}
    {%- endfor -%}
    (length({{ concat_texts(texts) }}) - length(replace({{ concat_texts(texts) }}, chr(10), '')))
{%- endmacro %}

{#- The size of a file in bytes (0 when it is empty). -#}
{% macro input_file_bytes(path) -%}
    {{ return(run_query("select size from read_blob(" ~ sql_string(path) ~ ")").columns[0].values()[0]) }}
{%- endmacro %}

{#- Pre-hook of a base model: read the input into temporary tables on the model's connection.
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
    choose the map from what the read found. -#}
{% macro load_input(input_name) -%}
    {{ return(adapter.dispatch('load_input')(input_name)) }}
{%- endmacro %}

{% macro default__load_input(input_name) -%}
    {%- if not execute -%}
        {{ return('select 1 as input_loaded') }}
    {%- endif -%}
    {%- set input = input_file(input_name) -%}
    {%- set header = input_header(input.path) -%}
    {%- set file_bytes = input_file_bytes(input.path) -%}
    {%- do run_query(drop_input_temp_tables(input_name)) -%}
    {%- if input.route == 'file' -%}
        {%- do run_query(
            'create temp table ' ~ input_temp_name(input_name, 'fields')
            ~ ' as select row_number() over () as record_index, '
            ~ newline_count(positional_field_names(header | length))
            ~ ' as field_newlines, * from '
            ~ read_csv_with_rejects(input.path, header | length, input_temp_name(input_name, 'read'), file_bytes)) -%}
    {%- else -%}
        {#- A seed loaded, so it had no broken record: an empty rejects table of the same shape. -#}
        {%- do run_query(
            'create temp table ' ~ input_temp_name(input_name, 'read_errors')
            ~ ' as select null::bigint as line, null::varchar as error_type, null::varchar as csv_line,'
            ~ ' null::varchar as error_message where false') -%}
    {%- endif -%}
    {%- if input.route == 'file' and input_lines_follow_records(input_name, input.path) -%}
        {{ return(map_from_lines(input_name)) }}
    {%- endif -%}
    {{ return(
        'create temp table ' ~ input_temp_name(input_name, 'map') ~ ' as select * from '
        ~ read_csv_with_rejects(input.path, (header | length) + 1, input_temp_name(input_name, 'map'), file_bytes,
            max_line_bytes=[file_bytes + 1, var('max_record_bytes')] | max)) }}
{%- endmacro %}

{#- True when the read of <input>__fields rejected nothing and the file's lines are the header
    plus the lines of its records: then map_from_lines numbers them. Keeps the file's lines in
    <input>__lines (none when the file is not UTF-8: a CSV read does not check the header). A
    line holding a carriage return before its end (a record ended by a lone CR, or one inside a
    quoted value) sends the file to the general map. -#}
{% macro input_lines_follow_records(input_name, path) -%}
    {%- set rejected = run_query(
        'select count(*) from temp.main.' ~ input_temp_name(input_name, 'read_errors')).columns[0].values()[0] -%}
    {%- if rejected > 0 -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set lines = 'temp.main.' ~ input_temp_name(input_name, 'lines') -%}
    {%- do run_query(
        'create temp table ' ~ input_temp_name(input_name, 'lines')
        ~ ' as select generate_subscripts(parts, 1) as line_number, unnest(parts) as line_text'
        ~ ' from (select string_split(try(decode(content)), chr(10)) as parts from read_blob(' ~ sql_string(path) ~ '))') -%}
    {#- The text after the last line break is a line unless the file ends with one. -#}
    {%- set found = run_query(
        'select'
        ~ ' (select count(*) from ' ~ lines ~ ') - (select count(*) from ' ~ lines
        ~ '   where line_number = (select max(line_number) from ' ~ lines ~ ') and length(line_text) = 0) as file_lines,'
        ~ ' (select count(*) + coalesce(sum(field_newlines), 0)'
        ~ '   from temp.main.' ~ input_temp_name(input_name, 'fields') ~ ') as record_lines,'
        ~ ' (select count(*) from ' ~ lines ~ ' where contains(left(line_text, -1), chr(13))) as carriage_returns')[0] -%}
    {{ return(found[0] > 0 and found[0] == 1 + found[1] and found[2] == 0) }}
{%- endmacro %}

{#- The line record n (record_index) starts on when line 1 is the header and the lines are the
    records' lines: n + 1 plus the line breaks inside the records before it. -#}
{% macro record_first_line() -%}
    record_index + 1 + coalesce(sum(field_newlines) over (
        order by record_index rows between unbounded preceding and 1 preceding
    ), 0)
{%- endmacro %}

{#- <input>__map_errors from <input>__lines: record n (record_index) is DuckDB's line n + 1 and
    spans its field_newlines + 1 lines from the first one not taken by the header or the records
    before it. -#}
{% macro map_from_lines(input_name) -%}
    create temp table {{ input_temp_name(input_name, 'map_errors') }} as
    with

    starts as (

        select
            record_index,
            field_newlines,
            {{ record_first_line() }} as first_line,
        from temp.main.{{ input_temp_name(input_name, 'fields') }}

    ),

    single_line as (

        select
            starts.record_index + 1 as line,
            lines.line_text as csv_line,
        from starts
        inner join temp.main.{{ input_temp_name(input_name, 'lines') }} as lines
            on lines.line_number = starts.first_line
        where starts.field_newlines = 0

    ),

    multi_line as (

        select
            starts.record_index + 1 as line,
            string_agg(lines.line_text, chr(10) order by lines.line_number) as csv_line,
        from starts
        inner join temp.main.{{ input_temp_name(input_name, 'lines') }} as lines
            on lines.line_number between starts.first_line and starts.first_line + starts.field_newlines
        where starts.field_newlines > 0
        group by starts.record_index

    )

    select * from single_line
    union all
    select * from multi_line;
    drop table temp.main.{{ input_temp_name(input_name, 'lines') }}
{%- endmacro %}

{#- Post-hook: free the memory of the temporary tables once the base model is written. -#}
{% macro drop_input_temp_tables(input_name) -%}
    {{ return(adapter.dispatch('drop_input_temp_tables')(input_name)) }}
{%- endmacro %}

{% macro default__drop_input_temp_tables(input_name) -%}
    {%- set statements = [] -%}
    {%- for part in ['fields', 'read_errors', 'read_scans', 'lines', 'map', 'map_errors', 'map_scans'] -%}
        {%- do statements.append('drop table if exists temp.main.' ~ input_temp_name(input_name, part)) -%}
    {%- endfor -%}
    {{ return(statements | join(';\n')) }}
{%- endmacro %}

{#- One row per record of the input file (the header excluded), in file order:
    source_file, source_line, raw_text, parse_problem (NULL when DuckDB split the record into the
    header's fields) and every expected column as text (NULL when parse_problem is set).
    Needs load_input(input_name) as the model's pre-hook. -#}
{% macro input_records(input_name) -%}
    {{ return(adapter.dispatch('input_records')(input_name)) }}
{%- endmacro %}

{% macro default__input_records(input_name) -%}
    {%- set input = input_file(input_name) -%}
    {%- set header = input_header(input.path) if execute else input.columns -%}
    {%- set positions = expected_column_positions(input.columns, header) -%}
    {%- set read_errors = 'temp.main.' ~ input_temp_name(input_name, 'read_errors') -%}
    {%- set map_errors = 'temp.main.' ~ input_temp_name(input_name, 'map_errors') -%}
    (
        with

        read_errors as (

            select
                line as reader_line,
                any_value(csv_line) as csv_line,
                {{ parse_problem_reason(header | length) }} as parse_problem,
                bool_or(error_type = 'UNQUOTED VALUE') as has_unclosed_quote,
            from {{ read_errors }}
            group by line

        ),

        map_errors as (

            select
                line as reader_line,
                any_value(csv_line) as csv_line,
            from {{ map_errors }}
            group by line

        ),

        -- Every record is in one of the two: a record with as many fields as the header is
        -- rejected by the map (one field short), one with a field more by the read. The
        -- positions are computed on narrow rows; the texts are joined once at the end (the
        -- windows over 150 MB of text took as long as reading the file).
        record_lines as (

            select
                reader_line,
                read_errors.reader_line is null as is_parsed,
            from (select reader_line from map_errors union select reader_line from read_errors) as every_line
            left join read_errors using (reader_line)

        ),

        fields as (

            {% if input.route == 'seed' -%}
            -- rowid follows the seed's record order, but a re-loaded seed (a second dbt build on the
            -- same file) keeps counting from where the first load's rows were: number by it.
            select
                row_number() over (order by rowid) as record_index,
                {{ newline_count(input.columns, quote=true) }} as field_newlines,
                {%- for column in input.columns %}
                cast({{ adapter.quote(column) }} as varchar) as {{ adapter.quote(column) }},
                {%- endfor %}
            from {{ ref(input_name) }}
            {%- else -%}
            select
                record_index,
                field_newlines,
                {%- for column in input.columns %}
                field_{{ positions[column] }} as {{ adapter.quote(column) }},
                {%- endfor %}
            from temp.main.{{ input_temp_name(input_name, 'fields') }}
            {%- endif %}

        ),

        numbered as (

            select
                reader_line,
                -- The n-th record DuckDB could split is the n-th row of the fields it returned.
                case when is_parsed then row_number() over (partition by is_parsed order by reader_line) end as record_index,
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
                ) as extra_lines,
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
                ), 0) as source_line,
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
            {%- for column in input.columns %}
            fields.{{ adapter.quote(column) }},
            {%- endfor %}
        from lined
        left join map_errors using (reader_line)
        left join read_errors using (reader_line)
        left join fields using (record_index)
    )
{%- endmacro %}

{#- The first line of a file, as text: read as bytes (a CSV read would skip a header line that is
    not UTF-8, a text read fails on any such byte in the file), decoded as UTF-8, or shown with
    \xNN escapes where it is not UTF-8. '' for an empty file. -#}
{% macro input_first_line(path) -%}
    {{ return(adapter.dispatch('input_first_line')(path)) }}
{%- endmacro %}

{% macro default__input_first_line(path) -%}
    {%- set rows = run_query(
        "with prefix as (select split_part(cast(content[1:" ~ var('max_record_bytes') ~ "] as varchar), '\\x0A', 1) as escaped"
        ~ " from read_blob(" ~ sql_string(path) ~ "))"
        ~ " select coalesce(try(decode(cast(escaped as blob))), escaped) from prefix") -%}
    {{ return(rows[0][0] if rows | length > 0 and rows[0][0] is not none else '') }}
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

{#- ---------------------------------------------------------------- Spark (target spark).
    Spark has no CSV reader that hands back each rejected record with its line and raw text
    (DuckDB's store_rejects). Here: the fields come from the seed (loaded by dbt seed,
    macros/spark_seeds.sql) or, for a file, from Spark's CSV reader in PERMISSIVE mode (a record it
    cannot split into the header's fields is kept, with every field NULL and a parse_problem, so it
    is rejected, not lost); the file read as lines (Spark's text source) gives each record's line
    and raw text. Records are numbered in file order: a seed is one file written by one task, and a
    multiLine CSV file is read by one task, so row order is file order. Known differences: a
    parse_problem says that the record could not be split, not DuckDB's reason; blank lines between
    records shift the line numbers after them. -#}

{% macro spark__load_input(input_name) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set input = input_file(input_name) -%}
    {%- if input.route == 'seed' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set header = input_header(input.path) -%}
    {#- One column per header field, as text, plus the record Spark could not split. -#}
    {{ return(
        'create or replace temporary view ' ~ input_temp_name(input_name, 'fields') ~ ' ('
        ~ positional_field_names(header | length) | join(' string, ') ~ ' string, corrupt_record string)'
        ~ " using csv options (path '" ~ input.path ~ "', header 'true', multiLine 'true', quote '\"', escape '\"',"
        ~ " mode 'PERMISSIVE', columnNameOfCorruptRecord 'corrupt_record', enforceSchema 'true')") }}
{%- endmacro %}

{% macro spark__drop_input_temp_tables(input_name) -%}
    {%- set input = input_file(input_name) -%}
    {{ return('' if input.route == 'seed' else 'drop view if exists ' ~ input_temp_name(input_name, 'fields')) }}
{%- endmacro %}

{% macro spark__input_first_line(path) -%}
    {%- set rows = run_query("select value from text.`" ~ path ~ "` limit 1") -%}
    {{ return(rows[0][0] if rows | length > 0 and rows[0][0] is not none else '') }}
{%- endmacro %}

{% macro spark__input_records(input_name) -%}
    {%- set input = input_file(input_name) -%}
    {%- set header = input_header(input.path) if execute else input.columns -%}
    {%- set positions = expected_column_positions(input.columns, header) -%}
    (
        with

        fields as (

            {% if input.route == 'seed' -%}
            select
                row_number() over (order by monotonically_increasing_id()) as record_index,
                {{ newline_count(input.columns, quote=true) }} as field_newlines,
                cast(null as string) as parse_problem,
                {%- for column in input.columns %}
                cast({{ adapter.quote(column) }} as string) as {{ adapter.quote(column) }},
                {%- endfor %}
            from {{ ref(input_name) }}
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
                case when corrupt_record is null then field_{{ positions[column] }} end as {{ adapter.quote(column) }},
                {%- endfor %}
            from {{ input_temp_name(input_name, 'fields') }}
            {%- endif %}

        ),

        file_lines as (

            select
                row_number() over (order by monotonically_increasing_id()) as line_number,
                value as line_text
            from text.`{{ input.path }}`

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

        )

        select
            {{ sql_string(input.display) }} as source_file,
            lined.source_line,
            raw_texts.raw_text,
            fields.parse_problem,
            {%- for column in input.columns %}
            fields.{{ adapter.quote(column) }},
            {%- endfor %}
        from lined
        inner join fields using (record_index)
        left join raw_texts using (record_index)
    )
{%- endmacro %}
