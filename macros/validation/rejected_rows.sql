{#- The rejected records: the body of every *_rejected staging model, and the on-run-end hook that
    names them in the build log. -#}

{#- The body of every *_rejected staging model. -#}
{% macro rejected_rows(base_model, id_column) -%}
with

checked as (

    select * from {{ ref(base_model) }}

),

final as (

    select
        source_file,
        source_line,
        {{ id_column }},
        raw_text,
        reject_reason
    from checked
    where reject_reason is not null

)

select * from final
{%- endmacro %}

{#- on-run-end: print every record the build set aside, with its file, line and reason, so a bad
    input is named in the build log, not only counted by a warning. Lists the models whose config
    has meta.build_log: {label: ..., message_column: ...} (the *_rejected models, the unmatched ids),
    at most max_rows_per_model rows each (all of them are in the model). -#}
{% macro report_rejected_rows(max_rows_per_model=20) %}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and node.config.meta.get('build_log') is not none -%}
            {%- set relation = adapter.get_relation(node.database, node.schema, node.alias) -%}
            {%- if relation is not none -%}
                {%- set build_log = node.config.meta['build_log'] -%}
                {%- set count_query -%}
                    select count(*) from {{ relation }}
                {%- endset -%}
                {%- set counted = run_query(count_query).columns[0].values()[0] -%}
                {%- set rows_query -%}
                    select source_file, source_line, {{ adapter.quote(build_log['message_column']) }}
                    from {{ relation }}
                    order by source_file, source_line
                    limit {{ max_rows_per_model }}
                {%- endset -%}
                {%- for row in run_query(rows_query) -%}
                    {{ log(build_log['label'] ~ ": " ~ row[0] ~ " line " ~ row[1] ~ ": " ~ row[2], info=true) }}
                {%- endfor -%}
                {%- if counted > max_rows_per_model -%}
                    {{ log(build_log['label'] ~ ": ... and " ~ (counted - max_rows_per_model) ~ " more in " ~ relation, info=true) }}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
