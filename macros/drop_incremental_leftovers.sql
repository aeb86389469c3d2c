{#- Post-hook for incremental Python models. dbt-duckdb 1.11.1 stages a Python model's new rows in
    a real table named <model>__dbt_tmp<timestamp> next to the model and never drops it (it expects
    a temporary table), so every incremental run would leave one behind for analysts to trip over.
    The staging table lands in the target schema, whatever the model's own schema. -#}
{% macro drop_incremental_leftovers() %}
    {{ return(adapter.dispatch('drop_incremental_leftovers')()) }}
{% endmacro %}

{% macro default__drop_incremental_leftovers() %}
    {%- if execute -%}
        {%- set leftovers = run_query(
            "select table_schema, table_name from information_schema.tables"
            ~ " where table_schema in ('" ~ this.schema ~ "', '" ~ target.schema ~ "')"
            ~ " and starts_with(table_name, '" ~ this.identifier ~ "__dbt_tmp')") -%}
        {%- for row in leftovers -%}
            {%- do run_query("drop table if exists " ~ adapter.quote(row[0]) ~ "." ~ adapter.quote(row[1])) -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}

{#- dbt-spark drops its <model>__dbt_tmp table itself. -#}
{% macro spark__drop_incremental_leftovers() %}
{% endmacro %}

{#- Post-hook of the incremental embeddings models: rows whose key left the input leave the table.
    Spark: nothing to do, the model rewrites the whole table (python_udfs.spark.embeddings). -#}
{% macro delete_rows_not_in(key, source_relation) %}
    {{ return(adapter.dispatch('delete_rows_not_in')(key, source_relation)) }}
{% endmacro %}

{% macro default__delete_rows_not_in(key, source_relation) -%}
    delete from {{ this }} where {{ key }} not in (select {{ key }} from {{ source_relation }})
{%- endmacro %}

{% macro spark__delete_rows_not_in(key, source_relation) -%}
{%- endmacro %}

{#- Whether an incremental run of this engine keeps the rows it does not select (DuckDB: append /
    delete+insert on the unique key). Spark on parquet rewrites the whole table (insert_overwrite),
    so a model there must select every row on every run. -#}
{% macro updates_rows_in_place() %}
    {{ return(adapter.dispatch('updates_rows_in_place')()) }}
{% endmacro %}

{% macro default__updates_rows_in_place() %}
    {{ return(true) }}
{% endmacro %}

{% macro spark__updates_rows_in_place() %}
    {{ return(false) }}
{% endmacro %}
