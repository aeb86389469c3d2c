"""Brand matching: each brand's best creators on centred embeddings (matches), why they match
(evidence) and the shortlist re-ranked by campaign fit (campaign).

May import: python_udfs.core and this package; no other analysis package.
"""
