from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.dbt_glue.memo): unchanged profiles and settings keep the previous names.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "profiles": dbt.ref("int_tiktok_segments_profiled"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.tiktok.segments import NamingRules
        from python_udfs.tiktok.tables import name_tiktok_segments

        rules = NamingRules.from_settings(settings_from_relation(inputs["settings"]))
        return name_tiktok_segments(inputs["profiles"].to_arrow_table(), rules)

    return memoised(dbt, session, inputs, compute)
