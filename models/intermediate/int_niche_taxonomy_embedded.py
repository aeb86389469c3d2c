from python_udfs.dbt_models import incremental_embeddings


def model(dbt, session):
    # Incremental: editing one taxonomy description re-embeds that niche only.
    return incremental_embeddings(
        dbt,
        session,
        "int_niche_taxonomy_texts_cleaned",
        "niche_label",
        backend=dbt.config.get("embedding_backend"),
    )
