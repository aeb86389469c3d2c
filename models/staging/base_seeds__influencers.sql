-- Every row of influencers_data, trimmed and parsed, with the reasons it is invalid (NULL when valid).

with

numbered as (

    {{ numbered_rows(input_relation('influencers_data'), 'influencer_id') }}

),

typed as (

    select
        source_row,
        raw_row,
        rows_with_same_id,
        nullif(trim(cast(influencer_id as varchar)), '') as influencer_id,
        nullif(trim(cast(name as varchar)), '') as name,
        nullif(trim(cast(bio as varchar)), '') as bio,
        {{ split_text_list('cast(recent_captions as varchar)', ' | ') }} as recent_captions,
    from numbered

),

checked as (

    select
        *,
        nullif(concat_ws('; ',
            {{ key_reject_reasons('influencer_id') }},
            case when name is null then 'name is missing' end
        ), '') as reject_reason,
    from typed

),

final as (

    select
        '{{ input_file_name("influencers_data") }}' as source_file,
        source_row,
        influencer_id,
        name,
        bio,
        recent_captions,
        raw_row,
        reject_reason,
    from checked

)

select * from final
