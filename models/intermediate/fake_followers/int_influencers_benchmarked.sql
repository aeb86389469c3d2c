-- One row per influencer with valid growth data: what the companion fake-follower detector reads.
-- The follower history, the follower count and engagement rate of the documented score
-- (int_influencers_scored, the one home of the rate), the follower tier (macro follower_tier, the
-- one home of the tiers) and that tier's typical engagement range (seed engagement_benchmarks).

with

growth as (

    select * from {{ ref('stg_creators__follower_histories') }}

),

scores as (

    select * from {{ ref('int_influencers_scored') }}

),

benchmarks as (

    select * from {{ ref('stg_reference__engagement_benchmarks') }}

),

tiered as (

    select
        scores.influencer_id,
        growth.follower_history,
        scores.followers,
        cast(scores.engagement_rate as double) as engagement_rate,
        {{ follower_tier('scores.followers') }} as follower_tier
    from scores
    inner join growth using (influencer_id)

),

final as (

    select
        tiered.*,
        benchmarks.typical_low_pct as engagement_typical_low_pct,
        benchmarks.typical_high_pct as engagement_typical_high_pct
    from tiered
    left join benchmarks on tiered.follower_tier = benchmarks.tier

)

select * from final
