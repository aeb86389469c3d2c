"""Deterministic synthetic data generators: creators, brands and follower histories (influencers,
growth, vocabulary), bought-follower patterns (purchases) and TikTok profile exports
(tiktok_profiles), for tests, the benchmark and `make eval`.

May import: this package only (no analysis, so generated data does not depend on how it is analysed).
"""
