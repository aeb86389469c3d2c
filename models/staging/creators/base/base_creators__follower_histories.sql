-- Every record of the growth input (seed growth_data or <input_dir>/growth_data.csv), cast to its
-- types, with the reasons it is invalid (NULL when valid). stg_creators__follower_histories keeps the valid
-- records, stg_creators__follower_histories_rejected the others: records in = staged + rejected.
{{ config(
    pre_hook="{{ load_input('growth_data') }}",
    post_hook="{{ drop_input_temp_tables('growth_data') }}",
) }}

with

records as (

    select * from {{ input_records('growth_data') }}

),

typed as (

    select
        source_file,
        source_line,
        raw_text,
        parse_problem,
        influencer_id as influencer_id_raw,
        {{ trim_whitespace('influencer_id') }} as influencer_id,
        {{ cast_integer_strict('followers') }} as followers,
        {{ cast_number('avg_likes') }} as avg_likes,
        {{ cast_number('avg_comments') }} as avg_comments,
        {{ parse_integer_list('follower_history') }} as follower_history,
        {{ trim_whitespace('followers') }} as followers_raw,
        {{ trim_whitespace('avg_likes') }} as avg_likes_raw,
        {{ trim_whitespace('avg_comments') }} as avg_comments_raw,
        {{ trim_whitespace('follower_history') }} as follower_history_raw
    from records

),

keyed as (

    select
        *,
        {{ key_window_columns('influencer_id') }}
    from typed

),

checked as (

    select
        *,
        -- concat_ws skips NULLs: one '; '-joined sentence per problem found.
        coalesce(parse_problem, nullif(concat_ws('; ',
            {{ key_reject_reasons('influencer_id') }},
            {{ integer_reason('followers', minimum=1) }},
            {{ number_reason('avg_likes') }},
            {{ number_reason('avg_comments') }},
            case
                when follower_history_raw is null then 'follower_history is missing'
                when follower_history is null then 'follower_history is not a list of integers'
                when {{ count_null_elements('follower_history') }} > 0
                    then 'follower_history has a count beyond {{ largest_integer() }}, the largest integer the warehouse stores'
                when {{ list_length('follower_history') }} <> {{ setting('history_days') }}
                    then 'follower_history has ' || {{ list_length('follower_history') }}
                        || ' values, expected {{ setting("history_days") }}'
                when {{ list_statistic('follower_history', 'min') }} < 0 then 'follower_history has negative counts'
            end
        ), '')) as reject_reason
    from keyed

),

final as (

    select
        source_file,
        source_line,
        influencer_id,
        followers,
        avg_likes,
        avg_comments,
        follower_history,
        raw_text,
        reject_reason
    from checked

)

select * from final
