with

ranked as (

    select * from {{ ref('base_tiktok__profiles_ranked') }}

),

final as (

    select
        account_id,
        tiktok_id,
        scraped_at,
        nickname,
        biography,
        awg_engagement_rate,
        comment_engagement_rate,
        like_engagement_rate,
        bio_link,
        is_verified,
        followers,
        following,
        likes,
        videos_count,
        create_time,
        top_videos,
        profile_url
    from ranked
    where snapshot_rank = 1

)

select * from final
