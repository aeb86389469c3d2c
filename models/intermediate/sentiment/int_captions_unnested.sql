-- One row per valid influencer per recent caption (caption_index 1 = first in the field).
-- Staging has split the ' | '-joined field and dropped empty captions.

with

influencers as (

    select * from {{ ref('stg_creators__profiles') }}

),

final as (

    select
        influencer_id,
        {{ unnest_with_position('recent_captions', 'caption', 'caption_index') }}
    from influencers

)

select * from final
