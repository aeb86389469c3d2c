-- One row per target keyword of a valid brand, cleaned, with its hash. A brand's matching vector
-- is the mean of its whole text's embedding and its keywords' embeddings
-- (python_udfs.brand_matching.matches.brand_vectors).

with

brands as (

    select * from {{ ref('stg_brands__briefs') }}

),

keywords as (

    select
        brand_id,
        {{ unnest_with_position('target_keywords', 'keyword', 'keyword_position') }},
    from brands

),

cleaned as (

    select
        brand_id,
        keyword_position,
        keyword,
        -- clean_text is a Python UDF (python_udfs.core.text), registered on dbt's connection only:
        -- this model must stay a table.
        clean_text(keyword) as cleaned_text,
    from keywords

),

final as (

    select
        brand_id || ':' || keyword_position as keyword_id,
        brand_id,
        keyword_position,
        keyword,
        cleaned_text,
        {{ text_hash('cleaned_text') }} as text_hash,
        cleaned_text <> '' as has_usable_text,
    from cleaned
    -- A keyword with no usable text (only emoji, links, mentions) says nothing about the topic.
    where cleaned_text <> ''

)

select * from final
