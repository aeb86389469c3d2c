{#- Post-hook for incremental Python models. dbt-duckdb 1.11.1 stages a Python model's new rows in
    a real table named <model>__dbt_tmp<timestamp> next to the model and never drops it (it expects
    a temporary table), so every incremental run would leave one behind for analysts to trip over.
    The staging table lands in the target schema, whatever the model's own schema. -#}
{% macro drop_incremental_leftovers() %}
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
