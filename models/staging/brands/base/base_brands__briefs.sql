-- Every record of the brands input (seed brands_data or <input_dir>/brands_data.csv), trimmed and
-- parsed, with the reasons it is invalid (NULL when valid).
{{ config(
    pre_hook="{{ load_input('brands_data') }}",
    post_hook="{{ drop_input_temp_tables('brands_data') }}",
) }}

with

records as (

    select * from {{ input_records('brands_data') }}

),

typed as (

    select
        source_file,
        source_line,
        raw_text,
        parse_problem,
        brand_id as brand_id_raw,
        {{ trim_whitespace('brand_id') }} as brand_id,
        nullif(trim(brand_name), '') as brand_name,
        nullif(trim(description), '') as description,
        {{ split_text_list('target_keywords', ',') }} as target_keywords
    from records

),

keyed as (

    select
        *,
        {{ key_window_columns('brand_id') }}
    from typed

),

checked as (

    select
        *,
        coalesce(parse_problem, nullif(concat_ws('; ',
            {{ key_reject_reasons('brand_id') }},
            case when brand_name is null then 'brand_name is missing' end,
            case when description is null and {{ list_length('target_keywords') }} = 0
                then 'description and target_keywords are both empty: nothing to match on' end
        ), '')) as reject_reason
    from keyed

),

final as (

    select
        source_file,
        source_line,
        brand_id,
        brand_name,
        description,
        target_keywords,
        raw_text,
        reject_reason
    from checked

)

select * from final
