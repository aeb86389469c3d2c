{#- The texts the embeddings models read: the steps every int_*_cleaned model shares. -#}

{#- A select over `source` (a CTE or relation) with one row per text: the kept columns, the text
    cleaned (cleaned_text), its hash (text_hash, the embedding cache key) and whether anything
    usable is left (has_usable_text). clean_text is a Python UDF (python_udfs.core.text), registered on
    dbt's connection only: a model calling this must stay a table.
    - text: the SQL expression cleaned;
    - columns: the source columns kept, in order, before cleaned_text;
    - id_column, id_parts: a key column first, the parts (source columns) joined with ':';
    - trailing_columns: source columns kept after has_usable_text;
    - drop_empty: leave out the texts with nothing usable (only emoji, links, mentions), which say
      nothing about the topic.
    e.g. {{ cleaned_texts('keywords', 'keyword', ['brand_id', 'keyword_position', 'keyword'],
                          id_column='keyword_id', id_parts=['brand_id', 'keyword_position'], drop_empty=true) }} -#}
{% macro cleaned_texts(source, text, columns, id_column=none, id_parts=[], trailing_columns=[], drop_empty=false) -%}
    {%- set carried = [] -%}
    {%- for column in id_parts + columns + trailing_columns if column not in carried -%}
        {%- do carried.append(column) -%}
    {%- endfor -%}
    select
        {%- if id_column is not none %}
        {{ id_parts | join(" || ':' || ") }} as {{ id_column }},
        {%- endif %}
        {%- for column in columns %}
        {{ column }},
        {%- endfor %}
        cleaned_text,
        {{ text_hash('cleaned_text') }} as text_hash,
        cleaned_text <> '' as has_usable_text
        {%- for column in trailing_columns %},
        {{ column }}
        {%- endfor %}
    from (
        select
            {%- for column in carried %}
            {{ column }},
            {%- endfor %}
            clean_text({{ text }}) as cleaned_text
        from {{ source }}
    ) as cleaned
    {%- if drop_empty %}
    where cleaned_text <> ''
    {%- endif %}
{%- endmacro %}
