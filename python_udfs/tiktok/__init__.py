"""TikTok creator segmentation: the feature matrix (features), k-means segments and the elbow
curve as Arrow tables (tables) and the segments' marketer-facing names (segments).

May import: python_udfs.core and this package; no other analysis package.
"""
