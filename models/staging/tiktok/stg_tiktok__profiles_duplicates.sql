with

ranked as (

    select * from {{ ref('base_tiktok__profiles_ranked') }}

),

final as (

    select
        source_file,
        source_line,
        account_id,
        scraped_at,
        snapshot_rank,
        snapshots_of_account,
        raw_text
    from ranked
    where snapshot_rank > 1

)

select * from final
