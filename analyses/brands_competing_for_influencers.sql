-- Brands competing for the same influencers.
--
-- Question: "Which brands would be fishing in the same pond?" Two brands compete for an influencer
-- when both have it in their vetted top-k shortlist (brand_influencer_matches_vetted: only
-- influencers whose fake-follower risk is not high, i.e. those a brand could actually contract).
-- One row per pair of brands sharing at least one influencer, most shared first; the names are
-- listed by how high they rank for either brand. Use brand_influencer_matches instead to compare
-- the unvetted lists.

with

matches as (

    select * from {{ ref('brand_influencer_matches_vetted') }}

),

shared as (

    select
        brand_a.brand_id as brand_id_a,
        brand_a.brand_name as brand_name_a,
        brand_b.brand_id as brand_id_b,
        brand_b.brand_name as brand_name_b,
        brand_a.influencer_id,
        brand_a.name,
        brand_a.match_rank as rank_for_a,
        brand_b.match_rank as rank_for_b
    from matches as brand_a
    inner join matches as brand_b
        on brand_a.influencer_id = brand_b.influencer_id
        and brand_a.brand_id < brand_b.brand_id

),

final as (

    select
        brand_id_a,
        brand_name_a,
        brand_id_b,
        brand_name_b,
        count(*) as shared_influencers,
        count(*) filter (where rank_for_a <= 3 and rank_for_b <= 3) as shared_in_both_top_3,
        list(name order by least(rank_for_a, rank_for_b), influencer_id) as shared_influencer_names
    from shared
    group by brand_id_a, brand_name_a, brand_id_b, brand_name_b

)

select * from final
order by shared_influencers desc, shared_in_both_top_3 desc, brand_id_a, brand_id_b
