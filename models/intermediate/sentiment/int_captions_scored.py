from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.dbt_glue.memo): unchanged captions and settings keep the previous scores.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "captions": dbt.ref("int_captions_unnested"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.sentiment.sentiment import score_captions

        settings = settings_from_relation(inputs["settings"])
        return score_captions(
            inputs["captions"].to_arrow_table(),
            language_min_letters=settings.language_min_letters,
            language_min_confidence=settings.language_min_confidence,
        )

    return memoised(dbt, session, inputs, compute)
