{#- Parsing helpers for raw text fields. Dialect-specific SQL lives here (dispatched), so the
    staging models stay portable: add spark__<name> to support another adapter. -#}

{#- A JSON-style list of integers ('[10500, 10530]') -> BIGINT list; NULL unless the whole text is
    a well-formed list of integers (a cast alone would round '1.5' and turn 'x' into a NULL element). -#}
{% macro parse_integer_list(expr) -%}
    {{ return(adapter.dispatch('parse_integer_list')(expr)) }}
{%- endmacro %}

{% macro default__parse_integer_list(expr) -%}
    case
        when regexp_full_match(trim({{ expr }}), '\[\s*-?\d+(\s*,\s*-?\d+)*\s*\]')
            then cast(trim({{ expr }}) as bigint[])
    end
{%- endmacro %}

{#- Text with an integer in it -> BIGINT; NULL for anything else (no silent rounding of '1.5'). -#}
{% macro cast_integer_strict(expr) -%}
    {{ return(adapter.dispatch('cast_integer_strict')(expr)) }}
{%- endmacro %}

{% macro default__cast_integer_strict(expr) -%}
    case
        when regexp_full_match(trim(cast({{ expr }} as varchar)), '[-+]?\d+')
            then cast(trim(cast({{ expr }} as varchar)) as bigint)
    end
{%- endmacro %}

{#- Text with a number in it -> DOUBLE; NULL when it is not a number. -#}
{% macro cast_number(expr) -%}
    {{ return(adapter.dispatch('cast_number')(expr)) }}
{%- endmacro %}

{% macro default__cast_number(expr) -%}
    try_cast(trim(cast({{ expr }} as varchar)) as double)
{%- endmacro %}

{#- 'a | b | c' -> ['a', 'b', 'c']: trimmed items, empty items dropped, NULL -> []. -#}
{% macro split_text_list(expr, separator) -%}
    {{ return(adapter.dispatch('split_text_list')(expr, separator)) }}
{%- endmacro %}

{% macro default__split_text_list(expr, separator) -%}
    list_filter(
        list_transform(string_split(coalesce({{ expr }}, ''), '{{ separator }}'), lambda item: trim(item)),
        lambda item: item <> ''
    )
{%- endmacro %}

{#- A whole row as JSON text, so a rejected row keeps every raw value. -#}
{% macro row_as_json(relation_alias) -%}
    {{ return(adapter.dispatch('row_as_json')(relation_alias)) }}
{%- endmacro %}

{% macro default__row_as_json(relation_alias) -%}
    cast(to_json({{ relation_alias }}) as varchar)
{%- endmacro %}
