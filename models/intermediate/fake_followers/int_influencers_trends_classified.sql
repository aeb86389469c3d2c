-- One row per influencer with valid growth data: the trend measures (int_influencers_trends_measured)
-- and the trend class, by rules whose thresholds are vars. The one home of the trend rules: the
-- mart follower_trends, the analyses and the report read trend_class. First match wins:
--   unknown       a measure is undefined (0 followers on a day a percentage is taken from);
--   step-like     the trend_step_days best days hold at least trend_step_share_min of all positive
--                 daily gains and at least trend_step_min_pct % of the first day's followers;
--   declining     Theil-Sen slope at or below trend_declining_max_slope_pct %/day;
--   accelerating  second-half growth at least trend_change_min_pct points above the first half's
--                 and at least trend_change_ratio x it;
--   slowing       the same with the halves swapped;
--   steady        otherwise.

with

measures as (

    select * from {{ ref('int_influencers_trends_measured') }}

),

compared as (

    select
        *,
        second_half_growth_pct - first_half_growth_pct as growth_change_pct
    from measures

),

classified as (

    select
        *,
        case
            when slope_pct_per_day is null or first_half_growth_pct is null
                or second_half_growth_pct is null or top_gain_pct is null
                then 'unknown'
            when top_gain_share >= {{ setting('trend_step_share_min') }}
                and top_gain_pct >= {{ setting('trend_step_min_pct') }}
                then 'step-like'
            when slope_pct_per_day <= {{ setting('trend_declining_max_slope_pct') }}
                then 'declining'
            when growth_change_pct >= {{ setting('trend_change_min_pct') }}
                and second_half_growth_pct >= {{ setting('trend_change_ratio') }} * first_half_growth_pct
                then 'accelerating'
            when -growth_change_pct >= {{ setting('trend_change_min_pct') }}
                and first_half_growth_pct >= {{ setting('trend_change_ratio') }} * second_half_growth_pct
                then 'slowing'
            else 'steady'
        end as trend_class
    from compared

),

explained as (

    select
        *,
        case trend_class
            when 'unknown' then
                'Trend unknown: the history has a day with 0 followers that a percentage would divide by.'
            when 'step-like' then
                'The {{ setting("trend_step_days") }} best days brought '
                || {{ format_decimal('100 * top_gain_share', 0) }} || '% of all positive daily gains (step-like from '
                || {{ format_decimal('100 * ' ~ setting('trend_step_share_min'), 0) }} || '%), '
                || {{ format_decimal('top_gain_pct', 1) }} || '% of the first day''s followers (from '
                || {{ format_decimal(setting('trend_step_min_pct'), 1) }} || '%).'
            when 'declining' then
                'Losing ' || {{ format_decimal('-slope_pct_per_day', 2) }} || '% of followers a day (declining at '
                || {{ format_decimal('-1 * ' ~ setting('trend_declining_max_slope_pct'), 2) }} || '%/day or more).'
            else
                'Growth ' || {{ format_decimal('first_half_growth_pct', 1) }} || '% in the first half, '
                || {{ format_decimal('second_half_growth_pct', 1) }} || '% in the second: '
                || case trend_class
                    when 'accelerating'
                        then 'accelerating (at least {{ setting("trend_change_min_pct") }} points and {{ setting("trend_change_ratio") }}x more).'
                    when 'slowing' then 'slowing (at least {{ setting("trend_change_min_pct") }} points and {{ setting("trend_change_ratio") }}x less).'
                    else 'steady (the halves differ by less than {{ setting("trend_change_min_pct") }} points or {{ setting("trend_change_ratio") }}x).'
                end
        end as trend_reason
    from classified

),

final as (

    select
        influencer_id,
        trend_class,
        slope_followers_per_day,
        slope_pct_per_day,
        first_half_growth_pct,
        second_half_growth_pct,
        growth_change_pct,
        top_gain_share,
        top_gain_pct,
        trend_reason
    from explained

)

select * from final
