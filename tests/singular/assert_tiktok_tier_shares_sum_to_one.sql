-- depends_on: {{ ref('stg_reference__follower_tiers') }}
-- Every segment's tier shares add up to 1: each account has exactly one tier (follower_tiers must
-- be contiguous and start at 0). Returns the segments where they do not.

select
    segment_id,
    {{ follower_tier_names() | join('_share + ') }}_share as share_total
from {{ ref('tiktok_segment_profiles') }}
where abs({{ follower_tier_names() | join('_share + ') }}_share - 1) >= 1e-9
