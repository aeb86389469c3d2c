from python_udfs.pipeline import rank_brand_candidates


def model(dbt, session):
    scores = dbt.ref("fake_follower_scores")
    # Vetted pool: influencers with a fake-follower score whose risk is not high.
    vetted_ids = [row[0] for row in scores.filter("risk_level <> 'high'").project("influencer_id").fetchall()]
    return rank_brand_candidates(
        brands=dbt.ref("brand_embeddings").to_arrow_table(),
        influencers=dbt.ref("influencer_embeddings").to_arrow_table(),
        pools={"all": None, "vetted": vetted_ids},
        k=int(dbt.config.get("top_k")),
    )
