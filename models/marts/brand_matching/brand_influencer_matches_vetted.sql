-- Like brand_influencer_matches, drawn only from vetted influencers (int_influencers_vetted):
-- the list a brand can actually contract.

with

matches as (

    select * from {{ ref('int_brand_matches_enriched') }}
    where candidate_pool = 'vetted'

),

final as (

    select * except (candidate_pool) from matches

)

select * from final
