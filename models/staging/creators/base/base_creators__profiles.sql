-- Every record of the influencers input (seed influencers_data or <input_dir>/influencers_data.csv),
-- trimmed and parsed, with the reasons it is invalid (NULL when valid).
{{ config(
    pre_hook="{{ load_input('influencers_data') }}",
    post_hook="{{ drop_input_temp_tables('influencers_data') }}",
) }}

with

records as (

    select * from {{ input_records('influencers_data') }}

),

typed as (

    select
        source_file,
        source_line,
        raw_text,
        parse_problem,
        influencer_id as influencer_id_raw,
        {{ trim_whitespace('influencer_id') }} as influencer_id,
        nullif(trim(name), '') as name,
        nullif(trim(bio), '') as bio,
        {{ split_text_list('recent_captions', ' | ') }} as recent_captions
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
        -- A record DuckDB could not split has no values to check: its reason is the parse problem.
        coalesce(parse_problem, nullif(concat_ws('; ',
            {{ key_reject_reasons('influencer_id') }},
            case when name is null then 'name is missing' end
        ), '')) as reject_reason
    from keyed

),

final as (

    select
        source_file,
        source_line,
        influencer_id,
        name,
        bio,
        recent_captions,
        raw_text,
        reject_reason
    from checked

)

select * from final
