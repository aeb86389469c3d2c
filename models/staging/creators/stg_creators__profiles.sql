with

checked as (

    select * from {{ ref('base_creators__profiles') }}

),

final as (

    select
        influencer_id,
        name,
        bio,
        recent_captions
    from checked
    where reject_reason is null

)

select * from final
