{#- Caption sentiment: the label rule over a VADER compound score. -#}

{#- The sentiment label of a VADER compound score: the one home of the label rule (thresholds are
    vars). NULL compound (caption not scored: not English or no words) -> 'not scored'. -#}
{% macro sentiment_label(compound_expr) -%}
    case
        when {{ compound_expr }} is null then 'not scored'
        when {{ compound_expr }} >= {{ setting('sentiment_positive_from') }} then 'positive'
        when {{ compound_expr }} <= {{ setting('sentiment_negative_to') }} then 'negative'
        else 'neutral'
    end
{%- endmacro %}
