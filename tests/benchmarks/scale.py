"""Scaling out: crawl time of 1 worker vs 2 workers on one Redis, and Redis commands per article.

    .venv/bin/python tests/benchmarks/scale.py [--articles 200] [--delay 2.0] [--concurrency 2]

The generated site (tests/generated_site.py) answers every request after `--delay` seconds, so
the crawl is bound by the site's latency and the per-worker concurrency (CONCURRENT_REQUESTS =
CONCURRENT_REQUESTS_PER_DOMAIN = `--concurrency`, AutoThrottle off, no spaCy step), as a polite
crawl of real sites is: per-site concurrency is per worker, so two workers fetch twice as much.
Measured in the same run, each on a fresh redis-server (tests/redis_server.py):

- plain: one `scrapy crawl news` without Redis (the peer: what sharing costs one worker);
- 1 worker: one `scrapy crawl news -s REDIS_URL=…`;
- 2 workers: one seeding the crawl, one joining it with no arguments, started together.

Wall time runs from the start of the processes to the end of the last one (process start-up
and the final MAX_IDLE_TIME_BEFORE_CLOSE wait included); fetch span from the first to the last
request the site received. Redis commands are INFO commandstats (commands that Lua scripts run
count one each) over the articles exported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tests.crawl import PROJECT_ROOT, scrapy_command  # noqa: E402
from tests.generated_site import GeneratedSite  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

SETTINGS = {
    "NEWSCRAWL_ANALYSE": False,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "MAX_IDLE_TIME_BEFORE_CLOSE": 1,
    "LOG_LEVEL": "WARNING",
}


class TimedSite(GeneratedSite):
    """The generated site, noting when each request arrived."""

    def __init__(self, articles: int, delay: float) -> None:
        super().__init__(articles=articles, delay=delay)
        self.arrivals: list[float] = []

    def _route(self, path: str, count: int) -> tuple[int, dict[str, str], bytes]:
        self.arrivals.append(time.monotonic())
        return super()._route(path, count)


def run(site: TimedSite, workers: int, redis: RedisServer | None, tmp: Path,
        concurrency: int) -> dict[str, float]:
    """Start `workers` crawls together; wall time, fetch span, articles, Redis commands."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    site.arrivals.clear()
    if redis is not None:
        redis.client().config_resetstat()
    procs, outs = [], []
    started = time.monotonic()
    for i in range(workers):
        out = tmp / f"w{workers}-{i}-{time.time_ns()}.jsonl"
        args = {"start_urls": site.base + "/"} if i == 0 else {}
        settings = {**SETTINGS, "CONCURRENT_REQUESTS": concurrency,
                    "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
                    **({"REDIS_URL": redis.url} if redis else {})}
        procs.append(subprocess.Popen(scrapy_command("news", out, args, settings),
                                      cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True))
        outs.append(out)
    for proc in procs:
        _, err = proc.communicate(timeout=1800)
        if proc.returncode != 0:
            raise RuntimeError(f"worker failed ({proc.returncode}):\n{err[-3000:]}")
    wall = time.monotonic() - started
    urls = [json.loads(line)["url"] for out in outs
            for line in out.read_text(encoding="utf-8").splitlines()]
    if sorted(urls) != sorted(site.article_urls()):
        raise RuntimeError(f"not every article exactly once: {len(urls)} exported, "
                           f"{len(set(urls))} distinct, {len(site.article_paths)} expected")
    shares = [len(out.read_text(encoding="utf-8").splitlines()) for out in outs]
    commands: Counter[str] = Counter()
    if redis is not None:
        for name, stats in redis.client().info("commandstats").items():
            command = name.removeprefix("cmdstat_")
            if command not in ("info", "config|resetstat", "config"):
                commands[command] = int(stats["calls"])
    return {"wall": wall, "span": max(site.arrivals) - min(site.arrivals),
            "articles": len(urls), "shares": shares, "commands": commands}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--delay", type=float, default=2.0, help="seconds per page")
    parser.add_argument("--concurrency", type=int, default=2, help="requests per worker")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    results: dict[str, list[dict]] = {"plain": [], "1 worker": [], "2 workers": []}
    with TimedSite(args.articles, args.delay) as site, \
            tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for _ in range(args.rounds):
            results["plain"].append(run(site, 1, None, tmp, args.concurrency))
            for label, workers in (("1 worker", 1), ("2 workers", 2)):
                with RedisServer() as redis:
                    results[label].append(run(site, workers, redis, tmp, args.concurrency))
    pages = len(site.article_paths) + 7
    print(f"site: {args.articles} articles, {pages} pages, {args.delay:.2f} s per page; "
          f"per worker {args.concurrency} requests at a time; rounds: {args.rounds} (medians)")
    print(f"{'run':<10} {'wall s':>8} {'span s':>8} {'articles':>9} {'shares':>10} "
          f"{'redis cmds':>11} {'cmds/article':>13}")
    medians = {}
    for label, rows in results.items():
        wall = statistics.median(r["wall"] for r in rows)
        span = statistics.median(r["span"] for r in rows)
        calls = statistics.median(sum(r["commands"].values()) for r in rows)
        medians[label] = (wall, span)
        per_article = f"{calls / rows[0]['articles']:.1f}" if calls else "-"
        print(f"{label:<10} {wall:>8.1f} {span:>8.1f} {rows[0]['articles']:>9} "
              f"{'/'.join(map(str, rows[0]['shares'])):>10} {calls or '-':>11} "
              f"{per_article:>13}")
    one, two = medians["1 worker"], medians["2 workers"]
    print(f"speed-up of 2 workers over 1: wall {one[0] / two[0]:.2f}x, "
          f"fetch span {one[1] / two[1]:.2f}x (goal: >= 1.7x)")
    print(f"cost of Redis for one worker: wall {one[0] / medians['plain'][0]:.2f}x plain")
    top = results["2 workers"][0]["commands"].most_common(8)
    print("most frequent Redis commands (2 workers): "
          + ", ".join(f"{name}={count}" for name, count in top))


if __name__ == "__main__":
    main()
