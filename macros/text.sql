{#- Cache key of a cleaned text (hex SHA-256; python_udfs.core.embeddings.text_hash computes the same). -#}
{% macro text_hash(expr) -%}
    {{ return(adapter.dispatch('text_hash')(expr)) }}
{%- endmacro %}

{% macro default__text_hash(expr) -%}
    sha256({{ expr }})
{%- endmacro %}

{% macro spark__text_hash(expr) -%}
    sha2({{ expr }}, 256)
{%- endmacro %}
