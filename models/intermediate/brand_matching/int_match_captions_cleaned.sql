-- One row per recent caption of every influencer that appears in a brand's matches (pools all and
-- vetted) or campaign-fit list: the caption as written and cleaned, with its hash. Only these
-- captions are embedded, for the match evidence (the caption most similar to the brief).

with

candidates as (

    select * from {{ ref('int_brand_matches_ranked') }}

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
        {{ unnest_with_position('influencers.recent_captions', 'caption', 'caption_position') }}
    from influencers
    inner join matched using (influencer_id)

),

final as (

    {{ cleaned_texts(
        'captions', 'caption', ['influencer_id', 'caption_position', 'caption'],
        id_column='caption_id', id_parts=['influencer_id', 'caption_position'], drop_empty=true,
    ) }}

)

select * from final
