"""Shared wiring for the dbt Python models (dbt objects in, Arrow out).

Kept apart from :mod:`python_udfs.core.embedded_texts`, which knows nothing about dbt.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from python_udfs.core.embedded_texts import embed_new_texts
from python_udfs.core.sentence_models import sentence_model
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
        return embed_new_texts_spark(
            spark_frame(texts), key, previous, settings.embedding_backend, settings.embedding_model
        )
    texts = texts.to_arrow_table()
    already_embedded = None
    if dbt.is_incremental:
        keep_only_vectors_of(session, str(dbt.this), settings.embedding_model)
        already_embedded = session.sql(
            f"select {key}, text_hash, model_name, embedding_backend from {dbt.this}"
        ).to_arrow_table()
    return embed_new_texts(texts, key, already_embedded, settings.embedding_backend, settings.embedding_model)


def keep_only_vectors_of(session: Any, table: str, embedding_model: str) -> None:
    """Before an incremental run: when the table's ``embedding`` column has another model's width,
    empty the table and give the column this model's width, so the new rows fit (``FLOAT[384]``
    cannot take a 768-d mpnet vector). dbt then inserts every row, re-embedded, as a first run would.
    Same width, other model: the stored ``model_name`` differs, so every row is re-embedded anyway.

    DuckDB only (the Spark models rewrite their whole table). The column types come from the
    table itself, so nothing here knows a width but :mod:`python_udfs.core.sentence_models`.
    """
    width = sentence_model(embedding_model).dimensions
    ((declared,),) = session.sql(
        f"select column_type from (describe {table}) where column_name = 'embedding'"
    ).fetchall()
    if declared != f"FLOAT[{width}]":
        session.execute(f"delete from {table}")
        # Emptied, so no vector is cast (DuckDB refuses FLOAT[384] -> FLOAT[768] even for none).
        session.execute(f"alter table {table} alter embedding type float[{width}] using null")
