-- The valid growth records whose influencer has no valid profile, and the valid profiles without a
-- valid growth record, by id: they flow on (a profile without growth gets no fake-follower score,
-- growth without a profile no niche), but a person should know which ids do not join, and why.
-- A file without records (header only) matches nothing, and the build's one warning about that
-- file says so (check_input_files): its other side is not listed id by id.

with

profiles as (

    select * from {{ ref('base_creators__profiles') }}

),

growth as (

    select * from {{ ref('base_creators__follower_histories') }}

),

growth_without_profile as (

    select
        growth.influencer_id,
        'growth' as found_in,
        growth.source_file,
        growth.source_line,
        {{ sql_string(input_file('influencers_data').display) }} as missing_from
    from growth
    where growth.reject_reason is null
        and exists (select 1 from profiles)
        and growth.influencer_id not in (
            select profiles.influencer_id from profiles where profiles.reject_reason is null and profiles.influencer_id is not null
        )

),

profile_without_growth as (

    select
        profiles.influencer_id,
        'profile' as found_in,
        profiles.source_file,
        profiles.source_line,
        {{ sql_string(input_file('growth_data').display) }} as missing_from
    from profiles
    where profiles.reject_reason is null
        and exists (select 1 from growth)
        and profiles.influencer_id not in (
            select growth.influencer_id from growth where growth.reject_reason is null and growth.influencer_id is not null
        )

),

unmatched as (

    select * from growth_without_profile
    union all
    select * from profile_without_growth

),

-- Where to look for the same id: the profiles for a growth record, the growth for a profile
-- (every record, rejected ones included).
other_side as (

    select influencer_id, 'growth' as looked_up_for, source_line, reject_reason from profiles
    union all
    select influencer_id, 'profile' as looked_up_for, source_line, reject_reason from growth

),

-- The closest record on the other side: the same id first (then it is rejected there), else one
-- differing only in letter case; the first by line. A join ranked per unmatched record (Spark does
-- not run a correlated subquery with ORDER BY ... LIMIT).
hint_candidates as (

    select
        unmatched.found_in,
        unmatched.source_line,
        case
            when other.influencer_id = unmatched.influencer_id
                then 'its record there (line ' || other.source_line || ') is rejected: ' || other.reject_reason
            else 'line ' || other.source_line || ' there has ' || other.influencer_id
                || ', which differs only in letter case (ids are compared exactly)'
        end as hint,
        row_number() over (
            partition by unmatched.found_in, unmatched.source_line
            order by case when other.influencer_id = unmatched.influencer_id then 0 else 1 end, other.source_line
        ) as hint_rank
    from unmatched
    inner join other_side as other
        on unmatched.found_in = other.looked_up_for
            and lower(unmatched.influencer_id) = lower(other.influencer_id)

),

explained as (

    select
        unmatched.*,
        hints.hint
    from unmatched
    left join hint_candidates as hints
        on unmatched.found_in = hints.found_in
            and unmatched.source_line = hints.source_line
            and hints.hint_rank = 1

),

final as (

    select
        influencer_id,
        found_in,
        source_file,
        source_line,
        missing_from,
        hint,
        case found_in
            when 'growth' then 'growth record of ' || influencer_id || ' has no profile in ' || missing_from
            else 'profile of ' || influencer_id || ' has no growth record in ' || missing_from
        end || coalesce(': ' || hint, '') as problem
    from explained

)

select * from final
