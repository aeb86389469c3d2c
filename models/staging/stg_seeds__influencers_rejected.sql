{{ rejected_rows('base_seeds__influencers', 'influencer_id') }}
