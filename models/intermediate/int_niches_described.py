from python_udfs.niches import hashtag_table, with_columns_of
from python_udfs.pipeline import describe_niches
from python_udfs.settings import settings_from_relation


def model(dbt, session):
    settings = settings_from_relation(dbt.ref("int_settings_resolved"))
    phrases = with_columns_of(
        dbt.ref("int_niche_taxonomy_embedded").to_arrow_table(),
        dbt.ref("int_niche_taxonomy_texts_cleaned").to_arrow_table(),
        key="phrase_id",
        columns=["niche_label"],
    )
    return describe_niches(
        clusters=dbt.ref("int_influencers_clustered").to_arrow_table(),
        embeddings=dbt.ref("int_influencer_texts_embedded").to_arrow_table(),
        texts=dbt.ref("int_influencer_texts_cleaned").to_arrow_table(),
        taxonomy=phrases,
        niche_keyword_count=settings.niche_keyword_count,
        hashtags=hashtag_table(dbt.ref("stg_creators__profiles").to_arrow_table()),
        niche_keyword_min_creators=settings.niche_keyword_min_creators,
    )
