from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # 2-D PCA of the text embeddings joined with each influencer's niche and fake-follower score.
    # Memoised (python_udfs.dbt_glue.memo): unchanged inputs keep the previous map.
    inputs = {
        "embeddings": dbt.ref("int_influencers_embedded").project("influencer_id, embedding"),
        "niches": dbt.ref("niche_classification").project("influencer_id, name, niche_label, niche_keywords"),
        "scores": dbt.ref("fake_follower_scores").project("influencer_id, fake_score, risk_level"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.niches.niche_map import niche_map_points

        return niche_map_points(*(inputs[name].to_arrow_table() for name in ("embeddings", "niches", "scores")))

    return memoised(dbt, session, inputs, compute)
