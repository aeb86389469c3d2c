-- One row per follower tier: the typical engagement range of the editable seed engagement_benchmarks.

with

source as (

    select * from {{ ref('engagement_benchmarks') }}

),

-- The seed loads as text (a bad value must not fail the load): cast here; the tests on this
-- model name a value that is not a number (NULL after the cast).
final as (

    select
        lower(trim(tier)) as tier,
        {{ cast_number('typical_low_pct') }} as typical_low_pct,
        {{ cast_number('typical_high_pct') }} as typical_high_pct
    from source

)

select * from final
