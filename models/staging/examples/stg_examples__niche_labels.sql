with

checked as (

    select * from {{ ref('base_examples__niche_labels') }}

),

final as (

    select
        influencer_id,
        niche_label
    from checked
    where reject_reason is null

)

select * from final
