from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.models import incremental_embeddings


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Incremental: only keywords without an embedding for (text_hash, model, backend) are embedded.
    return incremental_embeddings(
        dbt,
        session,
        texts=dbt.ref("int_brand_keywords_cleaned"),
        key="keyword_id",
        settings=settings_from_relation(dbt.ref("int_settings_resolved")),
    )
