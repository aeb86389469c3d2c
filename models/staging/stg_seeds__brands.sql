with

checked as (

    select * from {{ ref('base_seeds__brands') }}

),

final as (

    select
        brand_id,
        brand_name,
        description,
        target_keywords,
    from checked
    where reject_reason is null

)

select * from final
