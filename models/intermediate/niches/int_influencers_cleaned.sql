-- One row per valid influencer: bio + recent captions as one cleaned text, and its hash (the embedding cache key).
-- Incremental: a text is cleaned again only when its source text or the cleaning code changed
-- (clean_text is Python, called once per row: 24-31 s of a 100K no-change rebuild before this);
-- its config is in dbt_project.yml.

with

influencers as (

    select * from {{ ref('stg_creators__profiles') }}

),

sources as (

    select
        influencer_id,
        concat_ws(' ', bio, {{ join_text_list('recent_captions', ' ') }}) as source_text,
        -- text_cleaning_version() is a Python UDF (python_udfs.dbt_glue.duckdb_plugin): the cleaning code's hash.
        {{ text_hash("coalesce(source_text, '') || (select text_cleaning_version())") }} as source_text_hash
    from influencers

),

to_clean as (

    select * from sources
    {#- A table built before source_text_hash existed: every text is cleaned once more. An engine
        whose incremental runs rewrite the whole table (Spark on parquet) cleans every text. -#}
    {% if is_incremental() and updates_rows_in_place()
        and 'source_text_hash' in adapter.get_columns_in_relation(this) | map(attribute='name') %}
    where not exists (
        select 1 from {{ this }} as cleaned_before
        where cleaned_before.influencer_id = sources.influencer_id
            and cleaned_before.source_text_hash = sources.source_text_hash
    )
    {% endif %}

),

final as (

    {{ cleaned_texts('to_clean', 'source_text', ['influencer_id'], trailing_columns=['source_text_hash']) }}

)

select * from final
