with

source as (

    select * from {{ ref('follower_tiers') }}

),

-- The seed loads as text (a bad value must not fail the load): cast here; the tests on this
-- model name any value that is not an integer (NULL after the cast).
typed as (

    select
        lower(trim(tier)) as tier,
        {{ cast_integer_strict('min_followers') }} as min_followers,
        {{ cast_integer_strict('max_followers') }} as max_followers
    from source

),

ranked as (

    select
        tier,
        row_number() over (order by min_followers) as tier_rank,
        min_followers,
        max_followers
    from typed

),

final as (

    select
        *,
        lag(max_followers) over (order by tier_rank) as previous_max_followers
    from ranked

)

select * from final
