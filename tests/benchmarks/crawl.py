"""Benchmarks crawl through the real CLI: re-export the tests' crawl runner."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tests.crawl import run_crawl, run_saved_crawl  # noqa: E402

__all__ = ["run_crawl", "run_saved_crawl"]
