-- One row per brand per matched influencer (top_k by cosine similarity, ties by influencer_id).
{{ brand_matches('all') }}
