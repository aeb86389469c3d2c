from python_udfs.brand_matching import rank_brand_candidates
from python_udfs.niches import with_columns_of
from python_udfs.settings import settings_from_relation


def model(dbt, session):
    settings = settings_from_relation(dbt.ref("int_settings_resolved"))
    vetted = dbt.ref("int_influencers_vetted").filter("is_vetted").project("influencer_id").fetchall()
    keywords = with_columns_of(
        dbt.ref("int_brand_keywords_embedded").to_arrow_table(),
        dbt.ref("int_brand_keywords_cleaned").to_arrow_table(),
        key="keyword_id",
        columns=["brand_id", "keyword_position"],
    )
    return rank_brand_candidates(
        brands=dbt.ref("int_brand_texts_embedded").to_arrow_table(),
        keywords=keywords,
        influencers=dbt.ref("int_influencer_texts_embedded").to_arrow_table(),
        pools={
            "all": (None, settings.top_k),
            "vetted": ([influencer_id for (influencer_id,) in vetted], settings.top_k),
            "shortlist": (None, settings.campaign_fit_shortlist),
        },
    )
