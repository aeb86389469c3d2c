from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.dbt_glue.memo): unchanged profiles, chosen k and settings keep the previous segments.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "elbow": dbt.ref("int_tiktok_k_candidates_measured"),
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
