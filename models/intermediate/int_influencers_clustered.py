from python_udfs.pipeline import cluster_influencers
from python_udfs.settings import settings_from_relation


def model(dbt, session):
    settings = settings_from_relation(dbt.ref("int_settings_resolved"))
    return cluster_influencers(
        dbt.ref("int_influencer_texts_embedded").to_arrow_table(),
        n_niches=settings.n_niches,
        kmeans_seed=settings.kmeans_seed,
        kmeans_n_init=settings.kmeans_n_init,
    )
