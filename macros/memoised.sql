{#- incremental_strategy 'replace', for the memoised Python models (python_udfs/memo.py): the rows
    the model returned replace the table as a whole, columns included. On a no-change rebuild the
    model returns its previous rows (its input fingerprint matched), so the table is unchanged; dbt
    still runs the model, its tests and --full-refresh as for any incremental model. -#}
{% macro get_incremental_replace_sql(arg_dict) -%}
    create or replace table {{ arg_dict['target_relation'] }} as
    select * from {{ arg_dict['temp_relation'] }}
{%- endmacro %}
