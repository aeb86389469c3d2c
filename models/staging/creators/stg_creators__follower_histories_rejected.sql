{{ rejected_rows('base_creators__follower_histories', 'influencer_id') }}
