-- One row per influencer with a fake-follower score: whether a brand may contract them. The one
-- home of the vetting rule (the risk level is not high); the vetted brand matches and their tests
-- read is_vetted, never the rule itself.

with

scores as (

    select * from {{ ref('int_influencers_scored') }}

),

final as (

    select
        influencer_id,
        risk_level,
        risk_level <> 'high' as is_vetted,
    from scores

)

select * from final
