{#- Seeds on Spark (target spark). dbt-spark 1.11's session-mode loader substitutes each value into
    the SQL unescaped (`sql % bindings`): an apostrophe in a caption breaks the statement and a
    missing value becomes the text 'None'. These two overrides write each value as an escaped
    literal (NULL for an empty field, as DuckDB loads it) and map the seeds' varchar to Spark's string. -#}

{% macro spark_seed_type(type) -%}
    {{ return('string' if (type | lower) == 'varchar' else type) }}
{%- endmacro %}

{#- A seed value as a Spark literal: NULL for an empty field, else an escaped string (sql_string). -#}
{% macro spark_string_literal(value) -%}
    {{ 'null' if value is none else sql_string(value) }}
{%- endmacro %}

{% macro spark__create_csv_table(model, agate_table) %}
  {%- set column_override = model['config'].get('column_types', {}) -%}
  {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
  {% set sql %}
    create table {{ this.render() }} (
        {%- for col_name in agate_table.column_names -%}
            {%- set type = spark_seed_type(column_override.get(col_name, adapter.convert_type(agate_table, loop.index0))) -%}
            {{ adapter.quote_seed_column(col_name | string, quote_seed_column) }} {{ type }} {%- if not loop.last -%}, {%- endif -%}
        {%- endfor -%}
    )
    {{ file_format_clause() }}
    {{ comment_clause() }}
  {% endset %}
  {% call statement('_') -%}
    {{ sql }}
  {%- endcall %}
  {{ return(sql) }}
{% endmacro %}

{#- One insert of every row, coalesced into one file: the rows read back in the seed's order
    (spark__input_records numbers them so). -#}
{% macro spark__load_csv_rows(model, agate_table) %}
  {%- set column_override = model['config'].get('column_types', {}) -%}
  {% set sql %}
      insert into {{ this.render() }}
      select /*+ COALESCE(1) */ * from values
      {% for row in agate_table.rows -%}
          ({%- for value in row -%}
              {%- set type = spark_seed_type(column_override.get(agate_table.column_names[loop.index0], adapter.convert_type(agate_table, loop.index0))) -%}
              cast({{ spark_string_literal(value) }} as {{ type }}){%- if not loop.last %}, {% endif -%}
          {%- endfor -%})
          {%- if not loop.last %},{% endif %}
      {% endfor %}
  {% endset %}
  {% if agate_table.rows | length > 0 %}
    {% do adapter.add_query(sql, abridge_sql_log=True) %}
  {% endif %}
  {{ return(sql) }}
{% endmacro %}
