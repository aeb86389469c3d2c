-- One row per valid influencer: bio + recent captions as one cleaned text, and its hash.
{{ texts_cleaned('stg_seeds__influencers', 'influencer_id', ['bio', join_text_list('recent_captions', ' ')]) }}
