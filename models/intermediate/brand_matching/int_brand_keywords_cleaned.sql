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
        {{ unnest_with_position('target_keywords', 'keyword', 'keyword_position') }}
    from brands

),

final as (

    {{ cleaned_texts(
        'keywords', 'keyword', ['brand_id', 'keyword_position', 'keyword'],
        id_column='keyword_id', id_parts=['brand_id', 'keyword_position'], drop_empty=true,
    ) }}

)

select * from final
