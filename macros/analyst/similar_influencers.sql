{#- Creates the DuckDB table macro similar_influencers(influencer_id, k): the k influencers whose
    text embedding is closest (cosine) to the given one's. It is stored in the database file, so
    analysts can call it from the duckdb CLI or any client:
        select * from similar_influencers('INF003', 5);
    Run as a post-hook of niche_classification (it reads that mart and int_influencers_embedded). -#}
{% macro create_similar_influencers_macro() %}{{ return(adapter.dispatch('create_similar_influencers_macro', 'influencer_analytics')()) }}{% endmacro %}

{% macro default__create_similar_influencers_macro() -%}
create or replace macro {{ adapter.quote(target.schema) }}.similar_influencers(target_influencer_id, k) as table
    with

    target_vector as (

        select embedding from {{ ref('int_influencers_embedded').include(database=false) }}
        where influencer_id = target_influencer_id

    ),

    scored as (

        select
            others.influencer_id,
            round(100 * cast(array_cosine_similarity(others.embedding, target_vector.embedding) as double), {{ setting('similarity_score_decimals') }}) as similarity_score
        from {{ ref('int_influencers_embedded').include(database=false) }} as others
        cross join target_vector
        where others.influencer_id <> target_influencer_id

    ),

    ranked as (

        select
            row_number() over (order by similarity_score desc, influencer_id) as similarity_rank,
            *
        from scored
        qualify similarity_rank <= k

    ),

    final as (

        select
            ranked.similarity_rank,
            ranked.influencer_id,
            niches.name,
            niches.niche_label,
            ranked.similarity_score
        from ranked
        left join {{ this.include(database=false) }} as niches using (influencer_id)

    )

    select * from final order by similarity_rank
{%- endmacro %}

{#- Spark has no table macros: lookalikes there are a query over the same two tables (README). -#}
{% macro spark__create_similar_influencers_macro() -%}
{%- endmacro %}
