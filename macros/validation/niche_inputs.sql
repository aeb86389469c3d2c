{#- Pre-hooks of the niche models: stop one model with one sentence when its input cannot give an
    answer, instead of a Python traceback or a niche made of nothing. The models that do not read
    the creators' text (fake followers, TikTok, sentiment) still build; everything downstream of
    the stopped model is skipped. No creators at all is an answer (zero rows), not an error. -#}

{#- int_influencers_embedded: creators, but not one with usable text (every bio and caption empty,
    or only emoji, links and mentions): there is nothing to embed, and k-means on empty texts would
    name niches that say nothing. -#}
{% macro require_usable_text() -%}
    {%- if execute -%}
        {%- set counted = run_query(
            'select count(*), count_if(has_usable_text) from ' ~ ref('int_influencers_cleaned')) -%}
        {%- set creators, with_text = counted.columns[0].values()[0], counted.columns[1].values()[0] -%}
        {%- if creators > 0 and with_text == 0 -%}
            {%- set input = input_file('influencers_data') -%}
            {{ exceptions.raise_compiler_error(
                'No usable text to embed: none of the ' ~ creators ~ ' valid records of ' ~ input.display
                ~ ' has text in bio or recent_captions (empty, or only emoji, links and @mentions). Niches and brand'
                ~ ' matches need it; the analyses that do not read the text still build.') }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- int_influencers_clustered: fewer creators than niches asked for (n_niches). -#}
{% macro require_creators_for_niches() -%}
    {%- if execute -%}
        {%- set creators = run_query('select count(*) from ' ~ ref('int_influencers_embedded')).columns[0].values()[0] -%}
        {%- set where = ' with a valid profile in ' ~ input_file('influencers_data').display -%}
        {%- if creators == 1 -%}
            {{ exceptions.raise_compiler_error(
                'Too few creators for niches: 1 creator' ~ where ~ ', and niches need at least 2 (n_niches >= 2): add creators.') }}
        {%- elif 0 < creators < setting('n_niches') -%}
            {{ exceptions.raise_compiler_error(
                'Too few creators for n_niches: ' ~ creators ~ ' creators' ~ where ~ ', and k-means needs at least'
                ~ ' n_niches (' ~ setting('n_niches') ~ ') to form that many niches. Lower it, e.g. --vars \'{n_niches: '
                ~ creators ~ '}\', or add creators.') }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
