-- One row per valid influencer: the sentiment of their captions, how many could be scored, and
-- whether the brand-safety rule lists them (rules in int_influencers_sentiment_summarised).

with

sentiment as (

    select * from {{ ref('int_influencers_sentiment_summarised') }}

),

final as (

    select * from sentiment

)

select * from final
