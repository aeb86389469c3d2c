-- One row per influencer per day 2..N: the day's follower gain over the previous day.

with

history as (

    select * from {{ ref('int_influencer_days_unnested') }}

),

differenced as (

    select
        influencer_id,
        day_index,
        followers_on_day,
        followers_on_day
            - lag(followers_on_day) over (partition by influencer_id order by day_index) as daily_growth
    from history

),

final as (

    select * from differenced
    where day_index > 1

)

select * from final
