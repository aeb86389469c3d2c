-- One row per influencer: spike days in the daily follower gains, by two methods.
--   documented: gain > mean + spike_sigma * sample sd of the gains (the original analysis' rule);
--   robust: Iglewicz & Hoaglin modified z-score on median / MAD, which bursts cannot inflate.
-- Works on each influencer's list of gains (list functions), not on int_influencer_days_differenced:
-- at 1M influencers, unnesting to 29M rows and grouping them back took 24 s, the lists 6 s.

with

growth as (

    select * from {{ ref('stg_creators__follower_histories') }}

),

gains as (

    select
        influencer_id,
        -- Element k is the gain of day k + 1 (day 1 has no previous day).
        {{ list_first_differences('follower_history') }} as daily_gains
    from growth

),

gain_stats as (

    select
        influencer_id,
        daily_gains,
        {{ list_statistic('daily_gains', 'avg') }} as mean_daily_growth,
        {{ list_statistic('daily_gains', 'stddev_samp') }} as sd_daily_growth,
        {{ list_statistic('daily_gains', 'median') }} as median_daily_growth,
        {{ list_statistic('daily_gains', 'max') }} as largest_daily_gain
    from gains

),

deviations as (

    select
        *,
        mean_daily_growth + {{ setting('spike_sigma') }} * sd_daily_growth as spike_threshold,
        {{ list_mapped('daily_gains', 'gain', 'abs(gain - median_daily_growth)') }} as abs_deviations
    from gain_stats

),

dispersion as (

    select
        * except (abs_deviations),
        {{ list_statistic('abs_deviations', 'median') }} as median_abs_deviation,
        {{ list_statistic('abs_deviations', 'avg') }} as mean_abs_deviation
    from deviations

),

flagged as (

    select
        *,
        {{ list_positions_where('daily_gains', 'gain', 'gain > spike_threshold', first_position=2) }} as spike_days,
        -- 0.6745 = the 0.75 quantile of the standard normal: makes MAD comparable to an sd.
        -- 1.253314 = sqrt(pi / 2): the same for the mean absolute deviation (fallback when MAD = 0).
        -- Neither scale > 0 (a flat series): no robust spikes.
        {{ list_positions_where('daily_gains', 'gain',
            'gain > median_daily_growth and case
                when median_abs_deviation > 0
                    then 0.6745 * (gain - median_daily_growth) / median_abs_deviation
                when mean_abs_deviation > 0
                    then (gain - median_daily_growth) / (1.253314 * mean_abs_deviation)
            end > ' ~ setting('robust_spike_z'),
            first_position=2) }} as robust_spike_days
    from dispersion

),

final as (

    select
        influencer_id,
        {{ list_length('spike_days') }} as spike_count,
        spike_days,
        {{ list_length('robust_spike_days') }} as robust_spike_count,
        robust_spike_days,
        mean_daily_growth,
        sd_daily_growth,
        spike_threshold,
        median_daily_growth,
        median_abs_deviation,
        mean_abs_deviation,
        largest_daily_gain
    from flagged

)

select * from final
