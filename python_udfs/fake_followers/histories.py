"""The follower histories as one matrix, for the fake-follower detector and the trend measures."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def history_matrix(lists: pa.ChunkedArray | pa.Array, dtype: type = np.int64) -> np.ndarray:
    """(n, days) ``dtype`` matrix from a list column whose lists all have the same length.

    Staging rejects histories that are not history_days long, so the lengths agree; a missing or
    shorter history is an error here rather than a silently misaligned matrix.
    """
    array = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
    lengths = pc.list_value_length(array).to_numpy(zero_copy_only=False)
    if len(array) and (array.null_count or lengths.min() != lengths.max()):
        raise ValueError("every follower_history must be a list of the same number of days (staging checks this)")
    days = int(lengths[0]) if len(array) else 0
    return np.asarray(pc.list_flatten(array).to_numpy(zero_copy_only=False), dtype=dtype).reshape(len(array), days)
