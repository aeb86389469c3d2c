{{ rejected_rows('base_creators__profiles', 'influencer_id') }}
