{#- Fails on every row where column_name is outside [min_value, max_value] (either bound optional).
    NULLs pass (pair with not_null when they should not). -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}

with

checked as (

    select {{ column_name }} as value_checked
    from {{ model }}

),

final as (

    select * from checked
    where false
    {%- if min_value is not none %}
        or value_checked {{ '<' if inclusive else '<=' }} {{ min_value }}
    {%- endif %}
    {%- if max_value is not none %}
        or value_checked {{ '>' if inclusive else '>=' }} {{ max_value }}
    {%- endif %}

)

select * from final

{% endtest %}
