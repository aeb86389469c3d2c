from python_udfs.pipeline import rank_brand_candidates
from python_udfs.settings import settings_from_relation


def model(dbt, session):
    settings = settings_from_relation(dbt.ref("int_settings_resolved"))
    vetted = dbt.ref("int_influencers_vetted").filter("is_vetted").project("influencer_id").fetchall()
    return rank_brand_candidates(
        brands=dbt.ref("int_brand_texts_embedded").to_arrow_table(),
        influencers=dbt.ref("int_influencer_texts_embedded").to_arrow_table(),
        pools={"all": None, "vetted": [influencer_id for (influencer_id,) in vetted]},
        top_k=settings.top_k,
        similarity_score_decimals=settings.similarity_score_decimals,
    )
