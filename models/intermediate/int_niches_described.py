from python_udfs.pipeline import describe_niches
from python_udfs.settings import settings_from_relation


def model(dbt, session):
    settings = settings_from_relation(dbt.ref("int_settings_resolved"))
    return describe_niches(
        clusters=dbt.ref("int_influencers_clustered").to_arrow_table(),
        embeddings=dbt.ref("int_influencer_texts_embedded").to_arrow_table(),
        texts=dbt.ref("int_influencer_texts_cleaned").to_arrow_table(),
        taxonomy=dbt.ref("int_niche_taxonomy_embedded").to_arrow_table(),
        niche_keyword_count=settings.niche_keyword_count,
    )
