from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.dbt_glue.memo): unchanged histories and settings keep the previous measures.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "histories": dbt.ref("stg_creators__follower_histories"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.fake_followers.trends import follower_trend_measures

        settings = settings_from_relation(inputs["settings"])
        return follower_trend_measures(inputs["histories"].to_arrow_table(), trend_step_days=settings.trend_step_days)

    return memoised(dbt, session, inputs, compute)
