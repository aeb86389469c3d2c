from python_udfs.dbt_models import incremental_embeddings


def model(dbt, session):
    # Incremental: only texts without an embedding for (text_hash, model, backend) are embedded.
    return incremental_embeddings(
        dbt,
        session,
        "int_influencer_texts_cleaned",
        "influencer_id",
        backend=dbt.config.get("embedding_backend"),
    )
