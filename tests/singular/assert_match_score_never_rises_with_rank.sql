-- The number shown beside a rank is the score the rank follows: within a brand and candidate
-- pool, match_score never rises from one rank to the next (equal scores are ordered by
-- influencer_id). A row here is a rank whose match_score is above the rank before it.

with

matches as (

    select * from {{ ref('int_brand_matches_enriched') }}

),

compared as (

    select
        candidate_pool,
        brand_id,
        match_rank,
        match_score,
        lag(match_score) over (partition by candidate_pool, brand_id order by match_rank) as previous_match_score
    from matches

),

final as (

    select * from compared
    where match_score > previous_match_score

)

select * from final
