-- The elbow curve must fall as k grows (more centres never fit worse); a row here is a k whose
-- WCSS is above the previous k's (a relative tolerance of 1e-9 absorbs float noise).

with

elbow as (

    select * from {{ ref('tiktok_elbow') }}

),

compared as (

    select
        k,
        wcss,
        lag(wcss) over (order by k) as previous_wcss
    from elbow

),

final as (

    select * from compared
    where wcss > previous_wcss * (1 + 1e-9)

)

select * from final
