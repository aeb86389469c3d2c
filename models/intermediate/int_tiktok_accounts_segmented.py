from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # Memoised (python_udfs.memo): unchanged profiles, chosen k and settings keep the previous segments.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "elbow": dbt.ref("int_tiktok_wcss_by_k"),
        "profiles": dbt.ref("stg_tiktok__profiles"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.tiktok.tables import segment_tiktok_accounts

        settings = settings_from_relation(inputs["settings"])
        ((chosen_k,),) = inputs["elbow"].filter("is_chosen").project("k").fetchall()
        return segment_tiktok_accounts(
            inputs["profiles"].to_arrow_table(),
            k=chosen_k,
            kmeans_seed=settings.kmeans_seed,
            kmeans_n_init=settings.kmeans_n_init,
        )

    return memoised(dbt, session, inputs, compute)
