-- One row per influencer with valid growth data: the follower trend (Theil-Sen slope, growth by
-- half, share of the growth on the best days) and its class (rules in int_influencers_trends_classified).

with

trends as (

    select * from {{ ref('int_influencers_trends_classified') }}

),

final as (

    select * from trends

)

select * from final
