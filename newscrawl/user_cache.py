"""Tables and models that take a worker a noticeable part of its start-up to build from big
libraries, kept in the user's cache (`$XDG_CACHE_HOME` or `~/.cache`, folder `newscrawl/`)
between crawls: JSON for tables, numpy's compressed `.npz` for arrays.

A file's name must encode every input of its content (library versions, thresholds, the source
that builds it), so that a change makes a new file rather than a stale read. A cache that cannot
be read or written (read-only home, a torn file) is rebuilt or skipped, never an error.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any

import numpy as np


def cache_path(name: str) -> Path:
    """Where the cached file `name` is kept."""
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
    _save(path, lambda out: out.write(json.dumps(value).encode("utf-8")))
    return value


def load_or_build_arrays(path: Path,
                         build: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The named arrays kept at `path`, or `build()` (saved there atomically for the next
    process). An empty, torn or unreadable file counts as missing."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        if arrays:
            return arrays
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        pass
    arrays = build()
    _save(path, lambda out: np.savez_compressed(out, **arrays))
    return arrays


def _save(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write `path` through a temporary file renamed over it (a reader never sees half a
    file); a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False,
                                         suffix=".tmp") as out:
            try:
                write(out)
            except OSError:
                Path(out.name).unlink(missing_ok=True)
                raise
        os.replace(out.name, path)
    except OSError:
        pass
