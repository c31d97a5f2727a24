"""Redis clients of a worker, and the bounded retry when Redis goes away mid-crawl."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from scrapy.settings import BaseSettings
from scrapy_redis.connection import get_redis_from_settings

logger = logging.getLogger(__name__)

T = TypeVar("T")

REDIS_ERRORS = (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError)
"""What a lost or overloaded server raises; any other Redis error is a bug and is raised."""


def text(value: bytes | str) -> str:
    """A Redis reply as text (the clients return bytes: queued requests are binary)."""
    return value.decode("utf-8") if isinstance(value, bytes) else value


def client(settings: BaseSettings) -> redis.Redis:
    """A client from scrapy-redis' settings (REDIS_URL, REDIS_PARAMS) that fails fast: the
    caller's guard retries, so one Redis call never blocks the crawl for long."""
    server = get_redis_from_settings(settings)
    server.set_retry(Retry(NoBackoff(), 1))
    return server


def unreachable(settings: BaseSettings) -> str | None:
    """Why Redis does not answer a PING, or None when it does."""
    try:
        client(settings).ping()
    except (redis.RedisError, ValueError) as exc:
        return str(exc) or type(exc).__name__
    return None


class RedisGuard:
    """Runs the worker's Redis calls; while Redis is unreachable a call returns its fallback,
    the loss is logged once, and after NEWSCRAWL_REDIS_RETRY_SECONDS `on_lost` stops the worker.

    A call to an unreachable server blocks for its socket timeout, so while Redis is away one
    call a second tries it and the others return their fallback at once; once the worker gave
    up, none tries (what it holds is settled by the next worker, from its output file).
    """

    RETRY_INTERVAL = 1.0

    def __init__(self, url: str, retry_seconds: float, on_lost: Callable[[str], None]) -> None:
        self.url = url
        self.retry_seconds = retry_seconds
        self.on_lost = on_lost
        self.down_since: float | None = None
        self.last_try = 0.0
        self.lost = False

    @property
    def up(self) -> bool:
        return self.down_since is None

    def call(self, fallback: T, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self.down_since is not None:
            now = time.monotonic()
            if self.lost or now - self.last_try < self.RETRY_INTERVAL:
                return fallback
            self.last_try = now
        try:
            result = fn(*args, **kwargs)
        except REDIS_ERRORS as exc:
            self.failed(exc)
            return fallback
        if self.down_since is not None:
            logger.warning("Redis at %s answers again after %.0f s", self.url,
                           time.monotonic() - self.down_since)
            self.down_since = None
        return result

    def failed(self, exc: BaseException) -> None:
        """Note a failed call; stop the worker once Redis has been gone too long."""
        now = time.monotonic()
        self.last_try = now
        if self.down_since is None:
            self.down_since = now
            logger.error("Redis at %s lost (%s): retrying for up to %.0f s", self.url, exc,
                         self.retry_seconds)
        elif not self.lost and now - self.down_since >= self.retry_seconds:
            self.lost = True
            reason = f"Redis at {self.url} unreachable for {now - self.down_since:.0f} s ({exc})"
            logger.error("%s: stopping this worker", reason)
            self.on_lost(reason)
