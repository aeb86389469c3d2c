{#- Follower tiers: the one home of the tier rule and of the list of tier names. -#}

{#- The follower tier (seed follower_tiers) of a follower count: the one home of the tier rule,
    min_followers <= followers < max_followers (no upper bound for the top tier). -#}
{% macro follower_tier(followers_expr) -%}
    (
        select max(tiers.tier)
        from {{ ref('stg_reference__follower_tiers') }} as tiers
        where {{ followers_expr }} >= tiers.min_followers
            and ({{ followers_expr }} < tiers.max_followers or tiers.max_followers is null)
    )
{%- endmacro %}

{#- The tier names, smallest first, for models with one column per tier (run at execution time). -#}
{% macro follower_tier_names() -%}
    {%- if execute -%}
        {%- set query -%}
            select tier from {{ ref('stg_reference__follower_tiers') }} order by tier_rank
        {%- endset -%}
        {{ return(run_query(query).columns[0].values() | list) }}
    {%- else -%}
        {{ return([]) }}
    {%- endif -%}
{%- endmacro %}
