-- One row per brand, candidate pool and matched influencer: the ranked candidates with the shown
-- similarity score, its quality band and the brand, influencer, niche and fake-follower context.
-- The two brand-match marts are this model filtered to one pool each.

with

candidates as (

    select * from {{ ref('int_brand_candidates_ranked') }}

),

brands as (

    select * from {{ ref('stg_seeds__brands') }}

),

influencers as (

    select * from {{ ref('stg_seeds__influencers') }}

),

clusters as (

    select * from {{ ref('int_influencers_clustered') }}

),

niches as (

    select * from {{ ref('int_niches_described') }}

),

scores as (

    select * from {{ ref('int_influencers_scored') }}

),

valued as (

    select * from {{ ref('int_influencers_valued') }}

),

influencer_niches as (

    select
        clusters.influencer_id,
        niches.niche_label,
    from clusters
    inner join niches using (cluster_id)

),

scored as (

    select
        *,
        -- Cosine below 0 (opposite meaning) shows as 0: the score reads as 0-100.
        round(100 * greatest(cosine_similarity, 0), {{ var('similarity_score_decimals') }}) as similarity_score,
    from candidates

),

final as (

    select
        scored.candidate_pool,
        scored.brand_id,
        brands.brand_name,
        scored.match_rank,
        scored.influencer_id,
        influencers.name,
        influencer_niches.niche_label,
        scored.similarity_score,
        case
            when scored.similarity_score > {{ var('match_excellent_above') }} then 'Excellent'
            when scored.similarity_score >= {{ var('match_good_from') }} then 'Good'
            when scored.similarity_score >= {{ var('match_moderate_from') }} then 'Moderate'
            else 'Weak'
        end as match_quality,
        influencers.bio,
        scores.fake_score,
        scores.risk_level,
        valued.price_per_post as estimated_cost,
        valued.cost_per_engagement,
    from scored
    inner join brands using (brand_id)
    inner join influencers using (influencer_id)
    left join influencer_niches using (influencer_id)
    left join scores using (influencer_id)
    left join valued using (influencer_id)

)

select * from final
