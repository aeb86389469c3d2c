{#- on-run-start: a selection that reads models outside itself must find them, and find the
    settings of this run (issue 33).

    * Missing upstream: a selected model whose parent (a model or seed outside the selection) has no
      relation yet, as `dbt build -s source:tiktok+` on a fresh warehouse (the TikTok models read
      int_settings_resolved): one line naming the parent, the model that needs it and the selector
      that builds the analysis with what it needs (selectors.yml).
    * Stale settings: the Python models read their settings from int_settings_resolved. When a
      selected model reads it and it is outside the selection, its rows are an earlier run's: every
      var must hold the value it had then, or the run stops naming the var, its value in the table
      and its value now (a partial build with a changed var would otherwise use the old one). -#}
{% macro check_selection() -%}
    {%- if execute and flags.WHICH in ('run', 'build') -%}
        {%- set settings_id = 'model.' ~ project_name ~ '.int_settings_resolved' -%}
        {%- set checked = {} -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and node.unique_id in selected_resources -%}
            {%- for parent_id in node.depends_on.nodes
                if parent_id not in selected_resources and parent_id not in checked
                    and parent_id.split('.')[0] in ('model', 'seed') -%}
                {%- set parent = graph.nodes[parent_id] -%}
                {%- do checked.update({parent_id: true}) -%}
                {%- set relation = adapter.get_relation(parent.database, parent.schema, parent.alias) -%}
                {%- if relation is none -%}
                    {{ exceptions.raise_compiler_error(
                        parent.name ~ ' does not exist yet and is outside this selection, but '
                        ~ node.name ~ ' reads it: build the analysis with what it needs, '
                        ~ selector_hint(node) ~ ', or add its parents to the selection (a + before it)') }}
                {%- endif -%}
                {%- if parent_id == settings_id -%}
                    {%- do check_settings_current(relation, node) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    select 1 as selection_checked
{%- endmacro %}

{#- Stop when int_settings_resolved (outside the selection) holds another value than this run's vars:
    one line per var that differs, then what to do. -#}
{% macro check_settings_current(relation, node) -%}
    {%- set stored = {} -%}
    {%- for row in run_query('select setting_name, setting_value from ' ~ relation).rows -%}
        {%- do stored.update({row[0]: row[1]}) -%}
    {%- endfor -%}
    {%- set stale = [] -%}
    {%- for name, value in project_settings().items() -%}
        {%- set now = tojson(value) -%}
        {%- if stored.get(name) != now -%}
            {%- do stale.append('Stale setting: var ' ~ name ~ ' is ' ~ (stored.get(name) or 'missing')
                ~ ' in int_settings_resolved and ' ~ now ~ ' in this run') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if stale -%}
        {{ exceptions.raise_compiler_error(stale | join('\n') ~ '\n'
            ~ 'int_settings_resolved was built by an earlier run, outside this selection, and ' ~ node.name
            ~ ' would use its values. Add int_settings_resolved to the selection'
            ~ ' (dbt build -s int_settings_resolved <your selection>) or use ' ~ selector_hint(node)) }}
    {%- endif -%}
{%- endmacro %}

{#- `--selector <analysis>`, from the model's analysis tag (dbt_project.yml; selectors.yml). -#}
{% macro selector_hint(node) -%}
    {%- set names = {'sentiment': 'trends_sentiment_value', 'value': 'trends_sentiment_value'} -%}
    {%- set tags = node.tags | reject('equalto', 'dbt_python') | list -%}
    {%- if tags -%}
        {{- return('dbt build --selector ' ~ names.get(tags[0], tags[0])) -}}
    {%- endif -%}
    {{- return('dbt build --selector <analysis> (selectors.yml)') -}}
{%- endmacro %}
