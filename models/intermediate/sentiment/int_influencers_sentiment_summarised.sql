-- One row per valid influencer: the sentiment of their scored captions (mean VADER compound, share
-- positive / neutral / negative, the most negative caption), how many captions could be scored,
-- and the brand-safety rule (the one home of it: brand_safety_watchlist reads is_brand_safety_risk).
-- Influencers without any scored caption keep a row, with NULL sentiment and label 'not scored'.

with

influencers as (

    select * from {{ ref('stg_creators__profiles') }}

),

captions as (

    select * from {{ ref('int_captions_scored') }}

),

labelled as (

    select
        *,
        {{ sentiment_label('sentiment_compound') }} as sentiment_label
    from captions

),

language_ranked as (

    select
        influencer_id,
        language,
        row_number() over (partition by influencer_id order by count(*) desc, language) as language_rank
    from captions
    where language <> 'und'
    group by influencer_id, language

),

per_influencer as (

    select
        influencer_id,
        count(*) as caption_count,
        count(sentiment_compound) as scored_caption_count,
        count(*) filter (where language_status = 'not_english') as not_english_caption_count,
        count(*) filter (where language_status = 'no_words') as no_words_caption_count,
        avg(sentiment_compound) as mean_compound,
        count(*) filter (where sentiment_label = 'positive') as positive_caption_count,
        count(*) filter (where sentiment_label = 'neutral') as neutral_caption_count,
        count(*) filter (where sentiment_label = 'negative') as negative_caption_count,
        -- Lowest compound; ties go to the earlier caption.
        {{ value_at_min('caption', ['sentiment_compound', 'caption_index']) }} filter (where sentiment_compound is not null)
            as most_negative_caption,
        min(sentiment_compound) as most_negative_compound
    from labelled
    group by influencer_id

),

joined as (

    select
        influencers.influencer_id,
        coalesce(per_influencer.caption_count, 0) as caption_count,
        coalesce(per_influencer.scored_caption_count, 0) as scored_caption_count,
        coalesce(per_influencer.not_english_caption_count, 0) as not_english_caption_count,
        coalesce(per_influencer.no_words_caption_count, 0) as no_words_caption_count,
        per_influencer.mean_compound,
        per_influencer.positive_caption_count,
        per_influencer.neutral_caption_count,
        per_influencer.negative_caption_count,
        per_influencer.most_negative_caption,
        per_influencer.most_negative_compound,
        main_languages.language as main_language
    from influencers
    left join per_influencer using (influencer_id)
    left join language_ranked as main_languages
        on influencers.influencer_id = main_languages.influencer_id and main_languages.language_rank = 1

),

shares as (

    select
        influencer_id,
        caption_count,
        scored_caption_count,
        scored_caption_count / nullif(caption_count, 0) as scored_share,
        not_english_caption_count,
        no_words_caption_count,
        main_language,
        mean_compound,
        {{ sentiment_label('mean_compound') }} as sentiment_label,
        positive_caption_count / nullif(scored_caption_count, 0) as positive_share,
        neutral_caption_count / nullif(scored_caption_count, 0) as neutral_share,
        negative_caption_count / nullif(scored_caption_count, 0) as negative_share,
        coalesce(negative_caption_count, 0) as negative_caption_count,
        most_negative_caption,
        most_negative_compound
    from joined

),

final as (

    select
        *,
        coalesce(
            scored_caption_count >= {{ setting('brand_safety_min_scored_captions') }}
            and negative_share >= {{ setting('brand_safety_negative_share_min') }},
            false
        ) as is_brand_safety_risk
    from shares

)

select * from final
