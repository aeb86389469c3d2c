{#- Fails on every row where the boolean SQL expression is not true: false or NULL. Stricter than
    dbt_utils.expression_is_true, where a row fails only where the expression is false (`where not
    (expr)`: NULL passes); hence its own name. The project relies on NULL failing: the tier
    contiguity check "tier_rank = 1 or min_followers = previous_max_followers" catches an
    open-ended tier below another only so, and the sums behind fake_score and suspicion_score and
    the match and campaign-fit ranks have no not_null test of their own. The expression is whole:
    unlike dbt_utils, a column-level use does not put the column name in front of it. -#}
{% test expression_is_true_strict(model, expression, column_name=none) %}

select *
from {{ model }}
where not coalesce({{ expression }}, false)

{% endtest %}
