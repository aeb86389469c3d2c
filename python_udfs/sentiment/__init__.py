"""Caption analysis: each caption's language and VADER sentiment (sentiment).

May import: python_udfs.core and this package; no other analysis package.
"""
