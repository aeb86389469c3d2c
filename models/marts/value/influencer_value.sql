-- One row per influencer with a fake-follower score: the rate-card price of a post, the expected
-- engagements once presumed-fake followers are discounted, cost per engagement, cost per thousand
-- real followers and a 0-100 value score (rules in int_influencers_valued).

with

valued as (

    select * from {{ ref('int_influencers_valued') }}

),

final as (

    select * from valued

)

select * from final
