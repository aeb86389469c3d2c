from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.dbt_glue.memo): unchanged shortlists, scores and settings keep the previous ranks.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "candidates": dbt.ref("int_brand_matches_ranked"),
        "scores": dbt.ref("int_influencers_scored"),
        "values": dbt.ref("int_influencers_valued"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.brand_matching.campaign import FitWeights
        from python_udfs.brand_matching.matches import rank_campaign_fit

        settings = settings_from_relation(inputs["settings"])
        shortlist = inputs["candidates"].filter("candidate_pool = 'shortlist'")
        return rank_campaign_fit(
            shortlist=shortlist.project("brand_id, influencer_id, match_z").to_arrow_table(),
            scores=inputs["scores"].project("influencer_id, fake_score, engagement_rate").to_arrow_table(),
            weights=FitWeights(
                relevance=settings.campaign_fit_weight_relevance,
                authenticity=settings.campaign_fit_weight_authenticity,
                engagement=settings.campaign_fit_weight_engagement,
                value=settings.campaign_fit_weight_value,
            ),
            match_excellent_z_above=settings.match_excellent_z_above,
            match_moderate_z_from=settings.match_moderate_z_from,
            fake_score_cap=settings.fake_score_cap,
            top_k=settings.top_k,
            values=inputs["values"].project("influencer_id, value_score").to_arrow_table(),
        )

    return memoised(dbt, session, inputs, compute)
