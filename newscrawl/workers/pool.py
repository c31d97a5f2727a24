"""A small pool of worker processes for the crawl's CPU work, driven from the asyncio loop.

Not `concurrent.futures.ProcessPoolExecutor`: one dead worker breaks that pool for good
(BrokenProcessPool) and it cannot tell which task killed the worker. Here each worker holds one
task at a time, so a worker that dies (segfault, the OOM killer, SIGKILL) or overruns the page
timeout costs exactly that task: it fails with `WorkerLost`, the worker is replaced and the crawl
goes on. The reactor thread never blocks on a worker: it sends a task to an idle worker and is
woken by the loop when the answer (or the worker's death) arrives.

Each worker is a fresh interpreter (`python -m newscrawl.workers.worker`, see there why not a
multiprocessing child; forking a process that runs Twisted, asyncio and threads would copy their
state half-way), talking over a socket pair. Workers ignore SIGINT and SIGTERM (Ctrl-C reaches the
whole process group, and the crawl's graceful shutdown still needs them to finish the pages in
flight) and die with their parent (Linux PR_SET_PDEATHSIG, and EOF on their socket), so no worker
outlives its crawl, however the crawl ends. A worker's death shows as EOF on its socket.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import heapq
import itertools
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

START_ATTEMPTS = 3
"""Workers that die before they are ready, in a row, after which the pool gives up."""
STOP_GRACE = 3.0
"""Seconds workers get to exit after being told to stop; then they are killed."""


class WorkerLost(Exception):
    """The worker running a task died or overran the time limit; `reason` says which."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


class WorkerError(Exception):
    """The task raised in the worker (the worker lives on); the message holds its traceback."""


