-- One row per TikTok segment: size, share and the profile its name is chosen from (the one home of
-- the segment profile: int_tiktok_segments_named and the mart tiktok_segment_profiles read it).
-- depends_on: {{ ref('stg_reference__follower_tiers') }}

with

profiles as (

    select * from {{ ref('stg_tiktok__profiles') }}

),

segments as (

    select * from {{ ref('int_tiktok_accounts_segmented') }}

),

accounts as (

    select
        segments.segment_id,
        segments.account_id,
        profiles.followers,
        profiles.awg_engagement_rate,
        profiles.is_verified,
        profiles.videos_count,
        profiles.likes,
        {{ follower_tier('profiles.followers') }} as follower_tier
    from segments
    inner join profiles using (account_id)

),

profiled as (

    select
        segment_id,
        count(*) as size,
        count(*) / sum(count(*)) over () as share,
        avg(followers) as mean_followers,
        median(followers) as median_followers,
        {{ mean_in_order('awg_engagement_rate', 'account_id') }} as mean_engagement_rate,
        {{ share_of_rows('is_verified') }} as verified_share,
        avg(videos_count) as mean_videos,
        avg(likes) as mean_likes,
        {%- for tier in follower_tier_names() %}
        {{ share_of_rows("follower_tier = '" ~ tier ~ "'") }} as {{ tier }}_share{{ ',' if not loop.last }}
        {%- endfor %}
    from accounts
    group by segment_id

),

final as (

    select
        *,
        {{ follower_tier('median_followers') }} as median_follower_tier
    from profiled

)

select * from final
