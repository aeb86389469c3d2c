{#- A memoised model's input_fingerprint (python_udfs/dbt_glue/memo.py) is set on every row, so the next
    build can compare it. Spark recomputes memoised models every build and stores NULL there
    (no DuckDB hash() to fingerprint with): nothing to check. -#}
{% test fingerprint_present(model, column_name) %}
    {{ return(adapter.dispatch('test_fingerprint_present')(model, column_name)) }}
{% endtest %}
