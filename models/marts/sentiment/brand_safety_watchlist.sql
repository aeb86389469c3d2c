-- One row per influencer the brand-safety rule lists (a high share of negative captions, see
-- int_influencers_sentiment_summarised), most negative share first: creators to read before a brand signs.

with

sentiment as (

    select * from {{ ref('int_influencers_sentiment_summarised') }}
    where is_brand_safety_risk

),

influencers as (

    select * from {{ ref('stg_creators__profiles') }}

),

final as (

    select
        sentiment.influencer_id,
        influencers.name,
        sentiment.scored_caption_count,
        sentiment.negative_caption_count,
        sentiment.negative_share,
        sentiment.mean_compound,
        sentiment.most_negative_caption,
        sentiment.most_negative_compound,
        sentiment.negative_caption_count || ' of ' || sentiment.scored_caption_count
            || ' scored captions are negative (VADER compound at or below {{ setting("sentiment_negative_to") }}); listed from '
            || {{ format_decimal('100 * ' ~ setting('brand_safety_negative_share_min'), 0) }} || '% of at least '
            || {{ setting('brand_safety_min_scored_captions') }} || '.' as reason
    from sentiment
    inner join influencers using (influencer_id)

)

select * from final
