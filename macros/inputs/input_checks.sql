{#- on-run-start: stop before any model when an input file cannot be read as a whole, with one
    message naming the file and the problem: the folder or file is missing, the file is empty (0
    bytes, or no header line), uses another delimiter, lacks a column, names one twice, or is in
    another encoding than UTF-8 (more than max_non_utf8_records records fail to decode). A header
    without records is a valid empty input (python_udfs.evaluation.labels_and_matches writes one for "no growth data"):
    one warning names it, and the models downstream of it have no rows.
    A problem in single records is not structural: those records are rejected with a reason in
    staging and the others flow on.

    Only the inputs of the models this run builds are checked (a base model names its input with
    config meta.input), so `dbt test` or a TikTok-only run does not need the input folder. -#}
{% macro check_input_files() -%}
    {%- if execute and flags.WHICH in ('run', 'build') -%}
        {%- set checked = [] -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and node.unique_id in selected_resources
                and node.config.meta.get('input') is not none -%}
            {%- set input_name = node.config.meta['input'] -%}
            {%- if input_name not in checked -%}
                {%- do checked.append(input_name) -%}
                {%- set problem = input_file_problem(input_file(input_name)) -%}
                {%- if problem -%}
                    {{ exceptions.raise_compiler_error(problem) }}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    select 1 as input_files_checked
{%- endmacro %}

{#- NULL when the file can be read record by record, else the one sentence that says why not. -#}
{% macro input_file_problem(input) %}{{ return(adapter.dispatch('input_file_problem', 'influencer_analytics')(input)) }}{% endmacro %}

{% macro default__input_file_problem(input) -%}
    {%- set where = 'Input file ' ~ input.display ~ (' (var ' ~ input.setting ~ ')' if input.setting else '') -%}
    {%- set expected = input.columns | join(', ') -%}

    {#- The folder (input_dir) and the file exist. glob() lists files only: a missing folder and
        an empty one look the same. -#}
    {%- if input.setting == 'input_dir' -%}
        {%- if count_files(var('input_dir') ~ '/*') == 0 -%}
            {{ return('Input folder ' ~ var('input_dir') ~ ' (var input_dir) does not exist or is empty: it must hold '
                ~ 'influencers_data.csv, growth_data.csv and brands_data.csv.') }}
        {%- endif -%}
    {%- endif -%}
    {%- if count_files(input.path) == 0 -%}
        {{ return(where ~ ' not found.'
            ~ (' The folder ' ~ var('input_dir') ~ ' must hold influencers_data.csv, growth_data.csv and brands_data.csv.'
               if input.setting == 'input_dir' else '')) }}
    {%- endif -%}

    {%- set size = input_file_bytes(input.path) -%}
    {%- if size == 0 -%}
        {{ return(where ~ ' is empty (0 bytes). It needs a header line (' ~ expected ~ ') and one record per line.') }}
    {%- endif -%}

    {#- The header: comma-separated, with every expected column once. -#}
    {%- set header = input_header(input.path) -%}
    {%- if header | length == 0 -%}
        {{ return(where ~ ' has no header line: it needs one (' ~ expected ~ ') and one record per line.') }}
    {%- endif -%}
    {%- set positions = expected_column_positions(input.columns, header) -%}
    {%- if positions | length < input.columns | length -%}
        {%- set delimiter_problem = other_delimiter_problem(input.path, input.columns, positions | length) -%}
        {%- if delimiter_problem -%}
            {{ return(where ~ ' ' ~ delimiter_problem) }}
        {%- endif -%}
        {%- set missing = [] -%}
        {%- for column in input.columns if column not in positions -%}
            {%- do missing.append(column) -%}
        {%- endfor -%}
        {{ return(where ~ ' has no column ' ~ missing | join(', ') ~ '. Expected columns: ' ~ expected
            ~ '; its header has: ' ~ header | join(', ') ~ '.') }}
    {%- endif -%}
    {%- for column in input.columns -%}
        {%- set copies = header | map('lower') | select('equalto', column | lower) | list | length -%}
        {%- if copies > 1 -%}
            {{ return(where ~ ' has the column ' ~ column ~ ' ' ~ copies ~ ' times in its header (' ~ header | join(', ')
                ~ '): which one to read is ambiguous.') }}
        {%- endif -%}
    {%- endfor -%}

    {#- The records: not mostly undecodable (a file saved in another encoding). -#}
    {%- set counted = run_query(input_record_counts_query(input, header | length, size)) -%}
    {%- set records = counted.columns[0].values()[0] -%}
    {%- set non_utf8 = counted.columns[1].values()[0] -%}
    {%- if non_utf8 > setting('max_non_utf8_records') -%}
        {{ return(where ~ ' is not UTF-8 text: ' ~ non_utf8 ~ ' of its ' ~ records ~ ' records hold bytes that are not'
            ~ ' valid UTF-8, more than max_non_utf8_records (' ~ setting('max_non_utf8_records') ~ '). Save it as UTF-8'
            ~ ' (for a Latin-1 / Windows-1252 file: iconv -f cp1252 -t utf-8 in.csv > out.csv).') }}
    {%- endif -%}
    {#- A header without records is an answer (no rows downstream of it), said once here. -#}
    {%- if records == 0 and input.get('warn_when_empty', true) -%}
        {%- do exceptions.warn(where ~ ' has a header and no records: the models that read it have no rows.') -%}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{#- Spark: a seed that loaded is readable; a file input (input_dir, the TikTok export) stops its base
    model with the reason instead (spark__input_records), so the other analyses still build. -#}
{% macro spark__input_file_problem(input) -%}
    {{ return(none) }}
{%- endmacro %}

{#- When the header has more of the expected columns split on another common delimiter than on
    commas: the sentence saying so, else none. -#}
{% macro other_delimiter_problem(path, expected, found_with_commas) -%}
    {%- set line = input_first_line(path) -%}
    {%- for delimiter, label in [(';', "';' (semicolons)"), ('\t', 'tabs'), ('|', "'|'")] -%}
        {%- set names = split_header_line(line, delimiter) -%}
        {%- if expected_column_positions(expected, names) | length > found_with_commas -%}
            {{ return('is separated by ' ~ label ~ ', not commas: its header reads ' ~ names | join(', ')
                ~ ' when split on them. Save it as comma-separated CSV.') }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}

{#- The number of files a glob pattern (or a path) matches. -#}
{% macro count_files(pattern) -%}
    {%- set query -%}
        select count(*) from glob({{ sql_string(pattern) }})
    {%- endset -%}
    {{ return(run_query(query).columns[0].values()[0]) }}
{%- endmacro %}

{#- Records in the file and records that are not valid UTF-8, from one read with DuckDB's rejects
    (temporary tables of the hook's connection). -#}
{% macro input_record_counts_query(input, header_fields, file_bytes) -%}
    {%- set errors = input_temp_relation(input.name, 'check_errors') -%}
    {%- do run_query('drop table if exists ' ~ errors ~ '; drop table if exists ' ~ input_temp_relation(input.name, 'check_scans')) -%}
    {#- Every field must be used: DuckDB checks the encoding of the columns a query reads only. -#}
    {%- set parse_query -%}
        select count(hash({{ positional_field_names(header_fields) | join(', ') }}))
        from {{ read_csv_with_rejects(input.path, header_fields, input.name, 'check', file_bytes) }}
    {%- endset -%}
    {%- set parsed = run_query(parse_query).columns[0].values()[0] -%}
    {%- set counts_query -%}
        select
            {{ parsed }} + count(distinct line) as records,
            count(distinct line) filter (where error_type = 'INVALID ENCODING') as non_utf8_records
        from {{ errors }}
    {%- endset -%}
    {{ return(counts_query) }}
{%- endmacro %}
