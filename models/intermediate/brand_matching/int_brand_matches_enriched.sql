-- One row per brand, candidate pool and ranked influencer: the 0-100 match_score the ranking
-- uses, the raw similarity_score (the contract), the calibrated match_z and its quality band, why
-- it matches (match_evidence) and the brand, influencer, niche label and fake-follower context.
-- The brand-match marts are this model filtered to one pool; brand_campaign_fit reads the
-- shortlist pool's bands.

with

candidates as (

    select * from {{ ref('int_brand_matches_ranked') }}

),

evidence as (

    select * from {{ ref('int_brand_matches_explained') }}

),

brands as (

    select * from {{ ref('stg_brands__briefs') }}

),

influencers as (

    select * from {{ ref('stg_creators__profiles') }}

),

labels as (

    select * from {{ ref('int_influencers_labelled') }}

),

scores as (

    select * from {{ ref('int_influencers_scored') }}

),

valued as (

    select * from {{ ref('int_influencers_valued') }}

),

scored as (

    select
        *,
        -- Cosine below 0 (opposite meaning) shows as 0: the score reads as 0-100.
        round(100 * greatest(cosine_similarity, 0), {{ setting('similarity_score_decimals') }}) as similarity_score,
        -- The score the ranking uses, on the same 0-100 scale: a lower rank never shows a higher
        -- number (the raw similarity_score can: it keeps the text every brief and creator share).
        round(100 * greatest(centred_cosine, 0), {{ setting('similarity_score_decimals') }}) as match_score,
        -- The one home of the quality bands: match_z is the brand's centred match score as a
        -- z-score over all creators (python_udfs.core.calibration), comparable across brands.
        case
            when match_z > {{ setting('match_excellent_z_above') }} then 'Excellent'
            when match_z >= {{ setting('match_good_z_from') }} then 'Good'
            when match_z >= {{ setting('match_moderate_z_from') }} then 'Moderate'
            else 'Weak'
        end as match_quality
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
        labels.niche_label,
        scored.match_score,
        scored.similarity_score,
        scored.match_quality,
        scored.match_z,
        evidence.match_evidence,
        evidence.evidence_caption,
        evidence.evidence_keywords,
        influencers.bio,
        scores.fake_score,
        scores.risk_level,
        valued.price_per_post as estimated_cost,
        valued.cost_per_engagement
    from scored
    inner join brands using (brand_id)
    inner join influencers using (influencer_id)
    left join labels using (influencer_id)
    left join evidence using (brand_id, influencer_id)
    left join scores using (influencer_id)
    left join valued using (influencer_id)

)

select * from final
