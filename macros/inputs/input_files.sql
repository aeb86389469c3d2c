{#- The input files: which file each base model reads, how it is shown, its route and columns,
    where it lives, how large it is, and the temporary relations its reads are kept in.

    Two routes feed the same base models (so every check and reason is written once):
    - seeds: the bundled CSVs, loaded by `dbt seed` into raw.<name> with every column as text;
    - files: <input_dir>/<name>.csv (var input_dir) and the TikTok export (var tiktok_profiles_path),
      read by DuckDB's CSV reader with its record-level error handling (store_rejects): a broken
      record is set aside with DuckDB's error instead of failing the whole file.
    How a base model reads them: load_input (its pre-hook) and input_records (its SQL). -#}

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
    {#- The marketer's niche examples: the bundled seed (header only: no examples) unless var
        niche_examples_path names a file. An empty seed is the normal case: no warning for it. -#}
    {%- set examples_seed = graph.nodes['seed.' ~ project_name ~ '.niche_examples'] if execute else none -%}
    {%- set examples_columns = (examples_seed.config.column_types.keys() | list) if execute else [] -%}
    {%- if var('niche_examples_path') is none -%}
        {%- do inputs.update({'niche_examples': {
            'name': 'niche_examples', 'route': 'seed', 'columns': examples_columns, 'setting': none,
            'path': (examples_seed.root_path ~ '/' ~ examples_seed.original_file_path) if execute else none,
            'display': 'seeds/niche_examples.csv', 'warn_when_empty': false}}) -%}
    {%- else -%}
        {%- do inputs.update({'niche_examples': {
            'name': 'niche_examples', 'route': 'file', 'columns': examples_columns,
            'setting': 'niche_examples_path', 'path': project_relative_path(var('niche_examples_path')),
            'display': var('niche_examples_path')}}) -%}
    {%- endif -%}
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

{#- The size of a file in bytes (0 when it is empty; DuckDB: the file route and the checks). -#}
{% macro input_file_bytes(path) -%}
    {%- set query -%}
        select size from read_blob({{ sql_string(path) }})
    {%- endset -%}
    {{ return(run_query(query).columns[0].values()[0]) }}
{%- endmacro %}

{#- field_1, field_2, ...: the positional names the CSV reads give a file's fields
    (expected_column_positions finds a column's position). -#}
{% macro positional_field_names(field_count) -%}
    {%- set names = [] -%}
    {%- for position in range(1, field_count + 1) -%}
        {%- do names.append('field_' ~ position) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{#- The temporary relation holding one part of one input's reads (input__<input>__<part>), on the
    connection that read it. DuckDB: a temporary table (catalog temp, schema main); Spark: a
    temporary view, which takes no schema. -#}
{% macro input_temp_relation(input_name, part) %}{{ return(adapter.dispatch('input_temp_relation', 'influencer_analytics')(input_name, part)) }}{% endmacro %}

{% macro default__input_temp_relation(input_name, part) -%}
    {{ return(api.Relation.create(database='temp', schema='main', identifier='input__' ~ input_name ~ '__' ~ part)) }}
{%- endmacro %}

{% macro spark__input_temp_relation(input_name, part) -%}
    {{ return(api.Relation.create(identifier='input__' ~ input_name ~ '__' ~ part)) }}
{%- endmacro %}
