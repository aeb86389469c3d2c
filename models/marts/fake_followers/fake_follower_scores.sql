-- One row per influencer with valid growth data: the documented fake-follower score with its
-- components, risk level and reasons (rules in int_influencers_scored).

with

scores as (

    select * from {{ ref('int_influencers_scored') }}

),

final as (

    select * from scores

)

select * from final
