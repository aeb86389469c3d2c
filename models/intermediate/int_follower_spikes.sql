-- One row per influencer: spike days in the daily follower gains, by two methods.
--   documented: gain > mean + spike_sigma * sample sd of the gains (the original analysis' rule);
--   robust: Iglewicz & Hoaglin modified z-score on median / MAD, which bursts cannot inflate.

with

daily as (

    select * from {{ ref('int_follower_daily_growth') }}

),

gain_stats as (

    select
        influencer_id,
        avg(daily_growth) as mean_daily_growth,
        stddev_samp(daily_growth) as sd_daily_growth,
        median(daily_growth) as median_daily_growth,
        max(daily_growth) as max_daily_growth,
    from daily
    group by influencer_id

),

deviations as (

    select
        daily.influencer_id,
        daily.day_index,
        daily.daily_growth,
        gain_stats.mean_daily_growth + {{ var('spike_sigma') }} * gain_stats.sd_daily_growth as spike_threshold,
        gain_stats.median_daily_growth,
        abs(daily.daily_growth - gain_stats.median_daily_growth) as abs_deviation,
    from daily
    inner join gain_stats using (influencer_id)

),

dispersion as (

    select
        influencer_id,
        median(abs_deviation) as median_abs_deviation,
        avg(abs_deviation) as mean_abs_deviation,
    from deviations
    group by influencer_id

),

scored_days as (

    select
        deviations.*,
        -- 0.6745 = the 0.75 quantile of the standard normal: makes MAD comparable to an sd.
        -- 1.253314 = sqrt(pi / 2): the same for the mean absolute deviation (fallback when MAD = 0).
        case
            when dispersion.median_abs_deviation > 0
                then 0.6745 * (deviations.daily_growth - deviations.median_daily_growth)
                    / dispersion.median_abs_deviation
            when dispersion.mean_abs_deviation > 0
                then (deviations.daily_growth - deviations.median_daily_growth)
                    / (1.253314 * dispersion.mean_abs_deviation)
        end as modified_z_score,
    from deviations
    inner join dispersion using (influencer_id)

),

flagged_days as (

    select
        *,
        coalesce(daily_growth > spike_threshold, false) as is_spike,
        coalesce(
            daily_growth > median_daily_growth and modified_z_score > {{ var('robust_spike_z') }},
            false
        ) as is_robust_spike,
    from scored_days

),

per_influencer as (

    select
        influencer_id,
        count(*) filter (where is_spike) as spike_count,
        {{ ordered_list_agg_where('day_index', 'day_index', 'is_spike') }} as spike_days,
        count(*) filter (where is_robust_spike) as robust_spike_count,
        {{ ordered_list_agg_where('day_index', 'day_index', 'is_robust_spike') }} as robust_spike_days,
        any_value(spike_threshold) as spike_threshold,
    from flagged_days
    group by influencer_id

),

final as (

    select
        per_influencer.influencer_id,
        per_influencer.spike_count,
        per_influencer.spike_days,
        per_influencer.robust_spike_count,
        per_influencer.robust_spike_days,
        gain_stats.mean_daily_growth,
        gain_stats.sd_daily_growth,
        per_influencer.spike_threshold,
        gain_stats.median_daily_growth,
        dispersion.median_abs_deviation,
        dispersion.mean_abs_deviation,
        gain_stats.max_daily_growth as largest_daily_gain,
    from per_influencer
    inner join gain_stats using (influencer_id)
    inner join dispersion using (influencer_id)

)

select * from final
