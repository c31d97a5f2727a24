"""The worker process: `python -m newscrawl.workers.worker FD PARENT_PID`, started by the pool.

A plain interpreter running this module, not a `multiprocessing` child: multiprocessing's spawn
re-runs the parent's main script in every child, and under the `scrapy` console script that imports
Scrapy, Twisted and their TLS stack into every worker (about 55 MB and half a second each, for
nothing). Here the worker imports only what its tasks need.

Protocol on the socket FD (multiprocessing `Connection` framing): the pool sends `(init,
init_arg)`, the worker answers ("ready", None) or ("failed", traceback); then each `(fn, args)`
is answered ("done", result) or ("error", traceback); `None` means stop.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection

TRIM_ABOVE = 32 * 1024 * 1024
"""Bytes a worker may grow since its last trim (or since it was ready) before freed memory
is given back."""


def _die_with_parent(parent: int) -> None:
    """Linux: be killed when the crawl's process dies, however it dies (even SIGKILL)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _resident_bytes() -> int:
    """This process's resident set (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class _MemoryTrimmer:
    """Hands memory freed after a big page back to the system.

    glibc keeps what a big page's trees and spaCy arrays freed; without this, every worker stays
    at the size of the largest page it has met, and the crawl's memory is the sum of those peaks.
    Trimming costs up to 10 ms, so it only runs once the worker has grown by `TRIM_ABOVE` since
    the last trim. Does nothing where the C library is not glibc.
    """

    def __init__(self) -> None:
        try:
            self._trim: Callable[[int], int] | None = ctypes.CDLL(None).malloc_trim
        except (OSError, AttributeError):
            self._trim = None
            return
        self._trim(0)
        self._floor = _resident_bytes()

    def __call__(self) -> None:
        if self._trim is None or _resident_bytes() <= self._floor + TRIM_ABOVE:
            return
        self._trim(0)
        # what stays is the worker's real size now (vocabulary, caches): the next trim waits
        # for that to grow again, so a grown worker does not trim after every page
        self._floor = max(self._floor, _resident_bytes())


def serve(conn: Connection, parent: int) -> None:
    """Set up once, then run one task at a time until told to stop or the socket closes."""
    # Ctrl-C reaches the whole process group; the crawl's graceful stop still needs the pages
    # in flight, and the pool kills what is left after its grace period.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent(parent)
    try:
        init, init_arg = conn.recv()
        init(init_arg)
    except EOFError:
        return
    except Exception:
        conn.send(("failed", traceback.format_exc()))
        return
    trim = _MemoryTrimmer()
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            os._exit(0)  # nothing to flush; tearing down spaCy's objects only costs time
        fn, args = message
        try:
            reply = ("done", fn(*args))
        except Exception:
            reply = ("error", traceback.format_exc())
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
        except Exception:  # the result cannot be pickled
            conn.send(("error", traceback.format_exc()))
        del message, fn, args, reply  # the page and its result, before trimming
        trim()


if __name__ == "__main__":
    # The crawl may be writing its feed to stdout (`-O -:jsonlines`): nothing a library prints
    # in a worker may land in it, so the worker's stdout is its stderr.
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(Connection(int(sys.argv[1])), int(sys.argv[2]))
