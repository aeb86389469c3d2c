{#- Incremental models, per engine: what an incremental run leaves behind, removes or keeps. DuckDB
    updates the table in place (append / delete+insert on the unique key); Spark on parquet
    rewrites the whole table (insert_overwrite). -#}

{#- Post-hook for incremental Python models. dbt-duckdb 1.11.1 stages a Python model's new rows in
    a real table named <model>__dbt_tmp<timestamp> next to the model and never drops it (it expects
    a temporary table), so every incremental run would leave one behind for analysts to trip over.
    The staging table lands in the target schema, whatever the model's own schema. dbt-spark drops
    its <model>__dbt_tmp table itself. -#}
{% macro drop_incremental_leftovers() %}{{ return(adapter.dispatch('drop_incremental_leftovers', 'influencer_analytics')()) }}{% endmacro %}

{% macro default__drop_incremental_leftovers() -%}
    {%- if execute -%}
        {%- for schema in [this.schema, target.schema] | unique -%}
            {%- set schema_relation = api.Relation.create(database=this.database, schema=schema) -%}
            {%- for row in list_relations_without_caching(schema_relation)
                if row['name'].startswith(this.identifier ~ '__dbt_tmp') -%}
                {%- do adapter.drop_relation(api.Relation.create(
                    database=row['database'], schema=row['schema'], identifier=row['name'], type=row['type'])) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{% macro spark__drop_incremental_leftovers() -%}
{%- endmacro %}

{#- Post-hook of the incremental embeddings models: rows whose key left the input leave the table.
    Spark: nothing to do, the model rewrites the whole table (python_udfs.spark.embeddings). -#}
{% macro delete_rows_not_in(key, source_relation) %}{{ return(adapter.dispatch('delete_rows_not_in', 'influencer_analytics')(key, source_relation)) }}{% endmacro %}

{% macro default__delete_rows_not_in(key, source_relation) -%}
    delete from {{ this }} where {{ adapter.quote(key) }} not in (select {{ adapter.quote(key) }} from {{ source_relation }})
{%- endmacro %}

{% macro spark__delete_rows_not_in(key, source_relation) -%}
{%- endmacro %}

{#- Whether an incremental run of this engine keeps the rows it does not select, so that a model
    may select only its new or changed rows. -#}
{% macro updates_rows_in_place() %}{{ return(adapter.dispatch('updates_rows_in_place', 'influencer_analytics')()) }}{% endmacro %}

{% macro default__updates_rows_in_place() -%}
    {{ return(true) }}
{%- endmacro %}

{% macro spark__updates_rows_in_place() -%}
    {{ return(false) }}
{%- endmacro %}
