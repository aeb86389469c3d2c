-- One row per brand and campaign-fit rank: each brand's shortlist re-ranked by campaign fit (a
-- weighted blend of relevance, authenticity and engagement), top_k per brand, with the match's
-- quality band, evidence and the creator's vetting status.

with

ranked as (

    select * from {{ ref('int_brand_campaign_fit_ranked') }}

),

matches as (

    select * from {{ ref('int_brand_matches_enriched') }}
    where candidate_pool = 'shortlist'

),

scores as (

    select * from {{ ref('int_influencers_scored') }}

),

vetting as (

    select * from {{ ref('int_influencers_vetted') }}

),

final as (

    select
        ranked.brand_id,
        matches.brand_name,
        ranked.campaign_fit_rank,
        ranked.influencer_id,
        matches.name,
        matches.niche_label,
        ranked.campaign_fit,
        ranked.relevance_z,
        matches.match_quality,
        matches.match_score,
        matches.similarity_score,
        ranked.authenticity,
        matches.fake_score,
        matches.risk_level,
        coalesce(vetting.is_vetted, false) as is_vetted,
        ranked.engagement_percentile,
        ranked.value_score,
        scores.engagement_rate,
        matches.match_evidence
    from ranked
    inner join matches using (brand_id, influencer_id)
    left join scores using (influencer_id)
    left join vetting using (influencer_id)

)

select * from final
