with

source as (

    select * from {{ ref('follower_tiers') }}

),

ranked as (

    select
        lower(trim(tier)) as tier,
        row_number() over (order by min_followers) as tier_rank,
        min_followers,
        max_followers,
    from source

),

final as (

    select
        *,
        lag(max_followers) over (order by tier_rank) as previous_max_followers,
    from ranked

)

select * from final
