-- One row per follower tier, smallest first (the editable seed follower_tiers), for legends and
-- tier-ordered charts in BI tools and the report.

with

tiers as (

    select * from {{ ref('stg_reference__follower_tiers') }}

),

final as (

    select
        tier,
        tier_rank,
        min_followers,
        max_followers
    from tiers

)

select * from final
