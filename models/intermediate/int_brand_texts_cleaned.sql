-- One row per valid brand: description + target keywords as one cleaned text, and its hash.

with

brands as (

    select * from {{ ref('stg_brands__briefs') }}

),

cleaned as (

    select
        brand_id,
        -- clean_text is a Python UDF (python_udfs.core.text), registered on dbt's connection only:
        -- this model must stay a table.
        clean_text(concat_ws(' ', description, {{ join_text_list('target_keywords', ' ') }})) as cleaned_text,
    from brands

),

final as (

    select
        *,
        {{ text_hash('cleaned_text') }} as text_hash,
        cleaned_text <> '' as has_usable_text,
    from cleaned

)

select * from final
