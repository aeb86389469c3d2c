"""Shared wiring for the dbt Python models (dbt objects in, Arrow out).

Kept apart from :mod:`python_udfs.core.embedded_texts`, which knows nothing about dbt.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from python_udfs.core.embedded_texts import embed_new_texts
from python_udfs.core.settings import Settings
from python_udfs.dbt_glue.import_order import import_torch_first
from python_udfs.spark.frames import is_spark, spark_frame


def incremental_embeddings(dbt: Any, session: Any, texts: Any, key: str, settings: Settings) -> pa.Table:
    """Rows to upsert into an incremental embeddings model keyed by ``key``.

    The model's yml sets ``materialized: incremental``, ``unique_key: <key>`` and a post-hook that
    deletes keys no longer present; the backend is the ``embedding_backend`` setting. ``texts`` is
    the ``dbt.ref`` of the cleaned texts: refs are written in the model file itself, where dbt reads
    a Python model's dependencies. On Spark (``texts`` a :class:`python_udfs.spark.frames.Frame`) it
    returns the model's whole table instead, as a DataFrame: python_udfs.spark.embeddings.
    """
    # Another dbt thread may be in scipy or scikit-learn: torch whole before this thread's encoder loads.
    import_torch_first()
    if is_spark(texts):
        # Spark: the whole table as an anti-join + pandas UDF (python_udfs.spark.embeddings).
        from python_udfs.spark.embeddings import embed_new_texts_spark

        previous = session.table(str(dbt.this)) if dbt.is_incremental else None
        return embed_new_texts_spark(spark_frame(texts), key, previous, settings.embedding_backend)
    texts = texts.to_arrow_table()
    already_embedded = None
    if dbt.is_incremental:
        already_embedded = session.sql(
            f"select {key}, text_hash, model_name, embedding_backend from {dbt.this}"
        ).to_arrow_table()
    return embed_new_texts(texts, key, already_embedded, embedding_backend=settings.embedding_backend)
