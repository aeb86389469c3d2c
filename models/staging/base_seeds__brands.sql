-- Every row of brands_data, trimmed and parsed, with the reasons it is invalid (NULL when valid).

with

numbered as (

    {{ numbered_rows(input_relation('brands_data'), 'brand_id') }}

),

typed as (

    select
        source_row,
        raw_row,
        rows_with_same_id,
        nullif(trim(cast(brand_id as varchar)), '') as brand_id,
        nullif(trim(cast(brand_name as varchar)), '') as brand_name,
        nullif(trim(cast(description as varchar)), '') as description,
        {{ split_text_list('cast(target_keywords as varchar)', ',') }} as target_keywords,
    from numbered

),

checked as (

    select
        *,
        nullif(concat_ws('; ',
            {{ key_reject_reasons('brand_id') }},
            case when brand_name is null then 'brand_name is missing' end,
            case when description is null and {{ list_length('target_keywords') }} = 0
                then 'description and target_keywords are both empty: nothing to match on' end
        ), '') as reject_reason,
    from typed

),

final as (

    select
        '{{ input_file_name("brands_data") }}' as source_file,
        source_row,
        brand_id,
        brand_name,
        description,
        target_keywords,
        raw_row,
        reject_reason,
    from checked

)

select * from final
