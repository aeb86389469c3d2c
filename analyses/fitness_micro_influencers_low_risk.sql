-- Fitness influencers under 100K followers with a low fake-follower risk.
--
-- Question: "Which fitness micro-influencers can we contract without worrying about bought
-- followers?" Influencers without growth data have no fake score and are left out (inner join):
-- we cannot vouch for them. Best engagement first.
--
-- Change the parameters below for another niche or follower ceiling, then
--   dbt compile --select fitness_micro_influencers_low_risk
-- and run target/compiled/.../fitness_micro_influencers_low_risk.sql in any DuckDB client.

{% set niche = 'fitness' %}
{% set max_followers = 100000 %}
{% set risk_levels = ['low'] %}

with

niches as (

    select * from {{ ref('niche_classification') }}

),

scores as (

    select * from {{ ref('fake_follower_scores') }}

),

final as (

    select
        niches.influencer_id,
        niches.name,
        niches.niche_label,
        niches.niche_keywords,
        scores.followers,
        round(scores.engagement_rate, 2) as engagement_rate,
        scores.fake_score,
        scores.risk_level,
        scores.reasons
    from niches
    inner join scores using (influencer_id)
    where niches.niche_label = '{{ niche }}'
        and scores.followers < {{ max_followers }}
        and scores.risk_level in ('{{ risk_levels | join("', '") }}')

)

select * from final
order by engagement_rate desc, influencer_id
