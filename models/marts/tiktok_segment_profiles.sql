-- One row per TikTok segment: its size and profile, and the share of each follower tier in it.

with

segments as (

    select * from {{ ref('tiktok_segments') }}

),

profiled as (

    select
        segment_id,
        any_value(segment_name) as segment_name,
        count(*) as size,
        count(*) / sum(count(*)) over () as share,
        avg(followers) as mean_followers,
        median(followers) as median_followers,
        avg(awg_engagement_rate) as mean_engagement_rate,
        avg(case when is_verified then 1.0 else 0.0 end) as verified_share,
        avg(videos_count) as mean_videos,
        avg(likes) as mean_likes,
        {%- for tier in ['nano', 'micro', 'mid', 'macro', 'mega'] %}
        avg(case when follower_tier = '{{ tier }}' then 1.0 else 0.0 end) as {{ tier }}_share,
        {%- endfor %}
    from segments
    group by segment_id

),

final as (

    select * from profiled

)

select * from final
