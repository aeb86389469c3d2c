from python_udfs.niches import label_influencers, with_columns_of
from python_udfs.settings import settings_from_relation


def model(dbt, session):
    settings = settings_from_relation(dbt.ref("int_settings_resolved"))
    phrases = with_columns_of(
        dbt.ref("int_niche_taxonomy_embedded").to_arrow_table(),
        dbt.ref("int_niche_taxonomy_texts_cleaned").to_arrow_table(),
        key="phrase_id",
        columns=["niche_label"],
    )
    return label_influencers(
        embeddings=dbt.ref("int_influencer_texts_embedded").to_arrow_table(),
        texts=dbt.ref("int_influencer_texts_cleaned").to_arrow_table(),
        phrases=phrases,
        niche_label_min_confidence=settings.niche_label_min_confidence,
    )
