"""Follower histories: the companion fake-follower detector (suspicion, its features and reason
texts) and the follower-trend measures (trends).

May import: python_udfs.core and this package; no other analysis package.
"""
