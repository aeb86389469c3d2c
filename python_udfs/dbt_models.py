"""Shared wiring for dbt Python models that differ only in what they read (dbt objects in, Arrow out).

Kept apart from :mod:`python_udfs.pipeline`, which knows nothing about dbt.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from python_udfs.pipeline import embed_new_texts


def incremental_embeddings(dbt: Any, session: Any, texts_model: str, key: str, backend: str) -> pa.Table:
    """Rows to upsert into an incremental embeddings model keyed by ``key``.

    The model's yml sets ``materialized: incremental``, ``unique_key: <key>``, the
    ``embedding_backend`` config (from the var) and a post-hook that deletes keys no longer present.
    ``backend`` must be read in the model file itself (``dbt.config.get("embedding_backend")``):
    dbt only passes the config keys it sees requested there.
    """
    texts = dbt.ref(texts_model).to_arrow_table()
    already_embedded = None
    if dbt.is_incremental:
        already_embedded = session.sql(
            f"select {key}, text_hash, model_name, embedding_backend from {dbt.this}"
        ).to_arrow_table()
    return embed_new_texts(texts, key, already_embedded, backend=backend)
