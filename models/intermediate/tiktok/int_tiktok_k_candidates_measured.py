from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.dbt_glue.memo): unchanged profiles and settings keep the previous curve.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "profiles": dbt.ref("stg_tiktok__profiles"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.tiktok.tables import tiktok_elbow

        settings = settings_from_relation(inputs["settings"])
        return tiktok_elbow(
            inputs["profiles"].to_arrow_table(),
            tiktok_k_min=settings.tiktok_k_min,
            tiktok_k_max=settings.tiktok_k_max,
            tiktok_segments_k=settings.tiktok_segments_k,
            kmeans_seed=settings.kmeans_seed,
            kmeans_n_init=settings.kmeans_n_init,
        )

    return memoised(dbt, session, inputs, compute)
