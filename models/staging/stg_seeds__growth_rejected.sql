{{ rejected_rows('base_seeds__growth', 'influencer_id') }}
