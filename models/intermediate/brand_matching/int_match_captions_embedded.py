from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.models import incremental_embeddings


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Incremental: a caption already embedded for (text_hash, model, backend) is not embedded again.
    return incremental_embeddings(
        dbt,
        session,
        texts=dbt.ref("int_match_captions_cleaned"),
        key="caption_id",
        settings=settings_from_relation(dbt.ref("int_settings_resolved")),
    )
