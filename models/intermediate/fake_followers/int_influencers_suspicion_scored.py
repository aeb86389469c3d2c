from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Python, not SQL: the features (robust scale, spike shapes, purges, the longest even window)
    # are numpy over the whole (influencers x days) matrix, unit-tested as plain functions.
    # Memoised (python_udfs.dbt_glue.memo): unchanged inputs and settings keep the previous scores.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "creators": dbt.ref("int_influencers_benchmarked"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.fake_followers.suspicion import suspicion_table

        return suspicion_table(inputs["creators"].to_arrow_table(), settings_from_relation(inputs["settings"]))

    return memoised(dbt, session, inputs, compute)
