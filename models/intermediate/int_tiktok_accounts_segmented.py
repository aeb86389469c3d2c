from python_udfs.pipeline import segment_tiktok_accounts
from python_udfs.settings import settings_from_relation


def model(dbt, session):
    settings = settings_from_relation(dbt.ref("int_settings_resolved"))
    ((chosen_k,),) = dbt.ref("int_tiktok_wcss_by_k").filter("is_chosen").project("k").fetchall()
    return segment_tiktok_accounts(
        dbt.ref("stg_tiktok__profiles").to_arrow_table(),
        k=chosen_k,
        kmeans_seed=settings.kmeans_seed,
        kmeans_n_init=settings.kmeans_n_init,
    )
