"""Run the real `scrapy crawl` CLI in a subprocess and read its JSON Lines export.

Shared by the tests and the benchmark scripts, so both exercise exactly what a user runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def scrapy_command(
    spider: str,
    out: Path,
    args: dict[str, str] | None = None,
    settings: dict[str, object] | None = None,
) -> list[str]:
    """The `scrapy crawl` command line exporting to `out` (overwritten)."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, "-O", f"{out}:jsonlines"]
    for key, value in (args or {}).items():
        cmd += ["-a", f"{key}={value}"]
    for key, value in (settings or {}).items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def run_crawl(
    spider: str,
    out: Path,
    args: dict[str, str] | None = None,
    settings: dict[str, object] | None = None,
    timeout: float = 3600,
) -> tuple[list[dict], subprocess.CompletedProcess]:
    """Crawl, return (exported items, the finished process with its log in `stderr`)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    proc = subprocess.run(
        scrapy_command(spider, out, args, settings),
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"scrapy crawl {spider} failed ({proc.returncode}):\n{proc.stderr[-4000:]}"
        )
    items = (
        [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
        if out.exists()
        else []
    )
    return items, proc


def run_saved_crawl(
    path: Path | str, out_jsonl: Path | str, settings: dict[str, object] | None = None
) -> list[dict]:
    """`scrapy crawl saved -a path=PATH -O OUT`; the exported items."""
    items, _ = run_crawl("saved", Path(out_jsonl), {"path": str(path)}, settings)
    return items
