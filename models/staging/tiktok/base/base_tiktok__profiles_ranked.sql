-- The valid TikTok rows with each account's snapshots ranked newest first (rank 1 is kept).

with

checked as (

    select * from {{ ref('base_tiktok__profiles') }}

),

final as (

    select
        *,
        row_number() over (
            partition by account_id
            -- Latest scrape wins; on equal timestamps the later line of the file.
            order by scraped_at desc nulls last, source_line desc
        ) as snapshot_rank,
        count(*) over (partition by account_id) as snapshots_of_account
    from checked
    where reject_reason is null

)

select * from final
