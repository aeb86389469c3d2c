-- One row per influencer with a fake-follower score: whether a brand may contract them. The one
-- home of the vetting rule: the level of the detector chosen by the var vetting_detector
-- ('{{ var("vetting_detector") }}' in this build; suspicion = the companion detector, documented =
-- the original rules) is not high. The vetted brand matches, their tests and the report read
-- is_vetted, never the rule itself.

with

documented as (

    select * from {{ ref('int_influencers_scored') }}

),

suspicion as (

    select * from {{ ref('int_influencers_suspicion_scored') }}

),

levels as (

    select
        documented.influencer_id,
        documented.risk_level,
        suspicion.suspicion_level,
        {%- if var('vetting_detector') == 'documented' %}
        documented.risk_level as vetting_level
        {%- else %}
        suspicion.suspicion_level as vetting_level
        {%- endif %}
    from documented
    inner join suspicion using (influencer_id)

),

final as (

    select
        influencer_id,
        risk_level,
        suspicion_level,
        vetting_level,
        vetting_level <> 'high' as is_vetted
    from levels

)

select * from final
