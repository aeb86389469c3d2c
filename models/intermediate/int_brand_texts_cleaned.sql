-- One row per valid brand: description + target keywords as one cleaned text, and its hash.
{{ texts_cleaned('stg_seeds__brands', 'brand_id', ['description', join_text_list('target_keywords', ' ')]) }}
