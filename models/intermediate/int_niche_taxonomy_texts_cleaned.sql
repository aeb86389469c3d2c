-- One row per phrase of the niche taxonomy: the label itself and each comma- or "and"-separated
-- phrase of its description, cleaned, with its hash. A label's vector is the mean of its phrases'
-- embeddings (python_udfs.niches.labelling.label_vectors): embedding a long list of topics as one
-- sentence blurred it (dev split: creator label accuracy 0.43 whole description, 0.48 phrases).

with

taxonomy as (

    select * from {{ ref('stg_reference__niche_taxonomy') }}

),

phrase_lists as (

    select
        niche_label,
        {{ list_prepend('niche_label', regexp_split("coalesce(description, '')", ',|\s+and\s+')) }} as phrases,
    from taxonomy

),

phrases as (

    select
        niche_label,
        {{ unnest_with_position('phrases', 'phrase', 'phrase_position') }},
    from phrase_lists

),

cleaned as (

    select
        niche_label,
        phrase_position,
        -- clean_text is a Python UDF (python_udfs.core.text), registered on dbt's connection only:
        -- this model must stay a table.
        clean_text(phrase) as cleaned_text,
    from phrases

),

final as (

    select
        niche_label || ':' || phrase_position as phrase_id,
        niche_label,
        phrase_position,
        cleaned_text,
        {{ text_hash('cleaned_text') }} as text_hash,
        cleaned_text <> '' as has_usable_text,
    from cleaned
    -- An empty phrase (", ," in a description) says nothing about the niche.
    where cleaned_text <> ''

)

select * from final
