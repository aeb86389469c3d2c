from python_udfs.brand_matching import match_evidence
from python_udfs.niches import with_columns_of


def model(dbt, session):
    candidates = dbt.ref("int_brand_candidates_ranked").filter("candidate_pool in ('all', 'vetted')")
    campaign_fit = dbt.ref("int_brand_campaign_fit_ranked")
    pairs = candidates.project("brand_id, influencer_id").union(campaign_fit.project("brand_id, influencer_id"))
    keywords = with_columns_of(
        dbt.ref("int_brand_keywords_embedded").to_arrow_table(),
        dbt.ref("int_brand_keywords_cleaned").to_arrow_table(),
        key="keyword_id",
        columns=["brand_id", "keyword_position", "keyword"],
    )
    captions = with_columns_of(
        dbt.ref("int_match_captions_embedded").to_arrow_table(),
        dbt.ref("int_match_captions_cleaned").to_arrow_table(),
        key="caption_id",
        columns=["influencer_id", "caption_position", "caption"],
    )
    return match_evidence(
        matches=pairs.to_arrow_table(),
        brands=dbt.ref("int_brand_texts_embedded").to_arrow_table(),
        keywords=keywords,
        captions=captions,
        texts=dbt.ref("int_influencer_texts_cleaned").to_arrow_table(),
    )
