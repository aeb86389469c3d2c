{#- Body of brand_influencer_matches and brand_influencer_matches_vetted: the ranked candidates of
    one pool with brand, influencer, niche and fake-follower context. -#}
{% macro brand_matches(candidate_pool) -%}
with

candidates as (

    select * from {{ ref('int_brand_candidates_ranked') }}
    where candidate_pool = '{{ candidate_pool }}'

),

brands as (

    select * from {{ ref('stg_seeds__brands') }}

),

influencers as (

    select * from {{ ref('stg_seeds__influencers') }}

),

niches as (

    select * from {{ ref('niche_classification') }}

),

scores as (

    select * from {{ ref('fake_follower_scores') }}

),

scored as (

    select
        *,
        -- Cosine below 0 (opposite meaning) shows as 0: the score reads as 0-100.
        round(100 * greatest(cosine_similarity, 0), 2) as similarity_score,
    from candidates

),

final as (

    select
        scored.brand_id,
        brands.brand_name,
        scored.match_rank,
        scored.influencer_id,
        influencers.name,
        niches.niche_label,
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
    from scored
    inner join brands using (brand_id)
    inner join influencers using (influencer_id)
    left join niches using (influencer_id)
    left join scores using (influencer_id)

)

select * from final
{%- endmacro %}
