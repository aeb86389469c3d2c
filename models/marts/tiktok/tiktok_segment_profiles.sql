-- One row per TikTok segment: its name, size and profile, and the share of each follower tier in it.

with

profiles as (

    select * from {{ ref('int_tiktok_segments_profiled') }}

),

names as (

    select * from {{ ref('int_tiktok_segments_named') }}

),

final as (

    select
        profiles.segment_id,
        names.segment_name,
        profiles.* except (segment_id)
    from profiles
    inner join names using (segment_id)

)

select * from final
