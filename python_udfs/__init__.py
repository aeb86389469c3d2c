"""The Python behind the influencer analytics dbt project, one sub-package per analysis.

* ``core``: text cleaning, embeddings, settings, matching, calibration, k-means, Arrow helpers;
* the analyses, each standing on ``core`` alone (none imports another): ``niches``,
  ``fake_followers`` (fake-follower detector, follower trends), ``brand_matching``, ``sentiment``
  (sentiment), ``tiktok``;
* ``spark``: the Spark target (adapter, UDFs, embeddings, parity); ``dbt_glue``: memoised models,
  the incremental embedding wiring, the DuckDB plugin, build state and the CSV export;
* apart: ``report`` (HTML pages from the built marts), ``generators`` (synthetic data) and
  ``evaluation`` (``make eval``).

The dbt Python models in models/ import the analysis functions they call. Which package may
import which is checked by pytests/unit/test_package_layout.py.
"""
