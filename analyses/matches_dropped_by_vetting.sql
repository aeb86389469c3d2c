-- Brand matches lost to vetting, and why.
--
-- Question: "Which of each brand's best matches did vetting remove, and what replaced them?"
-- A match is dropped when the influencer is in the brand's unvetted top-k
-- (brand_influencer_matches) but not in the vetted one (brand_influencer_matches_vetted): its
-- fake-follower risk is high (or it has no growth data to score). The reasons column says what
-- raised the risk; replaced_by lists the influencers vetting moved into that brand's top-k.

with

unvetted as (

    select * from {{ ref('brand_influencer_matches') }}

),

vetted as (

    select * from {{ ref('brand_influencer_matches_vetted') }}

),

scores as (

    select influencer_id, reasons from {{ ref('fake_follower_scores') }}

),

dropped as (

    select unvetted.*
    from unvetted
    anti join vetted using (brand_id, influencer_id)

),

added as (

    select
        vetted.brand_id,
        list(vetted.name order by vetted.match_rank) as replaced_by
    from vetted
    anti join unvetted using (brand_id, influencer_id)
    group by vetted.brand_id

),

final as (

    select
        dropped.brand_id,
        dropped.brand_name,
        dropped.match_rank,
        dropped.influencer_id,
        dropped.name,
        dropped.similarity_score,
        dropped.match_quality,
        dropped.fake_score,
        dropped.risk_level,
        scores.reasons,
        added.replaced_by
    from dropped
    left join scores using (influencer_id)
    left join added using (brand_id)

)

select * from final
order by brand_id, match_rank
