-- Every row of growth_data, cast to its types, with the reasons it is invalid (NULL when valid).
-- stg_seeds__growth keeps the valid rows, stg_seeds__growth_rejected the others: rows in = out + rejects.

with

numbered as (

    {{ numbered_rows(input_relation('growth_data'), 'influencer_id') }}

),

typed as (

    select
        source_row,
        raw_row,
        rows_with_same_id,
        nullif(trim(cast(influencer_id as varchar)), '') as influencer_id,
        {{ cast_integer_strict('followers') }} as followers,
        {{ cast_number('avg_likes') }} as avg_likes,
        {{ cast_number('avg_comments') }} as avg_comments,
        {{ parse_integer_list('follower_history') }} as follower_history,
        cast(followers as varchar) as followers_raw,
        cast(avg_likes as varchar) as avg_likes_raw,
        cast(avg_comments as varchar) as avg_comments_raw,
        cast(follower_history as varchar) as follower_history_raw,
    from numbered

),

checked as (

    select
        *,
        -- concat_ws skips NULLs: one '; '-joined sentence per problem found.
        nullif(concat_ws('; ',
            {{ key_reject_reasons('influencer_id') }},
            case when followers is null or followers <= 0
                then {{ invalid_value_reason('followers', 'a positive integer', 'followers_raw') }} end,
            case when avg_likes is null or avg_likes < 0
                then {{ invalid_value_reason('avg_likes', 'a non-negative number', 'avg_likes_raw') }} end,
            case when avg_comments is null or avg_comments < 0
                then {{ invalid_value_reason('avg_comments', 'a non-negative number', 'avg_comments_raw') }} end,
            case
                when follower_history_raw is null then 'follower_history is missing'
                when follower_history is null then 'follower_history is not a list of integers'
                when {{ list_length('follower_history') }} <> {{ var('history_days') }}
                    then 'follower_history has ' || {{ list_length('follower_history') }}
                        || ' values, expected {{ var("history_days") }}'
                when {{ list_statistic('follower_history', 'min') }} < 0 then 'follower_history has negative counts'
            end
        ), '') as reject_reason,
    from typed

),

final as (

    select
        '{{ input_file_name("growth_data") }}' as source_file,
        source_row,
        influencer_id,
        followers,
        avg_likes,
        avg_comments,
        follower_history,
        raw_row,
        reject_reason,
    from checked

)

select * from final
