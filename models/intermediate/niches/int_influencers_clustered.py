from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.dbt_glue.memo): unchanged embeddings and settings keep the previous clusters.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "embeddings": dbt.ref("int_influencers_embedded"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.niches.clusters import cluster_influencers

        settings = settings_from_relation(inputs["settings"])
        return cluster_influencers(
            inputs["embeddings"].to_arrow_table(),
            n_niches=settings.n_niches,
            kmeans_seed=settings.kmeans_seed,
            kmeans_n_init=settings.kmeans_n_init,
        )

    return memoised(dbt, session, inputs, compute)
