"""Arrow helpers shared by the dbt Python models' functions: embeddings as ``FLOAT[384]``.

Inputs and outputs of the analysis functions are ``pyarrow.Table``; embeddings travel as
``FLOAT[384]`` (Arrow fixed-size lists), so analysts can call ``array_cosine_similarity`` on the
stored columns. The Arrow schema each function returns is declared beside it (``*_SCHEMA``) and
the result is built with it, so a model's column types do not depend on its input's types.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from python_udfs.core.embeddings import EMBEDDING_DIM

EMBEDDING = pa.list_(pa.float32(), EMBEDDING_DIM)  # FLOAT[384] in DuckDB


def embedding_matrix(table: pa.Table, column: str = "embedding") -> np.ndarray:
    """The FLOAT[384] column of ``table`` as a float32 (rows, 384) matrix, in table order."""
    if table.num_rows == 0:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    values = table.column(column).combine_chunks()
    if values.null_count:
        raise ValueError(f"{column} has {values.null_count} NULL vectors")
    flat = values.flatten().to_numpy(zero_copy_only=False)
    return np.asarray(flat, dtype=np.float32).reshape(table.num_rows, -1)


def embedding_array(vectors: np.ndarray) -> pa.FixedSizeListArray:
    """A (rows, 384) matrix as an Arrow FLOAT[384] array."""
    flat = pa.array(np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1))
    return pa.FixedSizeListArray.from_arrays(flat, EMBEDDING_DIM)


def sorted_by(table: pa.Table, key: str) -> pa.Table:
    """Row order must not depend on how DuckDB scanned the input: k-means++ seeding depends on it."""
    return table.sort_by([(key, "ascending")])


def with_columns_of(embedded: pa.Table, texts: pa.Table, key: str, columns: list[str]) -> pa.Table:
    """``embedded`` (key, embedding, ...) with ``columns`` of ``texts`` joined on ``key``, sorted by key.

    The incremental embedding models store only the key, the hash and the vector; what a row
    belongs to (a phrase's label, a keyword's brand) is in the cleaned-texts model.
    """
    # A dict lookup, not Table.join: Arrow's join does not carry FLOAT[384] columns.
    embedded = embedded.sort_by([(key, "ascending")])
    keys = embedded.column(key).to_pylist()
    position = {value: i for i, value in enumerate(texts.column(key).to_pylist())}
    keep = [k in position for k in keys]
    embedded = embedded.filter(pa.array(keep, pa.bool_()))
    rows = [position[k] for k, kept in zip(keys, keep) if kept]
    out = {key: embedded.column(key), "embedding": embedded.column("embedding")}
    for name in columns:
        out[name] = texts.column(name).take(pa.array(rows, pa.int64()))
    return pa.table(out)
