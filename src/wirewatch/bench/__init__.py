"""Benchmarks: each prints ratios and rates measured in one run, never a fixed wall-clock bar."""
