"""Tables that take a worker a noticeable part of its start-up to build from big libraries,
kept as JSON in the user's cache (`$XDG_CACHE_HOME` or `~/.cache`, folder `newscrawl/`)
between crawls.

A file's name must encode every input of its table (library versions, thresholds, the source
that builds it), so that a change makes a new file rather than a stale read. A cache that cannot
be read or written (read-only home, a torn file) is rebuilt or skipped, never an error.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any


def cache_path(name: str) -> Path:
    """Where the table `name` is kept."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "newscrawl" / name


def package_version(package: str) -> str:
    """An installed package's version, for a cache file's name ("unknown" if not installed)."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def load_or_build(path: Path, build: Callable[[], Any]) -> Any:
    """The JSON value kept at `path`, or `build()` (saved there atomically for the next
    process). An empty or unreadable file counts as missing."""
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached:
            return cached
    except (OSError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                         delete=False, suffix=".tmp") as out:
            try:
                json.dump(value, out)
            except OSError:
                Path(out.name).unlink(missing_ok=True)
                raise
        os.replace(out.name, path)
    except OSError:
        pass
    return value
