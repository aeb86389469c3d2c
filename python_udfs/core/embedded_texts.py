"""The incremental embedding models' work: embed only the texts that have no vector yet.

The dbt wiring (refs, the existing table) is :func:`python_udfs.dbt_glue.models.incremental_embeddings`;
this module knows nothing about dbt.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from python_udfs.core.arrow_tables import embedding_array, embedding_type, sorted_by
from python_udfs.core.embeddings import BACKENDS, get_encoder
from python_udfs.core.sentence_models import DEFAULT_MODEL, check_backend, sentence_model


def embedded_texts_schema(key: str, embedding_model: str = DEFAULT_MODEL) -> pa.Schema:
    """What :func:`embed_new_texts` returns for ``key`` (influencer_id, brand_id, niche_label, ...):
    the key, text_hash, model_name, embedding_backend and the FLOAT[n] vector of the model's width."""
    return pa.schema(
        [
            pa.field(key, pa.string()),
            pa.field("text_hash", pa.string()),
            pa.field("model_name", pa.string()),
            pa.field("embedding_backend", pa.string()),
            pa.field("embedding", embedding_type(sentence_model(embedding_model).dimensions)),
        ]
    )


def embed_new_texts(
    texts: pa.Table,
    key: str,
    already_embedded: pa.Table | None,
    embedding_backend: str,
    embedding_model: str = DEFAULT_MODEL,
) -> pa.Table:
    """Embed the texts that have no embedding yet for this text hash, model and backend.

    ``texts`` has ``key``, ``cleaned_text``, ``text_hash``; ``already_embedded`` (the current
    incremental table, None on a first or full-refresh run) has ``key``, ``text_hash``,
    ``model_name``, ``embedding_backend``. Returns the rows to upsert: an unchanged text is never
    embedded twice, a changed text or a backend switch re-embeds that row only; another model
    re-embeds every row (its vectors have another width: the caller empties the table first).
    """
    if embedding_backend not in BACKENDS:
        raise ValueError(f"unknown embedding_backend {embedding_backend!r}; valid backends: {', '.join(BACKENDS)}")
    check_backend(embedding_model, embedding_backend)
    model = sentence_model(embedding_model)
    texts = sorted_by(texts, key)
    if already_embedded is not None and already_embedded.num_rows:
        done = set(
            zip(
                already_embedded.column(key).to_pylist(),
                already_embedded.column("text_hash").to_pylist(),
                already_embedded.column("model_name").to_pylist(),
                already_embedded.column("embedding_backend").to_pylist(),
            )
        )
        wanted = [
            (item_key, text_hash, model.embedding_name, embedding_backend) not in done
            for item_key, text_hash in zip(texts.column(key).to_pylist(), texts.column("text_hash").to_pylist())
        ]
        texts = texts.filter(pa.array(wanted, type=pa.bool_()))
    # Load the model only when there is something to embed: a no-change rebuild stays fast.
    vectors = (
        get_encoder(embedding_backend, embedding_model).encode(texts.column("cleaned_text").to_pylist())
        if texts.num_rows
        else np.zeros((0, model.dimensions), dtype=np.float32)
    )
    return pa.table(
        {
            key: texts.column(key),
            "text_hash": texts.column("text_hash"),
            "model_name": pa.array([model.embedding_name] * texts.num_rows, pa.string()),
            "embedding_backend": pa.array([embedding_backend] * texts.num_rows, pa.string()),
            "embedding": embedding_array(vectors),
        },
        schema=embedded_texts_schema(key, embedding_model),
    )
