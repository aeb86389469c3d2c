"""torch fully imported before any Python model's work starts: the import race of issue 33.

dbt runs Python models in threads of one process. scipy (1.17) and scikit-learn ask
``array_api_compat`` whether an array is a torch tensor by reading ``sys.modules["torch"].Tensor``
without taking the import lock, so while one thread is importing torch (sentence-transformers does,
for an embedding model) another thread's ``scipy.stats`` or k-means call can find the module half
built: ``AttributeError: partially initialized module 'torch' has no attribute 'Tensor'``. That
failed about one fresh build in eight here (two threads: int_tiktok_k_candidates_measured beside an
embedding model); ``pytests/unit/test_import_order.py`` reproduces it in two threads every time.

The cause is the half-built module being visible, so the fix is that no thread runs project work
while it is: every Python model calls :func:`import_torch_first` before its work
(:func:`python_udfs.dbt_glue.memo.memoised` before ``compute``, the incremental embedding models
before they embed). ``import torch`` takes the module's import lock, so a thread that arrives
while another is importing torch waits until torch is whole, and one that arrives first imports it
(1.7 s, once per process). Importing every heavy library when the dbt-duckdb plugin loads would
close the race too, but costs 8.6 s (sentence-transformers 7.2 s) on every dbt command that opens a
connection, a no-change rebuild or a ``dbt test`` included, which never needs them.
"""

from __future__ import annotations


def import_torch_first() -> None:
    """Return once torch is fully imported in this process (waiting for another thread's import)."""
    import torch  # noqa: F401  (the import is the point: it blocks until torch is whole)
