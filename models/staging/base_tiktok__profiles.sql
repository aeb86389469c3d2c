-- Every row of the TikTok export, cast to types, with the reasons it is invalid (NULL when valid).

with

numbered as (

    {{ numbered_rows(source('tiktok', 'profiles')) }}

),

typed as (

    select
        source_row,
        raw_row,
        try_cast(nullif(trim("timestamp"), '') as timestamp) as scraped_at,
        nullif(trim(account_id), '') as account_id,
        nickname,
        biography,
        {{ cast_number('awg_engagement_rate') }} as awg_engagement_rate,
        {{ cast_number('comment_engagement_rate') }} as comment_engagement_rate,
        {{ cast_number('like_engagement_rate') }} as like_engagement_rate,
        bio_link,
        try_cast(is_verified as boolean) as is_verified,
        {{ cast_integer_strict('followers') }} as followers,
        {{ cast_integer_strict('following') }} as following,
        {{ cast_integer_strict('likes') }} as likes,
        {{ cast_integer_strict('videos_count') }} as videos_count,
        nullif(trim(create_time), '') as create_time,
        nullif(trim(id), '') as tiktok_id,
        {{ split_text_list('top_videos', ',') }} as top_videos,
        url as profile_url,
        followers as followers_raw,
        following as following_raw,
        likes as likes_raw,
        videos_count as videos_count_raw,
        is_verified as is_verified_raw,
    from numbered

),

checked as (

    select
        *,
        nullif(concat_ws('; ',
            case when account_id is null then 'account_id is missing' end,
            {%- for count_column in ['followers', 'likes', 'videos_count'] %}
            case when {{ count_column }} is null or {{ count_column }} < 0
                then {{ invalid_value_reason(count_column, 'a non-negative integer', count_column ~ '_raw') }} end,
            {%- endfor %}
            -- following may be hidden (NULL; the features treat it as 0) but never garbage or negative.
            case when (following is null and following_raw is not null) or following < 0
                then {{ invalid_value_reason('following', 'a non-negative integer or null', 'following_raw') }} end,
            case when is_verified is null
                then {{ invalid_value_reason('is_verified', 'true or false', 'is_verified_raw') }} end
        ), '') as reject_reason,
    from typed

),

final as (

    select
        '{{ var("tiktok_profiles_path") }}' as source_file,
        source_row,
        scraped_at,
        account_id,
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
        tiktok_id,
        top_videos,
        profile_url,
        raw_row,
        reject_reason,
    from checked

)

select * from final