@dataclass(order=True)
class _Task:
    priority: int
    seq: int
    fn: Callable[..., Any] = field(compare=False)
    args: tuple[Any, ...] = field(compare=False)
    future: asyncio.Future[Any] = field(compare=False)


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    ready: bool = False
    task: _Task | None = None
    timer: asyncio.TimerHandle | None = None
    started: float = field(default_factory=time.monotonic)

    def alive(self) -> bool:
        """Whether the process still runs (polling also reaps it once it has exited)."""
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL it (if still running) and reap it."""
        if self.alive():
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(1.0)


class WorkerPool:
    """`size` worker processes, each set up once by `init(init_arg)`; `await run(fn, *args)`."""

    def __init__(self, size: int, init: Callable[[Any], None], init_arg: Any,
                 timeout: float, stopping: Callable[[], bool] = lambda: False) -> None:
        self.size = size
        self.stopping = stopping
        """True once the crawl is being stopped (Ctrl-C, SIGTERM): waiting tasks are abandoned,
        so a stop takes the time of the pages in the workers, not of every page fetched."""
        self.init = init
        self.init_arg = init_arg
        self.timeout = timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._workers: list[_Worker] = []
        self._queue: list[_Task] = []
        self._seq = itertools.count()
        self._failed_starts = 0
        self._broken: str | None = None
        self._closed = False
        self.started = False
        self.replaced = 0
        """Workers started to replace one that died or was killed."""

    @property
    def waiting(self) -> int:
        """Tasks queued for a worker (not yet sent to one)."""
        return len(self._queue)

    # --- life cycle ------------------------------------------------------------------------
    def start(self) -> None:
        """Start the workers (they load their models in parallel; tasks queue until then)."""
        if self.started:
            return
        self.started = True
        self._loop = asyncio.get_event_loop()
        atexit.register(self.kill)  # a forced exit (second Ctrl-C) must not leave workers behind
        for _ in range(self.size):
            self._spawn()

    async def close(self) -> None:
        """Tell the workers to stop, give them `STOP_GRACE` seconds, kill what is left.

        Waits without blocking the loop: the exporter and the rest of the crawl go on meanwhile.
        """
        if self._closed:
            return
        self._closed = True
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + STOP_GRACE
        while any(w.alive() for w in self._workers) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        self.kill()
        atexit.unregister(self.kill)
        self._fail_queue(WorkerLost("shutdown", "the crawl closed before the page was processed"))

    def kill(self) -> None:
        """Kill every worker at once (no grace): the end of a forced shutdown."""
        self._closed = True
        for worker in self._workers:
            self._forget(worker)
            worker.kill()
        self._workers.clear()

    # --- tasks -----------------------------------------------------------------------------
    async def run(self, fn: Callable[..., Any], *args: Any, priority: int = 0) -> Any:
        """`fn(*args)` in a worker (lower `priority` first; equal ones in order of arrival).

        Raises `WorkerLost` when the worker died or overran the time limit while on it,
        `WorkerError` when `fn` raised.
        """
        if self._broken:
            raise WorkerLost("worker_start", self._broken)
        if self._closed:
            raise WorkerLost("shutdown", "the worker pool is closed")
        loop = self._loop or asyncio.get_event_loop()
        task = _Task(priority, next(self._seq), fn, args, loop.create_future())
        heapq.heappush(self._queue, task)
        self._dispatch()
        return await task.future

    def _dispatch(self) -> None:
        if self._queue and self.stopping():
            self._fail_queue(WorkerLost("shutdown", "the crawl is stopping"))
            return
        for worker in self._workers:
            if not self._queue:
                return
            if worker.ready and worker.task is None:
                self._send(worker, heapq.heappop(self._queue))

    def _send(self, worker: _Worker, task: _Task) -> None:
        if task.future.done():  # cancelled while it waited
            return
        worker.task = task
        try:
            worker.conn.send((task.fn, task.args))
        except (OSError, ValueError):
            self._lost(worker, "worker_crash", "the worker's pipe closed")
            return
        except Exception as exc:  # the task cannot be pickled: its fault, not the worker's
            worker.task = None
            task.future.set_exception(WorkerError(f"cannot send the task: {exc!r}"))
            return
        assert self._loop is not None
        worker.timer = self._loop.call_later(self.timeout, self._timed_out, worker, task)

    # --- workers ---------------------------------------------------------------------------
    def _spawn(self) -> None:
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-m", "newscrawl.workers.worker", str(theirs.fileno()),
                 str(os.getpid())],
                pass_fds=(theirs.fileno(),), env=_worker_env(), stdin=subprocess.DEVNULL)
        worker = _Worker(process, Connection(ours.detach()))
        self._workers.append(worker)
        with contextlib.suppress(OSError):  # when it died at once, its EOF is on the way
            worker.conn.send((self.init, self.init_arg))
        assert self._loop is not None
        self._loop.add_reader(worker.conn.fileno(), self._on_message, worker)

    def _forget(self, worker: _Worker) -> None:
        """Stop watching a worker's socket."""
        if self._loop is not None and not worker.conn.closed:
            self._loop.remove_reader(worker.conn.fileno())
        if worker.timer is not None:
            worker.timer.cancel()
            worker.timer = None

    def _on_message(self, worker: _Worker) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._lost(worker, "worker_crash", "the worker exited")
            return
        kind, value = message
        if kind == "ready":
            worker.ready = True
            self._failed_starts = 0
            logger.debug("worker %s ready in %.1f s", worker.process.pid,
                         time.monotonic() - worker.started)
        elif kind == "failed":
            logger.error("a worker could not start:\n%s", value)
        else:
            task, worker.task = worker.task, None
            if worker.timer is not None:
                worker.timer.cancel()
                worker.timer = None
            if task is not None and not task.future.done():
                if kind == "done":
                    task.future.set_result(value)
                else:
                    task.future.set_exception(WorkerError(value))
        self._dispatch()

    def _timed_out(self, worker: _Worker, task: _Task) -> None:
        if worker.task is task:
            worker.timer = None
            self._lost(worker, "timeout", f"no result after {self.timeout:g} s: worker killed")

    def _lost(self, worker: _Worker, reason: str, detail: str) -> None:
        """A worker died or is being killed: fail its task, replace it, go on."""
        if worker not in self._workers:
            return
        self._workers.remove(worker)
        self._forget(worker)
        worker.kill()
        code = worker.process.returncode
        if reason != "timeout" and code:
            detail += f" ({_exit_cause(code)})"
        worker.conn.close()
        if worker.task is not None and not worker.task.future.done():
            worker.task.future.set_exception(WorkerLost(reason, detail))
        if self._closed:
            return
        if not worker.ready:
            self._failed_starts += 1
            if self._failed_starts >= START_ATTEMPTS:
                self._broken = f"{START_ATTEMPTS} workers died while starting ({detail})"
                logger.error("worker pool: %s; no more pages can be processed", self._broken)
                self._fail_queue(WorkerLost("worker_start", self._broken))
                return
        logger.warning("worker %s lost (%s: %s); starting a new one", worker.process.pid,
                       reason, detail)
        self.replaced += 1
        self._spawn()
        self._dispatch()

    def _fail_queue(self, exc: Exception) -> None:
        while self._queue:
            task = heapq.heappop(self._queue)
            if not task.future.done():
                task.future.set_exception(exc)


def _exit_cause(code: int) -> str:
    """'killed by SIGKILL' / 'exit status 3' for a process's exit code."""
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


class InlinePool:
    """The same interface, run in the calling process (NEWSCRAWL_WORKERS=0: debugging,
    profiling). The reactor waits for every task."""

    def __init__(self, init: Callable[[Any], None], init_arg: Any,
                 stopping: Callable[[], bool] = lambda: False) -> None:
        self.stopping = stopping
        self.init = init
        self.init_arg = init_arg
        self.started = False
        self.replaced = 0
        self.waiting = 0
        """Nothing ever waits: each task runs as it is handed over."""

    def start(self) -> None:
        if not self.started:
            self.started = True
            self.init(self.init_arg)

    async def close(self) -> None:
        """Nothing to stop."""

    async def run(self, fn: Callable[..., Any], *args: Any, priority: int = 0) -> Any:
        if self.stopping():
            raise WorkerLost("shutdown", "the crawl is stopping")
        try:
            return fn(*args)
        except Exception:
            raise WorkerError(traceback.format_exc()) from None


def _worker_env() -> dict[str, str]:
    """The crawl's environment, with this copy of newscrawl first on the path (the worker must
    import the same package the crawl runs, wherever the crawl was started from)."""
    package_root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": package_root + (os.pathsep + path if path else "")}
