{#- Parsing raw text fields into values (the staging models' casts), per engine. Every cast here
    returns NULL instead of failing, so one bad value can never stop a build: the staging models
    turn the NULL into a reject reason (macros/validation/). Spark: Java regular expressions
    ([[:space:]] is \s, a full match is rlike '^...$'); the profile turns ANSI mode off, so a failed
    cast is NULL as try_cast is in DuckDB. -#}

{#- The largest integer a BIGINT column holds (2^63 - 1): counts above it cannot be stored. -#}
{% macro largest_integer() -%}
    9223372036854775807
{%- endmacro %}

{#- Text without the whitespace around it: spaces, tabs, line breaks, no-break spaces and
    byte-order marks (trim() removes spaces only). NULL when nothing is left.
    DuckDB: the regular expression runs only on the texts that start or end with such a character
    ([[:space:]] is tab, line feed, vertical tab, form feed, carriage return and space): on 1M
    growth records, 0.20 s instead of 0.48 s for three columns. The test is contains() on one
    string of those characters, not `in (...)`: DuckDB plans each such list as a join against a
    constant table, and the TikTok model's 66 of them took 2.4 s to run on 251 records (0.15 s
    with contains(), same rows; on 1M records, three columns: 0.25 s against 0.43 s). -#}
{% macro trim_whitespace(expr) %}{{ return(adapter.dispatch('trim_whitespace', 'influencer_analytics')(expr)) }}{% endmacro %}

{% macro default__trim_whitespace(expr) -%}
    nullif(case
        when contains({{ whitespace_characters() }}, left(cast({{ expr }} as string), 1))
            or contains({{ whitespace_characters() }}, right(cast({{ expr }} as string), 1))
            then regexp_replace(cast({{ expr }} as string), '^[[:space:]\x{00A0}\x{FEFF}]+|[[:space:]\x{00A0}\x{FEFF}]+$', '', 'g')
        else cast({{ expr }} as string)
    end, '')
{%- endmacro %}

{% macro spark__trim_whitespace(expr) -%}
    nullif(regexp_replace(cast({{ expr }} as string), '^[\\s\\x{00A0}\\x{FEFF}]+|[\\s\\x{00A0}\\x{FEFF}]+$', ''), '')
{%- endmacro %}

{#- The characters default__trim_whitespace removes, as one string (an empty text matches too;
    the regular expression then leaves it empty, which is NULL as before). -#}
{% macro whitespace_characters() -%}
    (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(160) || chr(65279))
{%- endmacro %}

{#- True when the text (whitespace around it allowed) is an integer: digits with an optional sign. -#}
{% macro is_integer_text(expr) %}{{ return(adapter.dispatch('is_integer_text', 'influencer_analytics')(expr)) }}{% endmacro %}

{% macro default__is_integer_text(expr) -%}
    coalesce(regexp_full_match({{ trim_whitespace(expr) }}, '[-+]?\d+'), false)
{%- endmacro %}

{% macro spark__is_integer_text(expr) -%}
    coalesce({{ trim_whitespace(expr) }} rlike '^[-+]?[0-9]+$', false)
{%- endmacro %}

{#- True when the text is NaN or an infinity (which a number cast would accept). -#}
{% macro is_non_finite_text(expr) %}{{ return(adapter.dispatch('is_non_finite_text', 'influencer_analytics')(expr)) }}{% endmacro %}

{% macro default__is_non_finite_text(expr) -%}
    coalesce(not isfinite(try_cast({{ trim_whitespace(expr) }} as double)), false)
{%- endmacro %}

{% macro spark__is_non_finite_text(expr) -%}
    coalesce(
        isnan(try_cast({{ trim_whitespace(expr) }} as double))
        or abs(try_cast({{ trim_whitespace(expr) }} as double)) = double('infinity'),
        false
    )
{%- endmacro %}

{#- A JSON-style list of integers ('[10500, 10530]') -> BIGINT list; NULL unless the whole text is
    a well-formed list of integers (a cast alone would round '1.5' and turn 'x' into a NULL element).
    An element beyond the BIGINT range comes back as a NULL element (see list_has_null).
    DuckDB: once the text is known to be a well-formed list, its values are split and cast one by
    one: 0.7 s instead of 1.5 s for a cast of the whole text to BIGINT[] on 1M histories of 30
    values (the same lists: a cast allows whitespace around a value, gives NULL beyond BIGINT). -#}
{% macro parse_integer_list(expr) %}{{ return(adapter.dispatch('parse_integer_list', 'influencer_analytics')(expr)) }}{% endmacro %}

{% macro default__parse_integer_list(expr) -%}
    case
        when regexp_full_match({{ trim_whitespace(expr) }}, '\[\s*-?\d+(\s*,\s*-?\d+)*\s*\]')
            then list_transform(
                string_split(substr({{ trim_whitespace(expr) }}, 2, length({{ trim_whitespace(expr) }}) - 2), ','),
                lambda value: try_cast(value as bigint)
            )
    end
{%- endmacro %}

{% macro spark__parse_integer_list(expr) -%}
    case
        when {{ trim_whitespace(expr) }} rlike '^\\[\\s*-?[0-9]+(\\s*,\\s*-?[0-9]+)*\\s*\\]$'
            then from_json({{ trim_whitespace(expr) }}, 'array<bigint>')
    end
{%- endmacro %}

{#- Text with an integer in it -> BIGINT; NULL for anything else (no silent rounding of '1.5') and
    for integers beyond the BIGINT range. The same SQL on both engines (its parts are dispatched). -#}
{% macro cast_integer_strict(expr) -%}
    case when {{ is_integer_text(expr) }} then try_cast({{ trim_whitespace(expr) }} as bigint) end
{%- endmacro %}

{#- Text with a decimal number in it (123, -1.5, .5, 2e3) -> DOUBLE; NULL when it is not one
    (words like NaN and inf included: is_non_finite_text tells them apart). '1e400' gives inf. -#}
{% macro cast_number(expr) %}{{ return(adapter.dispatch('cast_number', 'influencer_analytics')(expr)) }}{% endmacro %}

{% macro default__cast_number(expr) -%}
    case
        when regexp_full_match({{ trim_whitespace(expr) }}, '[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?')
            then try_cast({{ trim_whitespace(expr) }} as double)
    end
{%- endmacro %}

{% macro spark__cast_number(expr) -%}
    case
        when {{ trim_whitespace(expr) }} rlike '^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$'
            then try_cast({{ trim_whitespace(expr) }} as double)
    end
{%- endmacro %}

{#- 'a | b | c' -> ['a', 'b', 'c']: trimmed items, empty items dropped, NULL -> [].
    Spark's split() takes a regular expression: the separator is quoted (\Q...\E). -#}
{% macro split_text_list(expr, separator) %}{{ return(adapter.dispatch('split_text_list', 'influencer_analytics')(expr, separator)) }}{% endmacro %}

{% macro default__split_text_list(expr, separator) -%}
    list_filter(
        list_transform(string_split(coalesce({{ expr }}, ''), '{{ separator }}'), lambda item: trim(item)),
        lambda item: item <> ''
    )
{%- endmacro %}

{% macro spark__split_text_list(expr, separator) -%}
    filter(
        transform(split(coalesce({{ expr }}, ''), '\\Q{{ separator }}\\E'), item -> trim(item)),
        item -> item <> ''
    )
{%- endmacro %}

{#- True for a number that is neither NaN nor infinite. -#}
{% macro is_finite(expr) %}{{ return(adapter.dispatch('is_finite', 'influencer_analytics')(expr)) }}{% endmacro %}

{% macro default__is_finite(expr) -%}
    isfinite({{ expr }})
{%- endmacro %}

{% macro spark__is_finite(expr) -%}
    not (isnan({{ expr }}) or abs({{ expr }}) = double('infinity'))
{%- endmacro %}
