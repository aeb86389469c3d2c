-- One row per influencer with a fake-follower score: what a post costs (rate card by follower
-- tier) and what it is expected to deliver once presumed-fake followers are discounted. The one
-- home of the value rules (influencer_value and the brand matches read the result):
--   real_follower_share           = 1 - fake_score / 100 (the score read as the % of followers presumed fake)
--   real_followers                = followers x real_follower_share
--   expected_engagements_per_post = followers x engagement_rate / 100 x real_follower_share
--   cost_per_engagement           = price_per_post / expected_engagements_per_post
--   cost_per_thousand_real_followers = 1000 x price_per_post / real_followers
--   value_score                   = 100 x (1 - percent rank of cost_per_engagement): 100 = cheapest

with

scores as (

    select * from {{ ref('int_influencers_scored') }}

),

rates as (

    select * from {{ ref('stg_reference__rate_card') }}

),

tiered as (

    select
        influencer_id,
        followers,
        {{ follower_tier('followers') }} as follower_tier,
        cast(engagement_rate as double) as engagement_rate,
        fake_score,
        risk_level,
        1 - fake_score / 100 as real_follower_share
    from scores

),

priced as (

    select
        tiered.*,
        tiered.followers * tiered.real_follower_share as real_followers,
        tiered.followers * tiered.engagement_rate / 100 * tiered.real_follower_share
            as expected_engagements_per_post,
        rates.price_per_post,
        rates.currency,
        rates.is_placeholder as is_placeholder_price
    from tiered
    left join rates on tiered.follower_tier = rates.tier

),

costed as (

    select
        *,
        price_per_post / nullif(expected_engagements_per_post, 0) as cost_per_engagement,
        1000 * price_per_post / nullif(real_followers, 0) as cost_per_thousand_real_followers
    from priced

),

final as (

    select
        influencer_id,
        followers,
        follower_tier,
        engagement_rate,
        fake_score,
        risk_level,
        real_follower_share,
        real_followers,
        expected_engagements_per_post,
        price_per_post,
        currency,
        is_placeholder_price,
        cost_per_engagement,
        cost_per_thousand_real_followers,
        case when cost_per_engagement is not null then
            100 * (1 - percent_rank() over (
                partition by cost_per_engagement is null order by cost_per_engagement
            ))
        end as value_score
    from costed

)

select * from final
