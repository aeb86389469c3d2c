-- One row per influencer per day of the follower history (day_index 1 = oldest).

with

growth as (

    select * from {{ ref('stg_creators__follower_histories') }}

),

final as (

    select
        influencer_id,
        {{ unnest_with_position('follower_history', 'followers_on_day', 'day_index') }}
    from growth

)

select * from final
