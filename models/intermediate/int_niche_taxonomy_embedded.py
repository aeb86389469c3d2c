from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.models import incremental_embeddings


def model(dbt, session):
    # Incremental: editing one taxonomy description re-embeds the phrases that changed only.
    embedded = incremental_embeddings(
        dbt,
        session,
        texts=dbt.ref("int_niche_taxonomy_texts_cleaned"),
        key="phrase_id",
        settings=settings_from_relation(dbt.ref("int_settings_resolved")),
    )
    return embedded
