-- int_influencers_spikes_detected computes its statistics on lists; int_influencer_days_differenced derives the same
-- gains row by row (unnest + lag). Both routes must agree on every influencer: the number of gains,
-- their mean, median and maximum, and the documented spike days recomputed from the rows.
-- Returns the influencers where they disagree.

with

daily as (

    select * from {{ ref('int_influencer_days_differenced') }}

),

spikes as (

    select * from {{ ref('int_influencers_spikes_detected') }}

),

row_route as (

    select
        influencer_id,
        count(*) as gain_days,
        avg(daily_growth) as mean_daily_growth,
        median(daily_growth) as median_daily_growth,
        max(daily_growth) as largest_daily_gain
    from daily
    group by influencer_id

),

row_route_spikes as (

    select
        daily.influencer_id,
        coalesce(
            {{ ordered_list_agg('daily.day_index', 'daily.day_index', where='daily.daily_growth > spikes.spike_threshold') }},
            {{ empty_list() }}
        ) as spike_days
    from daily
    inner join spikes using (influencer_id)
    group by daily.influencer_id

),

final as (

    select
        influencer_id,
        row_route.gain_days,
        spikes.mean_daily_growth as list_mean,
        row_route.mean_daily_growth as row_mean,
        spikes.largest_daily_gain as list_max,
        row_route.largest_daily_gain as row_max,
        spikes.spike_days as list_spike_days,
        row_route_spikes.spike_days as row_spike_days
    from spikes
    full outer join row_route using (influencer_id)
    left join row_route_spikes using (influencer_id)
    where row_route.gain_days is distinct from {{ setting('history_days') }} - 1
        or abs(spikes.mean_daily_growth - row_route.mean_daily_growth) > 1e-9 * (1 + abs(row_route.mean_daily_growth))
        or spikes.median_daily_growth is distinct from row_route.median_daily_growth
        or spikes.largest_daily_gain is distinct from row_route.largest_daily_gain
        or spikes.spike_days is distinct from row_route_spikes.spike_days

)

select * from final
