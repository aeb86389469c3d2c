"""`make eval`: measurements against labelled data, each through a real dbt build in a throwaway
database: niche labels and brand matches (labels_and_matches), both fake-follower detectors on
generated purchases (fake_followers).

May import: python_udfs.core, python_udfs.generators and this package; it reads the analyses'
results from the built tables, not through their modules.
"""
