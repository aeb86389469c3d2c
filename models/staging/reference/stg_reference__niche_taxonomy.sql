with

source as (

    select * from {{ ref('niche_taxonomy') }}

),

final as (

    select
        lower(trim(niche_label)) as niche_label,
        trim(description) as description
    from source
    where nullif(trim(niche_label), '') is not null

)

select * from final
