-- One row per TikTok account (valid, de-duplicated): its segment, the segment's name, its follower
-- tier and the features it was clustered on.

with

profiles as (

    select * from {{ ref('stg_tiktok__profiles') }}

),

segments as (

    select * from {{ ref('int_tiktok_accounts_segmented') }}

),

names as (

    select * from {{ ref('int_tiktok_segments_named') }}

),

final as (

    select
        segments.account_id,
        segments.segment_id,
        names.segment_name,
        {{ follower_tier('profiles.followers') }} as follower_tier,
        segments.distance_to_centroid,
        profiles.awg_engagement_rate,
        profiles.comment_engagement_rate,
        profiles.like_engagement_rate,
        profiles.followers,
        profiles.following,
        profiles.likes,
        profiles.videos_count,
        profiles.is_verified
    from segments
    inner join profiles using (account_id)
    inner join names using (segment_id)

)

select * from final
