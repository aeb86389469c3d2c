from python_udfs.memo import memoised
from python_udfs.settings import settings_from_relation


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.memo): unchanged profiles and settings keep the previous names.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "profiles": dbt.ref("int_tiktok_segments_profiled"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.pipeline import name_tiktok_segments
        from python_udfs.tiktok import NamingRules

        rules = NamingRules.from_settings(settings_from_relation(inputs["settings"]))
        return name_tiktok_segments(inputs["profiles"].to_arrow_table(), rules)

    return memoised(dbt, session, inputs, compute)
