-- One row per valid brand: description + target keywords as one cleaned text, and its hash.

with

brands as (

    select * from {{ ref('stg_brands__briefs') }}

),

final as (

    {{ cleaned_texts('brands', "concat_ws(' ', description, " ~ join_text_list('target_keywords', ' ') ~ ")", ['brand_id']) }}

)

select * from final
