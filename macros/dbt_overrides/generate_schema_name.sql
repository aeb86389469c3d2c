{#- dbt's own macros the project overrides: schema names (here) and, on Spark, seed loading (spark_seeds.sql). -#}

{#- Use custom schema names as written (staging, intermediate, raw) instead of dbt's default
    <target_schema>_<custom> prefixing: analysts query staging.x / main.x, not main_staging.x. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
