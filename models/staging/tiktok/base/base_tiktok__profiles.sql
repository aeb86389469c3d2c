-- Every record of the TikTok export (var tiktok_profiles_path), cast to types, with the reasons it
-- is invalid (NULL when valid).
-- depends_on: {{ source('tiktok', 'profiles') }}
{{ config(
    pre_hook="{{ load_input('tiktok_profiles') }}",
    post_hook="{{ drop_input_temp_tables('tiktok_profiles') }}",
) }}

{%- set columns = input_file('tiktok_profiles').columns %}

with

records as (

    select * from {{ input_records('tiktok_profiles') }}

),

-- The export writes a missing value as the text null.
unnulled as (

    select
        source_file,
        source_line,
        raw_text,
        parse_problem,
        {%- for column in columns %}
        nullif({{ adapter.quote(column) }}, 'null') as {{ adapter.quote(column) }}{{ ',' if not loop.last }}
        {%- endfor %}
    from records

),

typed as (

    select
        source_file,
        source_line,
        raw_text,
        parse_problem,
        try_cast({{ trim_whitespace(adapter.quote('timestamp')) }} as timestamp) as scraped_at,
        account_id as account_id_raw,
        {{ trim_whitespace('account_id') }} as account_id,
        nickname,
        biography,
        {%- for rate in ['awg_engagement_rate', 'comment_engagement_rate', 'like_engagement_rate'] %}
        {{ cast_number(rate) }} as {{ rate }},
        {{ trim_whitespace(rate) }} as {{ rate }}_raw,
        {%- endfor %}
        bio_link,
        try_cast(is_verified as boolean) as is_verified,
        {%- for count_column in ['followers', 'following', 'likes', 'videos_count'] %}
        {{ cast_integer_strict(count_column) }} as {{ count_column }},
        {{ trim_whitespace(count_column) }} as {{ count_column }}_raw,
        {%- endfor %}
        {{ trim_whitespace('create_time') }} as create_time,
        {{ trim_whitespace('id') }} as tiktok_id,
        {{ split_text_list('top_videos', ',') }} as top_videos,
        url as profile_url,
        {{ trim_whitespace(adapter.quote('timestamp')) }} as timestamp_raw,
        is_verified as is_verified_raw
    from unnulled

),

checked as (

    select
        *,
        coalesce(parse_problem, nullif(concat_ws('; ',
            case when account_id is null then 'account_id is missing' end,
            {%- for count_column in ['followers', 'likes', 'videos_count'] %}
            {{ integer_reason(count_column, minimum=0) }},
            {%- endfor %}
            -- following may be hidden (null; the features treat it as 0) but never garbage or negative.
            {{ integer_reason('following', minimum=0, optional=true) }},
            -- Engagement rates may be missing (null), but a value must be a finite, non-negative number.
            {%- for rate in ['awg_engagement_rate', 'comment_engagement_rate', 'like_engagement_rate'] %}
            {{ number_reason(rate, optional=true) }},
            {%- endfor %}
            case when is_verified is null
                then {{ invalid_value_reason('is_verified', 'true or false', 'is_verified_raw') }} end,
            case when scraped_at is null and timestamp_raw is not null
                then {{ invalid_value_reason('timestamp', 'a date and time (ISO 8601) or null', 'timestamp_raw') }} end
        ), '')) as reject_reason
    from typed

),

final as (

    select
        source_file,
        source_line,
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
        raw_text,
        reject_reason
    from checked

)

select * from final
