from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.dbt_glue.memo): unchanged matches, captions and texts keep the previous evidence.
    inputs = {
        "candidates": dbt.ref("int_brand_matches_ranked"),
        "campaign_fit": dbt.ref("int_brand_campaign_fit_ranked"),
        "keyword_embeddings": dbt.ref("int_brand_keywords_embedded"),
        "keywords": dbt.ref("int_brand_keywords_cleaned"),
        "caption_embeddings": dbt.ref("int_match_captions_embedded"),
        "captions": dbt.ref("int_match_captions_cleaned"),
        "brands": dbt.ref("int_brands_embedded"),
        "texts": dbt.ref("int_influencers_cleaned"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.brand_matching.matches import match_evidence
        from python_udfs.core.arrow_tables import with_columns_of

        candidates = inputs["candidates"].filter("candidate_pool in ('all', 'vetted')")
        pairs = candidates.project("brand_id, influencer_id").union(
            inputs["campaign_fit"].project("brand_id, influencer_id")
        )
        keywords = with_columns_of(
            inputs["keyword_embeddings"].to_arrow_table(),
            inputs["keywords"].to_arrow_table(),
            key="keyword_id",
            columns=["brand_id", "keyword_position", "keyword"],
        )
        captions = with_columns_of(
            inputs["caption_embeddings"].to_arrow_table(),
            inputs["captions"].to_arrow_table(),
            key="caption_id",
            columns=["influencer_id", "caption_position", "caption"],
        )
        return match_evidence(
            matches=pairs.to_arrow_table(),
            brands=inputs["brands"].to_arrow_table(),
            keywords=keywords,
            captions=captions,
            texts=inputs["texts"].to_arrow_table(),
        )

    return memoised(dbt, session, inputs, compute)
