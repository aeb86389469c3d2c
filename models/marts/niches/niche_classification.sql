-- One row per valid influencer: its niche label from the taxonomy or the niche examples (or
-- 'uncertain') with the confidence behind it, and its discovered niche (k-means cluster) with that cluster's name and
-- keywords.

with

influencers as (

    select * from {{ ref('stg_creators__profiles') }}

),

texts as (

    select * from {{ ref('int_influencers_cleaned') }}

),

labels as (

    select * from {{ ref('int_influencers_labelled') }}

),

clusters as (

    select * from {{ ref('int_influencers_clustered') }}

),

niches as (

    select * from {{ ref('int_niches_described') }}

),

final as (

    select
        influencers.influencer_id,
        influencers.name,
        labels.niche_label,
        labels.predicted_label,
        labels.label_source,
        labels.label_confidence,
        labels.is_label_uncertain,
        labels.best_label,
        labels.runner_up_label,
        labels.best_label_similarity,
        labels.runner_up_similarity,
        clusters.cluster_id,
        niches.niche_label as cluster_label,
        niches.niche_keywords,
        clusters.distance_to_centroid,
        texts.has_usable_text
    from influencers
    inner join labels using (influencer_id)
    inner join clusters using (influencer_id)
    inner join niches using (cluster_id)
    inner join texts using (influencer_id)

)

select * from final
