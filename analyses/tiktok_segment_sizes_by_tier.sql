-- TikTok segment sizes by follower tier.
--
-- Question: "How do the data-driven segments compare with the vendor's follower tiers?"
-- One row per segment: its size, its share of all accounts, and how many of its accounts fall in
-- each follower tier (the editable seed follower_tiers, smallest first). A segment
-- concentrated in one tier adds little to the tiers; one spread over several tiers groups
-- accounts the tiers would split. tiktok_segment_profiles has the same split as shares.

-- depends_on: {{ ref('stg_reference__follower_tiers') }}

with

segments as (

    select * from {{ ref('tiktok_segments') }}

),

final as (

    select
        segment_id,
        segment_name,
        count(*) as accounts,
        round(100.0 * count(*) / sum(count(*)) over (), 1) as pct_of_all_accounts,
        {%- for tier in follower_tier_names() %}
        count(*) filter (where follower_tier = '{{ tier }}') as {{ tier }}_accounts{{ ',' if not loop.last }}
        {%- endfor %}
    from segments
    group by segment_id, segment_name

)

select * from final
order by segment_id
