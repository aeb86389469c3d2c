from python_udfs.pipeline import tiktok_elbow
from python_udfs.settings import settings_from_relation


def model(dbt, session):
    settings = settings_from_relation(dbt.ref("int_settings_resolved"))
    return tiktok_elbow(
        dbt.ref("stg_tiktok__profiles").to_arrow_table(),
        tiktok_k_min=settings.tiktok_k_min,
        tiktok_k_max=settings.tiktok_k_max,
        tiktok_segments_k=settings.tiktok_segments_k,
        kmeans_seed=settings.kmeans_seed,
        kmeans_n_init=settings.kmeans_n_init,
    )
