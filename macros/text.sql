{#- Text normalisation shared by influencers, brands and the niche taxonomy: the Python UDF
    clean_text (python_udfs.text, registered by python_udfs.duckdb_plugin) on the parts joined by
    spaces. Models calling it must be tables: the UDF exists only on dbt's connection. -#}
{% macro cleaned_text(parts) -%}
    clean_text(concat_ws(' ', {{ parts | join(', ') }}))
{%- endmacro %}

{#- Cache key of a cleaned text (hex SHA-256; python_udfs.embeddings.text_hash computes the same). -#}
{% macro text_hash(expr) -%}
    {{ return(adapter.dispatch('text_hash')(expr)) }}
{%- endmacro %}

{% macro default__text_hash(expr) -%}
    sha256({{ expr }})
{%- endmacro %}

{#- Body of the int_*_texts_cleaned models: one row per key with the cleaned text of the given
    parts, its hash (the embedding cache key) and whether any usable text is left. -#}
{% macro texts_cleaned(model_name, key_column, text_parts) -%}
with

source as (

    select * from {{ ref(model_name) }}

),

cleaned as (

    select
        {{ key_column }},
        {{ cleaned_text(text_parts) }} as cleaned_text,
    from source

),

final as (

    select
        {{ key_column }},
        cleaned_text,
        {{ text_hash('cleaned_text') }} as text_hash,
        cleaned_text <> '' as has_usable_text,
    from cleaned

)

select * from final
{%- endmacro %}
