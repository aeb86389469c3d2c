-- Follower trend class against fake-follower risk.
--
-- Question: "Does step-like growth (most of a month's followers gained on a few days, what bought
-- followers look like) go with a high fake-follower score, and which step-like accounts does the
-- score not flag?" One row per trend class (follower_trends): how many influencers have it, how
-- they split over the risk levels of fake_follower_scores, how many raise each red flag, and the
-- ids of the step-like accounts whose risk level is not high: bought-looking growth the score does
-- not rate high risk (vetting, which drops high risk only, keeps them; empty for the other classes).

with

trends as (

    select * from {{ ref('follower_trends') }}

),

scores as (

    select * from {{ ref('fake_follower_scores') }}

),

joined as (

    select
        trends.influencer_id,
        trends.trend_class,
        scores.risk_level,
        scores.red_flags
    from trends
    inner join scores using (influencer_id)

),

final as (

    select
        trend_class,
        count(*) as influencers,
        count(*) filter (where risk_level = 'low') as low_risk,
        count(*) filter (where risk_level = 'medium') as medium_risk,
        count(*) filter (where risk_level = 'high') as high_risk,
        count(*) filter (where list_contains(red_flags, 'follower_spikes')) as with_spike_flag,
        count(*) filter (where list_contains(red_flags, 'low_engagement')) as with_engagement_flag,
        count(*) filter (where list_contains(red_flags, 'rapid_growth')) as with_growth_flag,
        coalesce(
            list_sort(list(influencer_id) filter (where trend_class = 'step-like' and risk_level <> 'high')), []
        ) as step_like_not_high_risk_ids
    from joined
    group by trend_class

)

select * from final
order by
    case trend_class
        when 'step-like' then 1 when 'accelerating' then 2 when 'steady' then 3
        when 'slowing' then 4 when 'declining' then 5 else 6
    end
