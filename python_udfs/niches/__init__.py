"""Niche classification: each creator's label from the editable taxonomy (labels, labelling,
label_keywords), the k-means niches and their names and keywords (clusters, keywords), and the
2-D niche map (niche_map).

May import: python_udfs.core and this package; no other analysis package.
"""
