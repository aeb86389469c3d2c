{#- on-run-end: print every rejected input row (file, line, id, reason) so a bad input is named in
    the build log, not only counted by a warning. Reads the *_rejected models that exist. -#}
{% macro report_rejected_rows(max_rows_per_model=20) %}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and node.name.endswith('_rejected') -%}
            {%- set relation = adapter.get_relation(node.database, node.schema, node.alias) -%}
            {%- if relation is not none -%}
                {%- set rows = run_query(
                    "select source_file, source_row, reject_reason from " ~ relation
                    ~ " order by source_row limit " ~ max_rows_per_model) -%}
                {%- for row in rows -%}
                    {{ log("Rejected input: " ~ row[0] ~ " row " ~ row[1] ~ ": " ~ row[2], info=true) }}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
