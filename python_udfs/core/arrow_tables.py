"""Arrow helpers shared by the dbt Python models' functions: embeddings as ``FLOAT[n]``.

Inputs and outputs of the analysis functions are ``pyarrow.Table``; embeddings travel as
``FLOAT[n]`` (Arrow fixed-size lists as wide as the model's vectors: 384 for the default
all-MiniLM-L6-v2, python_udfs.core.sentence_models), so analysts can call
``array_cosine_similarity`` on the stored columns. The Arrow schema each function returns is declared beside it (``*_SCHEMA``) and
the result is built with it, so a model's column types do not depend on its input's types.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa


def embedding_type(dimensions: int) -> pa.DataType:
    """FLOAT[dimensions] in DuckDB."""
    return pa.list_(pa.float32(), dimensions)


def embedding_matrix(table: pa.Table, column: str = "embedding") -> np.ndarray:
    """The FLOAT[n] column of ``table`` as a float32 (rows, n) matrix, in table order."""
    values = table.column(column).combine_chunks()
    if table.num_rows == 0:
        width = values.type.list_size if pa.types.is_fixed_size_list(values.type) else 0
        return np.zeros((0, width), dtype=np.float32)
    if values.null_count:
        raise ValueError(f"{column} has {values.null_count} NULL vectors")
    flat = values.flatten().to_numpy(zero_copy_only=False)
    return np.asarray(flat, dtype=np.float32).reshape(table.num_rows, -1)


def embedding_array(vectors: np.ndarray) -> pa.FixedSizeListArray:
    """A (rows, n) matrix as an Arrow FLOAT[n] array."""
    flat = pa.array(np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1))
    return pa.FixedSizeListArray.from_arrays(flat, vectors.shape[1])


def sorted_by(table: pa.Table, key: str) -> pa.Table:
    """Row order must not depend on how DuckDB scanned the input: k-means++ seeding depends on it."""
    return table.sort_by([(key, "ascending")])


def with_columns_of(embedded: pa.Table, texts: pa.Table, key: str, columns: list[str]) -> pa.Table:
    """``embedded`` (key, embedding, ...) with ``columns`` of ``texts`` joined on ``key``, sorted by key.

    The incremental embedding models store only the key, the hash and the vector; what a row
    belongs to (a phrase's label, a keyword's brand) is in the cleaned-texts model.
    """
    # A dict lookup, not Table.join: Arrow's join does not carry FLOAT[n] columns.
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
