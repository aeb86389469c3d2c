-- One row per niche: its name, keywords, size and the fake-follower risk of its members.

with

niches as (

    select * from {{ ref('int_niches_described') }}

),

members as (

    select * from {{ ref('niche_classification') }}

),

scores as (

    select * from {{ ref('fake_follower_scores') }}

),

member_risk as (

    select
        members.cluster_id,
        avg(scores.fake_score) as mean_fake_score,
        count(scores.influencer_id) as scored_influencer_count,
        count(*) filter (where scores.risk_level = 'high') as high_risk_count,
        {{ mean_in_order('members.distance_to_centroid', 'members.influencer_id') }} as mean_distance_to_centroid,
    from members
    left join scores using (influencer_id)
    group by members.cluster_id

),

final as (

    select
        niches.cluster_id,
        niches.niche_label,
        niches.niche_keywords,
        niches.influencer_count,
        niches.label_similarity,
        member_risk.mean_fake_score,
        member_risk.scored_influencer_count,
        member_risk.high_risk_count,
        member_risk.mean_distance_to_centroid,
    from niches
    inner join member_risk using (cluster_id)

)

select * from final
