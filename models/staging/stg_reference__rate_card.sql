-- One row per follower tier: the price of one sponsored post (the editable seed rate_card).

with

source as (

    select * from {{ ref('rate_card') }}

),

final as (

    select
        lower(trim(tier)) as tier,
        price_per_post,
        upper(trim(currency)) as currency,
        coalesce(is_placeholder, false) as is_placeholder,
    from source

)

select * from final
