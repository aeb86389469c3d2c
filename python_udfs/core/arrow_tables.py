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
