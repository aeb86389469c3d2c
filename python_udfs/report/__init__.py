"""Self-contained HTML report pages (and SVG charts for dbt docs) from the built DuckDB file.

``python -m python_udfs.report --database influencer_analytics.duckdb --out site [--assets assets]``

* :mod:`.data` reads the marts (read-only connection) into DataFrames;
* :mod:`.charts` turns them into Altair charts (pure functions, testable via ``to_dict()``);
* :mod:`.html` writes pages with the vega-embed bundle inlined: no CDN, no server;
* :mod:`.site` puts it together. Output depends only on the database file (its mtime is the
  "as of" stamp), so the same database gives byte-identical pages.

May import: python_udfs.core (settings, warehouse) and this package; it reads the analyses' results
from the built marts, not through their modules.
"""

from python_udfs.report.site import build_site

__all__ = ["build_site"]
