{{ rejected_rows('base_seeds__brands', 'brand_id') }}
