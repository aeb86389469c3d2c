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
        {{ list_prepend('niche_label', regexp_split("coalesce(description, '')", ',|\\s+and\\s+')) }} as phrases
    from taxonomy

),

phrases as (

    select
        niche_label,
        {{ unnest_with_position('phrases', 'phrase', 'phrase_position') }}
    from phrase_lists

),

final as (

    {{ cleaned_texts(
        'phrases', 'phrase', ['niche_label', 'phrase_position'],
        id_column='phrase_id', id_parts=['niche_label', 'phrase_position'], drop_empty=true,
    ) }}

)

select * from final
