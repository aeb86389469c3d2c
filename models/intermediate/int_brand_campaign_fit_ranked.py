from python_udfs.brand_matching import rank_campaign_fit
from python_udfs.campaign import FitWeights
from python_udfs.settings import settings_from_relation


def model(dbt, session):
    settings = settings_from_relation(dbt.ref("int_settings_resolved"))
    shortlist = dbt.ref("int_brand_candidates_ranked").filter("candidate_pool = 'shortlist'")
    scores = dbt.ref("int_influencers_scored").project("influencer_id, fake_score, engagement_rate")
    values = dbt.ref("int_influencers_valued").project("influencer_id, value_score")
    return rank_campaign_fit(
        shortlist=shortlist.project("brand_id, influencer_id, match_z").to_arrow_table(),
        scores=scores.to_arrow_table(),
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
        values=values.to_arrow_table(),
    )
