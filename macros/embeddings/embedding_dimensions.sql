{#- The width of the embedding_model's vectors: what is_unit_vector checks the stored FLOAT[n] against.
    The widths are python_udfs/core/sentence_models.py's; pytests/unit/test_sentence_models.py keeps
    this table equal to it. -#}
{% macro embedding_dimensions() -%}
    {%- set widths = {'all-MiniLM-L6-v2': 384, 'all-mpnet-base-v2': 768} -%}
    {{ return(widths[setting('embedding_model')]) }}
{%- endmacro %}
