-- One row per follower tier: the typical engagement range of the editable seed engagement_benchmarks.

with

source as (

    select * from {{ ref('engagement_benchmarks') }}

),

final as (

    select
        lower(trim(tier)) as tier,
        typical_low_pct,
        typical_high_pct,
    from source

)

select * from final
