-- One row per influencer per day of the follower history: followers at the end of the day and the
-- gain over the day before (NULL on day 1), for follower curves in the report and BI tools.

with

history as (

    select * from {{ ref('int_influencer_days_unnested') }}

),

gains as (

    select * from {{ ref('int_influencer_days_differenced') }}

),

final as (

    select
        history.influencer_id,
        history.day_index,
        history.followers_on_day,
        gains.daily_growth
    from history
    left join gains using (influencer_id, day_index)

)

select * from final
