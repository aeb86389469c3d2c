-- One row per valid influencer: bio + recent captions as one cleaned text, and its hash (the embedding cache key).

with

influencers as (

    select * from {{ ref('stg_creators__profiles') }}

),

cleaned as (

    select
        influencer_id,
        -- clean_text is a Python UDF (python_udfs.text), registered on dbt's connection only:
        -- this model must stay a table.
        clean_text(concat_ws(' ', bio, {{ join_text_list('recent_captions', ' ') }})) as cleaned_text,
    from influencers

),

final as (

    select
        *,
        {{ text_hash('cleaned_text') }} as text_hash,
        cleaned_text <> '' as has_usable_text,
    from cleaned

)

select * from final
