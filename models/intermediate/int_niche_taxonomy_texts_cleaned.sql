-- One row per taxonomy niche: label + description as one cleaned text, and its hash.

with

taxonomy as (

    select * from {{ ref('stg_seeds__niche_taxonomy') }}

),

cleaned as (

    select
        niche_label,
        -- clean_text is a Python UDF (python_udfs.text), registered on dbt's connection only:
        -- this model must stay a table.
        clean_text(concat_ws(' ', niche_label, description)) as cleaned_text,
    from taxonomy

),

final as (

    select
        *,
        {{ text_hash('cleaned_text') }} as text_hash,
        cleaned_text <> '' as has_usable_text,
    from cleaned

)

select * from final
