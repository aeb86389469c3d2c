-- One row per taxonomy niche: label + description as one cleaned text, and its hash.
{{ texts_cleaned('stg_seeds__niche_taxonomy', 'niche_label', ['niche_label', 'description']) }}
