{#- The incremental strategy 'replace' of the memoised Python models, and the Spark strategy check
    that accepts it. -#}

{#- incremental_strategy 'replace', for the memoised Python models (python_udfs/dbt_glue/memo.py): the rows
    the model returned replace the table as a whole, columns included. On a no-change rebuild the
    model returns its previous rows (its input fingerprint matched), so the table is unchanged; dbt
    still runs the model, its tests and --full-refresh as for any incremental model. -#}
{% macro get_incremental_replace_sql(arg_dict) -%}
    create or replace table {{ arg_dict['target_relation'] }} as
    select * from {{ arg_dict['temp_relation'] }}
{%- endmacro %}

{#- On Spark (dbt-spark validates the strategy name before any SQL): 'replace' is what
    insert_overwrite does to an unpartitioned parquet table, so it is mapped to it; the other names
    are checked as dbt-spark checks them. This project macro shadows dbt-spark's of the same name. -#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) %}
    {%- set strategy = 'insert_overwrite' if raw_strategy == 'replace' else raw_strategy -%}
    {%- if strategy not in ['append', 'merge', 'insert_overwrite', 'microbatch'] -%}
        {{ exceptions.raise_compiler_error("Invalid incremental strategy provided: " ~ raw_strategy
            ~ ". Expected one of: 'replace', 'append', 'merge', 'insert_overwrite', 'microbatch'") }}
    {%- elif strategy == 'merge' and file_format not in ['delta', 'iceberg', 'hudi'] -%}
        {{ exceptions.raise_compiler_error("Invalid incremental strategy provided: merge. You can only"
            ~ " choose this strategy when file_format is set to 'delta' or 'iceberg' or 'hudi'") }}
    {%- elif strategy in ['insert_overwrite', 'microbatch'] and target.endpoint -%}
        {{ exceptions.raise_compiler_error("Invalid incremental strategy provided: " ~ strategy
            ~ ". You cannot use this strategy when connecting via endpoint") }}
    {%- endif -%}
    {{ return(strategy) }}
{% endmacro %}
