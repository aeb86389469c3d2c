-- One row per setting: the value this warehouse was built with (so a reader can tell which
-- thresholds produced the marts; the report's titles read it).

with

settings as (

    select * from {{ ref('int_settings_resolved') }}

),

final as (

    select * from settings

)

select * from final
