"""Benchmarks: performance is measured here, never in timed tests."""
