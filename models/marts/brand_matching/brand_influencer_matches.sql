-- One row per brand per matched influencer (top_k by cosine similarity, ties by influencer_id).

with

matches as (

    select * from {{ ref('int_brand_matches_enriched') }}
    where candidate_pool = 'all'

),

final as (

    select * except (candidate_pool) from matches

)

select * from final
