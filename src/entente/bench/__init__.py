"""Benchmarks and the reproducible corpus generator they run on."""
