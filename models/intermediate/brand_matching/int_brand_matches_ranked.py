from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.dbt_glue.memo): unchanged embeddings, vetting and settings keep the previous ranks.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "vetted": dbt.ref("int_influencers_vetted"),
        "keyword_embeddings": dbt.ref("int_brand_keywords_embedded"),
        "keywords": dbt.ref("int_brand_keywords_cleaned"),
        "brands": dbt.ref("int_brands_embedded"),
        "influencers": dbt.ref("int_influencers_embedded"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.brand_matching.matches import rank_brand_candidates
        from python_udfs.core.arrow_tables import with_columns_of

        settings = settings_from_relation(inputs["settings"])
        vetted = inputs["vetted"].filter("is_vetted").project("influencer_id").fetchall()
        keywords = with_columns_of(
            inputs["keyword_embeddings"].to_arrow_table(),
            inputs["keywords"].to_arrow_table(),
            key="keyword_id",
            columns=["brand_id", "keyword_position"],
        )
        return rank_brand_candidates(
            brands=inputs["brands"].to_arrow_table(),
            keywords=keywords,
            influencers=inputs["influencers"].to_arrow_table(),
            pools={
                "all": (None, settings.top_k),
                "vetted": ([influencer_id for (influencer_id,) in vetted], settings.top_k),
                "shortlist": (None, settings.campaign_fit_shortlist),
            },
        )

    return memoised(dbt, session, inputs, compute)
