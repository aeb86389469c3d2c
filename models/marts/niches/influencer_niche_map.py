from python_udfs.niche_map import niche_map_points


def model(dbt, session):
    # 2-D PCA of the text embeddings joined with each influencer's niche and fake-follower score.
    return niche_map_points(
        dbt.ref("int_influencer_texts_embedded").project("influencer_id, embedding").to_arrow_table(),
        dbt.ref("niche_classification").project("influencer_id, name, niche_label, niche_keywords").to_arrow_table(),
        dbt.ref("fake_follower_scores").project("influencer_id, fake_score, risk_level").to_arrow_table(),
    )
