with

checked as (

    select * from {{ ref('base_creators__follower_histories') }}

),

final as (

    select
        influencer_id,
        followers,
        avg_likes,
        avg_comments,
        follower_history
    from checked
    where reject_reason is null

)

select * from final
