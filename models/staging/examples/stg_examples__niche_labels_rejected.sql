{{ rejected_rows('base_examples__niche_labels', 'influencer_id') }}
