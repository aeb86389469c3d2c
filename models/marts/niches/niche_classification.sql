-- One row per valid influencer: its niche (k-means cluster of the text embedding), the niche's
-- name from the taxonomy and top keywords, and how far the influencer sits from the niche centre.

with

influencers as (

    select * from {{ ref('stg_seeds__influencers') }}

),

texts as (

    select * from {{ ref('int_influencer_texts_cleaned') }}

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
        clusters.cluster_id,
        niches.niche_keywords,
        niches.niche_label,
        clusters.distance_to_centroid,
        texts.has_usable_text,
    from influencers
    inner join clusters using (influencer_id)
    inner join niches using (cluster_id)
    inner join texts using (influencer_id)

)

select * from final
