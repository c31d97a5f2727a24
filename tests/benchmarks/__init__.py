"""Benchmark scripts: run from the project root, e.g. `python tests/benchmarks/body.py --aeb DIR`."""
