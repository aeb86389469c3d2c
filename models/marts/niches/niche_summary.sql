-- One row per discovered niche (k-means cluster): its name, keywords, size, the niche labels its
-- creators got (label_mix) and the fake-follower risk of its members.

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

label_counts as (

    select
        cluster_id,
        niche_label,
        count(*) as creators
    from members
    group by cluster_id, niche_label

),

label_mixes as (

    select
        cluster_id,
        -- Spark: listagg(...) within group (...), which sqlfluff's sparksql grammar lacks.
        {{ ordered_string_agg("niche_label || ' ' || creators", ', ', 'creators desc, niche_label') }} as label_mix,  -- noqa: PRS
        max(creators) / sum(creators) as top_label_share
    from label_counts
    group by cluster_id

),

member_risk as (

    select
        members.cluster_id,
        avg(scores.fake_score) as mean_fake_score,
        count(scores.influencer_id) as scored_influencer_count,
        count(*) filter (where scores.risk_level = 'high') as high_risk_count,
        {{ mean_in_order('members.distance_to_centroid', 'members.influencer_id') }} as mean_distance_to_centroid
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
        label_mixes.label_mix,
        label_mixes.top_label_share,
        member_risk.mean_fake_score,
        member_risk.scored_influencer_count,
        member_risk.high_risk_count,
        member_risk.mean_distance_to_centroid
    from niches
    inner join label_mixes using (cluster_id)
    inner join member_risk using (cluster_id)

)

select * from final
