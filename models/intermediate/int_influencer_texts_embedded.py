from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.models import incremental_embeddings


def model(dbt, session):
    # Incremental: only texts without an embedding for (text_hash, model, backend) are embedded.
    return incremental_embeddings(
        dbt,
        session,
        texts=dbt.ref("int_influencer_texts_cleaned"),
        key="influencer_id",
        settings=settings_from_relation(dbt.ref("int_settings_resolved")),
    )
