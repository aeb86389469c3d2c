-- One row per candidate k: the k-means elbow curve of the TikTok features and the k chosen.

with

curve as (

    select * from {{ ref('int_tiktok_k_candidates_measured') }}

),

final as (

    select
        k,
        wcss,
        is_knee,
        is_chosen
    from curve

)

select * from final
