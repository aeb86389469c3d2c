-- One row per influencer with valid growth data: the documented fake-follower score with its
-- components, risk level and reasons (rules in int_influencers_scored), and beside it the
-- companion detector's score, level and reasons (int_influencers_suspicion_scored).

with

scores as (

    select * from {{ ref('int_influencers_scored') }}

),

suspicion as (

    select * from {{ ref('int_influencers_suspicion_scored') }}

),

final as (

    select
        scores.*,
        suspicion.suspicion_score,
        suspicion.suspicion_level,
        suspicion.suspicion_reasons
    from scores
    inner join suspicion using (influencer_id)

)

select * from final
