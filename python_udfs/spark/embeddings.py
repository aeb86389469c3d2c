"""Embeddings on Spark: a pandas UDF, the encoder loaded once per Python worker, only new texts encoded.

The same encoder and bytes as the DuckDB path (python_udfs.core.embedded_texts.embed_new_texts): the encoders
give a text the same vector whatever else is in its batch (python_udfs.core.embeddings), so how Spark
splits the texts into partitions and Arrow batches cannot change a bit.

Incremental, as an anti-join: a text whose (key, text_hash, model_name, embedding_backend) is in
the model's current table keeps its stored vector; only the others go through the UDF. Offline
there is no Delta or Iceberg (their jars come from Maven), so no MERGE or DELETE on Spark here:
the model returns the whole table (kept + new rows) and dbt-spark's ``insert_overwrite`` strategy
on parquet replaces it (it writes the rows to <model>__dbt_tmp first, so the table is never read
while it is overwritten). Texts that left the input are simply not kept.
"""

# No `from __future__ import annotations`: pandas_udf reads the type hints of embed() to know it is
# an iterator-of-batches UDF, and string annotations of local names cannot be resolved.
from collections.abc import Iterator
from typing import Any

from python_udfs.core.embeddings import BACKENDS, get_encoder
from python_udfs.core.sentence_models import DEFAULT_MODEL, check_backend, sentence_model


def embedding_udf(embedding_backend: str, embedding_model: str = DEFAULT_MODEL) -> Any:
    """A scalar-iterator pandas UDF: cleaned_text -> array<float> (the model's width), one encoder per worker."""
    import pandas as pd
    from pyspark.sql.functions import pandas_udf
    from pyspark.sql.types import ArrayType, FloatType

    @pandas_udf(ArrayType(FloatType()))
    def embed(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        # get_encoder caches per process and Spark reuses its Python workers (spark.python.worker.reuse):
        # the model is loaded once per worker, not once per batch.
        encoder = get_encoder(embedding_backend, embedding_model)
        for texts in batches:
            vectors = encoder.encode(texts.tolist())
            yield pd.Series(list(vectors))

    return embed


def embed_new_texts_spark(
    texts: Any, key: str, already_embedded: Any, embedding_backend: str, embedding_model: str = DEFAULT_MODEL
) -> Any:
    """The model's whole table: stored rows whose text is unchanged, plus the new texts embedded.

    ``texts`` (a Spark DataFrame) has ``key``, ``cleaned_text``, ``text_hash``; ``already_embedded``
    is the model's current table (None on a first or full-refresh run).
    """
    from pyspark.sql import functions as F

    if embedding_backend not in BACKENDS:
        raise ValueError(f"unknown embedding_backend {embedding_backend!r}; valid backends: {', '.join(BACKENDS)}")
    check_backend(embedding_model, embedding_backend)
    columns = [key, "text_hash", "model_name", "embedding_backend", "embedding"]
    wanted = texts.select(key, "cleaned_text", "text_hash").withColumns(
        {
            "model_name": F.lit(sentence_model(embedding_model).embedding_name),
            "embedding_backend": F.lit(embedding_backend),
        }
    )
    match = [key, "text_hash", "model_name", "embedding_backend"]
    if already_embedded is None:
        kept, new = None, wanted
    else:
        kept = already_embedded.join(wanted.select(*match), match, "left_semi").select(*columns)
        new = wanted.join(kept.select(*match), match, "left_anti")
    embedded = new.withColumn("embedding", embedding_udf(embedding_backend, embedding_model)("cleaned_text")).select(
        *columns
    )
    return embedded if kept is None else kept.unionByName(embedded)
