-- One row per influencer with valid growth data: the documented fake-follower score (0-100), its
-- three components, the risk level and the reasons, by the rules of the original analysis
-- (thresholds are vars in dbt_project.yml). The one home of these rules: the mart
-- fake_follower_scores and the vetting rule (int_influencers_vetted) read the result.

with

growth as (

    select * from {{ ref('stg_creators__follower_histories') }}

),

spikes as (

    select * from {{ ref('int_influencers_spikes_detected') }}

),

metrics as (

    select
        growth.influencer_id,
        growth.followers,
        growth.avg_likes,
        growth.avg_comments,
        -- Sum and scale in exact decimals, then divide once: a rate exactly on a band edge
        -- (274.7 + 40.7 likes and comments on 15,770 followers = 2 %) stays exactly on it.
        100 * (cast(growth.avg_likes as {{ exact_decimal_type() }}) + cast(growth.avg_comments as {{ exact_decimal_type() }}))
            / growth.followers as engagement_rate,
        -- NULL when the first day has 0 followers: growth from nothing has no percentage.
        100 * ({{ list_element('growth.follower_history', setting("history_days")) }} - {{ list_element('growth.follower_history', 1) }})
            / nullif({{ list_element('growth.follower_history', 1) }}, 0) as total_growth_pct,
        spikes.spike_count,
        spikes.spike_days,
        spikes.robust_spike_count,
        spikes.robust_spike_days,
        spikes.largest_daily_gain
    from growth
    inner join spikes using (influencer_id)

),

points as (

    select
        *,
        least(spike_count * {{ setting('spike_points_per_spike') }}, {{ setting('spike_points_cap') }}) as spike_points,
        case
            when engagement_rate < {{ setting('engagement_floor_low') }} then {{ setting('engagement_points_low') }}
            when engagement_rate < {{ setting('engagement_floor_mid') }} then {{ setting('engagement_points_mid') }}
            when engagement_rate < {{ setting('engagement_floor_high') }} then {{ setting('engagement_points_high') }}
            else 0
        end as engagement_points,
        case
            when total_growth_pct > {{ setting('growth_threshold_high') }} then {{ setting('growth_points_high') }}
            when total_growth_pct > {{ setting('growth_threshold_mid') }} then {{ setting('growth_points_mid') }}
            when total_growth_pct > {{ setting('growth_threshold_low') }} then {{ setting('growth_points_low') }}
            else 0
        end as growth_points
    from metrics

),

scored as (

    select
        *,
        -- The components can add up to 120; the score is capped.
        least({{ setting('fake_score_cap') }}, spike_points + engagement_points + growth_points) as fake_score
    from points

),

flagged as (

    select
        *,
        case
            when fake_score >= {{ setting('risk_high_min_score') }} then 'high'
            when fake_score >= {{ setting('risk_medium_min_score') }} then 'medium'
            else 'low'
        end as risk_level,
        spike_count >= {{ setting('flag_min_spikes') }} as has_spike_flag,
        engagement_rate < {{ setting('flag_engagement_below') }} as has_engagement_flag,
        coalesce(total_growth_pct > {{ setting('flag_growth_above') }}, false) as has_growth_flag
    from scored

),

explained as (

    select
        *,
        {{ list_of_non_null([
            "case when has_spike_flag then 'follower_spikes' end",
            "case when has_engagement_flag then 'low_engagement' end",
            "case when has_growth_flag then 'rapid_growth' end",
        ]) }} as red_flags,
        concat_ws(' ',
            case when has_spike_flag then
                spike_count || ' follower spikes in {{ setting("history_days") }} days (threshold '
                || {{ format_decimal(setting('spike_sigma'), 1) }} || ' sd above mean daily growth).'
            end,
            case when has_engagement_flag then
                'Engagement ' || {{ format_decimal('engagement_rate', 1) }} || '% is below the '
                || case
                    when engagement_rate < {{ setting('engagement_floor_low') }} then '{{ setting("engagement_floor_low") }}'
                    else '{{ setting("flag_engagement_below") }}'
                end || '% floor.'
            end,
            case when has_growth_flag then
                'Followers grew ' || {{ format_decimal('total_growth_pct', 0) }} || '% in {{ setting("history_days") }} days.'
            end,
            case when not (has_spike_flag or has_engagement_flag or has_growth_flag) then
                'No red flags: ' || spike_count || ' spike days, engagement '
                || {{ format_decimal('engagement_rate', 1) }} || '%, growth '
                || coalesce({{ format_decimal('total_growth_pct', 1) }} || '%', 'unknown')
                || ' in {{ setting("history_days") }} days.'
            end,
            case when robust_spike_count <> spike_count then
                'Robust check (median/MAD z > ' || {{ format_decimal(setting('robust_spike_z'), 1) }} || ') finds '
                || robust_spike_count || ' spike days where the documented rule finds ' || spike_count || '.'
            end
        ) as reasons
    from flagged

),

final as (

    select
        influencer_id,
        followers,
        avg_likes,
        avg_comments,
        engagement_rate,
        spike_count,
        spike_days,
        total_growth_pct,
        spike_points,
        engagement_points,
        growth_points,
        fake_score,
        risk_level,
        red_flags,
        reasons,
        robust_spike_count,
        robust_spike_days,
        largest_daily_gain
    from explained

)

select * from final
