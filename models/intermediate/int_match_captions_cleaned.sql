-- One row per recent caption of every influencer that appears in a brand's matches (pools all and
-- vetted) or campaign-fit list: the caption as written and cleaned, with its hash. Only these
-- captions are embedded, for the match evidence (the caption most similar to the brief).

with

candidates as (

    select * from {{ ref('int_brand_candidates_ranked') }}

),

campaign_fit as (

    select * from {{ ref('int_brand_campaign_fit_ranked') }}

),

influencers as (

    select * from {{ ref('stg_creators__profiles') }}

),

matched as (

    select influencer_id from candidates where candidate_pool in ('all', 'vetted')
    union
    select influencer_id from campaign_fit

),

captions as (

    select
        influencers.influencer_id,
        {{ unnest_with_position('influencers.recent_captions', 'caption', 'caption_position') }},
    from influencers
    inner join matched using (influencer_id)

),

cleaned as (

    select
        influencer_id,
        caption_position,
        caption,
        -- clean_text is a Python UDF (python_udfs.core.text), registered on dbt's connection only:
        -- this model must stay a table.
        clean_text(caption) as cleaned_text,
    from captions

),

final as (

    select
        influencer_id || ':' || caption_position as caption_id,
        influencer_id,
        caption_position,
        caption,
        cleaned_text,
        {{ text_hash('cleaned_text') }} as text_hash,
        cleaned_text <> '' as has_usable_text,
    from cleaned
    -- A caption with no usable text (only emoji, links, mentions) says nothing about the topic.
    where cleaned_text <> ''

)

select * from final
