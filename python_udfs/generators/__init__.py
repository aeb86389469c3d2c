"""Deterministic synthetic data generators."""
