"""Input files named by a path: one file, a folder searched recursively, or a glob pattern.

Each real file comes out once and no folder is entered twice, whatever symlinks the tree holds:
a symlinked folder pointing at one of its parents (a loop) or at a folder already searched, and a
second name of a file already found, are skipped and reported. Python's `glob(recursive=True)`
follows a looping link until the path is too long (exponentially many paths with two loops:
gigabytes and minutes before the first match), so the pattern is matched here, one path
component at a time, during one safe walk that prunes folders the pattern cannot reach.

The walk is lazy (a crawl starts on the first file found) and now and then yields None while it
finds nothing, so a caller on an event loop can let other work (a shutdown) run.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

Skip = Callable[[str, Path], None]
"""Called with (reason, path) for each path left out: symlink_loop, duplicate_path, unreadable,
broken_link, not_a_file."""

SCAN_BATCH = 1000
"""Folder entries looked at between two yields of the walk."""

_ALL = frozenset({-1})
"""Walk state inside a folder that the pattern matched as a whole: every input file below."""
_MAGIC = re.compile(r"[*?[]")


def iter_inputs(spec: str, wanted: Callable[[Path], bool], skip: Skip) -> Iterator[Path | None]:
    """The input files named by `spec`, resolved, in sorted path order (None: still searching).

    A file named directly is an input whatever its name; inside folders and among glob matches
    only files for which `wanted` is true are (so sidecars beside the pages are not read).
    A glob follows Python's rules (`*` within one name, `**` any depth, no hidden names unless
    spelled out) and a folder it matches is searched whole.
    """
    path = Path(spec).expanduser()
    walk = _Walk(wanted, skip)
    if _MAGIC.search(str(path)):
        root, parts = _split_pattern(path)
        yield from walk.run(root, tuple(parts))
    elif path.is_dir():
        yield from walk.run(path, ())
    elif path.exists() or path.is_symlink():
        yield from walk.named_file(path)


def _split_pattern(pattern: Path) -> tuple[Path, list[str]]:
    """(the folder before the first wildcard, the pattern's components from there on)."""
    parts = list(pattern.parts)
    first = next(i for i, part in enumerate(parts) if _MAGIC.search(part))
    return Path(*parts[:first]) if first else Path("."), parts[first:]


@lru_cache(maxsize=256)
def _regex(part: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(part))


def _matches(part: str, name: str) -> bool:
    """One pattern component against one name, hidden names only when the pattern says so."""
    if not _MAGIC.search(part):
        return part == name
    if name.startswith(".") and not part.startswith("."):
        return False
    return _regex(part).match(name) is not None


class _Walk:
    """One search: what was visited, so nothing is read twice and no loop is followed."""

    def __init__(self, wanted: Callable[[Path], bool], skip: Skip) -> None:
        self.wanted = wanted
        self.skip = skip
        self.files: set[tuple[int, int]] = set()
        self.folders: set[tuple[int, int, frozenset[int]]] = set()

    def named_file(self, path: Path) -> Iterator[Path]:
        """A file given by name: read whatever its name, if it is a regular file."""
        found = self._file(path)
        if found is not None:
            yield found

    def _file(self, path: Path) -> Path | None:
        try:
            info = path.stat()
        except OSError:
            self.skip("broken_link" if path.is_symlink() else "unreadable", path)
            return None
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block the read forever
            self.skip("not_a_file", path)
            return None
        key = (info.st_dev, info.st_ino)
        if key in self.files:
            self.skip("duplicate_path", path)
            return None
        self.files.add(key)
        return path.resolve()

    def run(self, root: Path, parts: tuple[str, ...]) -> Iterator[Path | None]:
        """Depth-first from `root` with the pattern `parts` (() = the whole folder)."""
        start = self._step(parts, frozenset({0}), None)
        if not start:
            return
        ancestors: set[tuple[int, int]] = set()
        # (path, walk state, what): what is "folder", "file", or the key of a folder to leave
        stack: list[tuple[Path, frozenset[int], str | tuple[int, int]]] = [(root, start, "folder")]
        scanned = 0
        while stack:
            path, states, what = stack.pop()
            if isinstance(what, tuple):  # done with this folder: no longer an ancestor
                ancestors.discard(what)
            elif what == "file":
                found = self._file(path)
                if found is not None:
                    scanned = 0
                    yield found
            else:
                entered = self._enter(path, states, ancestors)
                if entered is None:
                    continue
                key, entries = entered
                stack.append((path, states, key))
                children = [c for c in (self._child(e, parts, states) for e in entries) if c]
                stack.extend(reversed(children))
                scanned += len(entries)
                if scanned >= SCAN_BATCH:
                    scanned = 0
                    yield None

    def _enter(self, path: Path, states: frozenset[int], ancestors: set[tuple[int, int]],
               ) -> tuple[tuple[int, int], list[os.DirEntry[str]]] | None:
        """(its key, its sorted entries) for a folder about to be searched; None when it must
        not be (a loop, searched already, unreadable)."""
        try:
            info = path.stat()
            key = (info.st_dev, info.st_ino)
            if key in ancestors:
                self.skip("symlink_loop", path)
                return None
            if (*key, states) in self.folders:
                self.skip("duplicate_path", path)
                return None
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            self.skip("unreadable", path)
            return None
        ancestors.add(key)
        self.folders.add((*key, states))
        return key, entries

    def _child(self, entry: os.DirEntry[str], parts: tuple[str, ...],
               states: frozenset[int]) -> tuple[Path, frozenset[int], str] | None:
        """What to do with one folder entry: (path, walk state, "folder" | "file") or None."""
        path = Path(entry.path)
        try:
            is_folder = entry.is_dir()  # follows symlinks: loops are caught on entering
        except OSError:
            is_folder = False
        if is_folder:
            inner = self._step(parts, states, entry.name)
            return (path, inner, "folder") if inner else None
        if states is _ALL or any(i == len(parts) - 1 and parts[i] != "**"
                                 and _matches(parts[i], entry.name) for i in states):
            return (path, states, "file") if self.wanted(path) else None
        return None

    @staticmethod
    def _step(parts: tuple[str, ...], states: frozenset[int],
              name: str | None) -> frozenset[int]:
        """The pattern positions reached inside folder `name` (None: the root itself) from
        `states`; _ALL once the whole pattern matched a folder; empty when nothing can match."""
        if states is _ALL or not parts:
            return _ALL
        reached: set[int] = set()
        for i in states:
            if name is None:
                reached.add(i)
            elif i < len(parts) and parts[i] == "**":
                if not name.startswith("."):
                    reached.add(i)
            elif i < len(parts) and _matches(parts[i], name):
                reached.add(i + 1)
        # `**` also matches no folder at all
        for i in sorted(reached):
            j = i
            while j < len(parts) and parts[j] == "**":
                j += 1
                reached.add(j)
        if len(parts) in reached:
            return _ALL
        return frozenset(reached)
