"""Benchmark scripts, run from the project root: `python tests/benchmarks/body.py --aeb DIR`."""
