-- Every record of the niche examples input (seed niche_examples or the file of var
-- niche_examples_path), trimmed, with the reasons it is invalid (NULL when valid).
{{ config(
    pre_hook="{{ load_input('niche_examples') }}",
    post_hook="{{ drop_input_temp_tables('niche_examples') }}",
) }}

with

records as (

    select * from {{ input_records('niche_examples') }}

),

profiles as (

    select * from {{ ref('base_creators__profiles') }}

),

typed as (

    select
        source_file,
        source_line,
        raw_text,
        parse_problem,
        influencer_id as influencer_id_raw,
        {{ trim_whitespace('influencer_id') }} as influencer_id,
        -- Lower case, as the taxonomy's labels are: 'Fitness' and 'fitness' are one niche.
        nullif(lower(trim(niche_label)), '') as niche_label
    from records

),

keyed as (

    select
        *,
        {{ key_window_columns('influencer_id') }}
    from typed

),

-- Each id of the influencers input once: how many of its records are valid, and its first line.
creators as (

    select
        influencer_id,
        sum(case when reject_reason is null then 1 else 0 end) as valid_records,
        min(source_line) as first_line
    from profiles
    where influencer_id is not null
    group by influencer_id

),

matched as (

    select
        keyed.*,
        creators.valid_records as creator_valid_records,
        creators.first_line as creator_first_line
    from keyed
    left join creators
        on keyed.influencer_id = creators.influencer_id

),

checked as (

    select
        *,
        coalesce(parse_problem, nullif(concat_ws('; ',
            {{ key_reject_reasons('influencer_id') }},
            case when niche_label is null then 'niche_label is missing' end,
            case when influencer_id is not null and coalesce(creator_valid_records, 0) = 0 then
                'influencer_id ' || influencer_id || ' is not a valid creator of '
                || {{ sql_string(input_file('influencers_data').display) }}
                || coalesce(' (its record on line ' || creator_first_line || ' there is rejected)', '')
            end
        ), '')) as reject_reason
    from matched

),

final as (

    select
        source_file,
        source_line,
        influencer_id,
        niche_label,
        raw_text,
        reject_reason
    from checked

)

select * from final
