{#- On a *_rejected model: one failing row per rejected input row, so the test's warning counts
    the rows that did not flow on (their file, line and reason are in the model). -#}
{% test no_rejected_rows(model) %}

select * from {{ model }}

{% endtest %}
