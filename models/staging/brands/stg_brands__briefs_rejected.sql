{{ rejected_rows('base_brands__briefs', 'brand_id') }}
