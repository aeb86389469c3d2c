-- One row per caption of a valid influencer: its detected language, whether it was scored, the
-- VADER sentiment scores and the label (rules in python_udfs/sentiment/sentiment.py and macros/rules/sentiment.sql).

with

captions as (

    select * from {{ ref('int_captions_scored') }}

),

final as (

    select
        influencer_id,
        caption_index,
        caption,
        language,
        language_confidence,
        language_status,
        sentiment_compound is not null as is_scored,
        sentiment_compound,
        sentiment_positive,
        sentiment_neutral,
        sentiment_negative,
        {{ sentiment_label('sentiment_compound') }} as sentiment_label
    from captions

)

select * from final
