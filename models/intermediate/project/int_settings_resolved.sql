-- One row per setting: the value in force for this build (the var's default from dbt_project.yml
-- or the --vars override), as JSON text. Python models read their settings from here (typed by
-- python_udfs.core.settings); the on-run-start hook has already rejected values the project cannot use.

with

settings as (

    {%- for name, value in project_settings().items() %}
    select '{{ name }}' as setting_name, {{ "'" ~ (tojson(value) | replace("'", "''")) ~ "'" }} as setting_value
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

final as (

    select * from settings

)

select * from final
