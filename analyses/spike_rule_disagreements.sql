-- Accounts where the robust and the documented spike rules disagree.
--
-- Question: "Which fake-follower scores would change if we trusted the robust spike rule?"
-- fake_follower_scores counts spike days with the documented rule (daily gain > mean + 2 sd),
-- which misses spikes when several bursts inflate the sd and flags noise on organic series; the
-- robust median/MAD rule (robust_spike_count) is reported beside it but does not change the score.
-- One row per influencer whose two counts differ, with the days only one rule flags and the
-- score / risk level the robust count would give (same point rules and thresholds as the mart).

with

scores as (

    select * from {{ ref('fake_follower_scores') }}

),

niches as (

    select influencer_id, name from {{ ref('niche_classification') }}

),

rescored as (

    select
        *,
        least(
            {{ setting('fake_score_cap') }},
            least(robust_spike_count * {{ setting('spike_points_per_spike') }}, {{ setting('spike_points_cap') }})
                + engagement_points + growth_points
        ) as fake_score_if_robust
    from scores

),

final as (

    select
        rescored.influencer_id,
        coalesce(niches.name, rescored.influencer_id) as name,
        rescored.spike_count,
        rescored.robust_spike_count,
        -- sqlfluff's RF02 takes the lambda's parameter d for an unqualified column.
        list_filter(rescored.spike_days, lambda d: not list_contains(rescored.robust_spike_days, d)) as documented_only_days,  -- noqa: RF02
        list_filter(rescored.robust_spike_days, lambda d: not list_contains(rescored.spike_days, d)) as robust_only_days,  -- noqa: RF02
        rescored.fake_score,
        rescored.risk_level,
        rescored.fake_score_if_robust,
        case
            when rescored.fake_score_if_robust >= {{ setting('risk_high_min_score') }} then 'high'
            when rescored.fake_score_if_robust >= {{ setting('risk_medium_min_score') }} then 'medium'
            else 'low'
        end as risk_level_if_robust,
        rescored.reasons
    from rescored
    left join niches using (influencer_id)
    where rescored.spike_count <> rescored.robust_spike_count

)

select * from final
order by abs(robust_spike_count - spike_count) desc, influencer_id
