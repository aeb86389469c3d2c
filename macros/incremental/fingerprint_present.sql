{#- The generic test fingerprint_present, per engine. A memoised model's input_fingerprint
    (python_udfs/dbt_glue/memo.py) is set on every row, so the next build can compare it. Spark recomputes
    memoised models every build and stores NULL there (no DuckDB hash() to fingerprint with):
    nothing to check. (In macros/, not tests/generic/: a file there may hold only the test.) -#}
{% test fingerprint_present(model, column_name) %}{{ return(adapter.dispatch('test_fingerprint_present', 'influencer_analytics')(model, column_name)) }}{% endtest %}

{% macro default__test_fingerprint_present(model, column_name) %}
select * from {{ model }} where {{ column_name }} is null
{% endmacro %}

{% macro spark__test_fingerprint_present(model, column_name) %}
select * from {{ model }} where false
{% endmacro %}
