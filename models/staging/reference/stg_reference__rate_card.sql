-- One row per follower tier: the price of one sponsored post (the editable seed rate_card).

with

source as (

    select * from {{ ref('rate_card') }}

),

-- The seed loads as text (a bad value must not fail the load): cast here; a value that is not a
-- number / boolean becomes NULL, which the not_null tests on this model name.
final as (

    select
        lower(trim(tier)) as tier,
        {{ cast_number('price_per_post') }} as price_per_post,
        upper(trim(currency)) as currency,
        case
            when {{ trim_whitespace('is_placeholder') }} is null then false
            else try_cast({{ trim_whitespace('is_placeholder') }} as boolean)
        end as is_placeholder
    from source

)

select * from final
