with

checked as (

    select * from {{ ref('base_brands__briefs') }}

),

final as (

    select
        brand_id,
        brand_name,
        description,
        target_keywords
    from checked
    where reject_reason is null

)

select * from final
