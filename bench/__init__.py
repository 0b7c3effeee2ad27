"""Benchmarks behind ``make bench``.

Results go to docs/benchmarks.md together with the machine they ran on.
"""
