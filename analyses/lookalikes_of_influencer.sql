-- Lookalikes of an influencer: the k influencers who write most like a given one.
--
-- Question: "INF003 is booked / too expensive: who else writes like them, and can we trust their
-- audience?" Uses the table macro similar_influencers(influencer_id, k) that niche_classification's
-- post-hook stores in the database file (cosine similarity of the text embeddings), so the same
-- call works in the duckdb CLI:  select * from similar_influencers('INF003', 5);
-- Adds whether each lookalike shares the niche, and its fake-follower score (NULL without growth
-- data). Change the parameters below.

-- depends_on: {{ ref('int_influencers_embedded') }}

{% set influencer_id = 'INF003' %}
{% set k = 5 %}

with

chosen as (

    select influencer_id, name, niche_label
    from {{ ref('niche_classification') }}
    where influencer_id = '{{ influencer_id }}'

),

lookalikes as (

    select * from {{ target.schema }}.similar_influencers('{{ influencer_id }}', {{ k }})

),

scores as (

    select * from {{ ref('fake_follower_scores') }}

),

final as (

    select
        chosen.name as lookalike_of,
        lookalikes.similarity_rank,
        lookalikes.influencer_id,
        lookalikes.name,
        lookalikes.niche_label,
        lookalikes.niche_label = chosen.niche_label as same_niche,
        lookalikes.similarity_score,
        scores.followers,
        scores.fake_score,
        scores.risk_level
    from lookalikes
    cross join chosen
    left join scores on lookalikes.influencer_id = scores.influencer_id

)

select * from final
order by similarity_rank
