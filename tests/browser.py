"""Open a page in real headless Chromium (Debian's /usr/bin/chromium) over the DevTools protocol:
collect what its console and network say, and take a screenshot.

Used by the report tests and to take the README's screenshot:

    python tests/browser.py exports/saved-report/report.html docs/report.png
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

CHROMIUM = "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--remote-debugging-port=0")


def chromium() -> str | None:
    """The browser's path, or None when it is not installed."""
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


@dataclass
class PageVisit:
    """What the browser saw while loading the page."""

    errors: list[str] = field(default_factory=list)
    """Console errors and warnings, uncaught exceptions, failed loads."""
    requests: list[str] = field(default_factory=list)
    """Every URL the page asked for (the page itself included)."""
    screenshot: bytes = b""
    """PNG of the whole page."""


class _Session:
    """One DevTools websocket: numbered commands, events collected as they come."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.next_id = 0
        self.events: list[dict] = []

    async def call(self, method: str, session: str | None = None, **params: object) -> dict:
        self.next_id += 1
        message: dict = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        await self.ws.send_str(json.dumps(message))
        while True:
            reply = json.loads((await self.ws.receive(timeout=30)).data)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    async def wait_for(self, method: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(method)
            self.events.append(json.loads((await self.ws.receive(timeout=left)).data))


def _browser_url(profile: Path, proc: subprocess.Popen, timeout: float = 30) -> str:
    """The browser's DevTools websocket URL, from the port file it writes in its profile."""
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chromium exited with {proc.returncode}")
        if port_file.exists():
            lines = port_file.read_text().split("\n")
            if len(lines) >= 2 and lines[1]:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        time.sleep(0.1)
    raise TimeoutError("chromium did not open its DevTools port")


async def _visit(ws_url: str, url: str, width: int) -> PageVisit:
    visit = PageVisit()
    async with aiohttp.ClientSession() as http, http.ws_connect(ws_url, max_msg_size=0) as ws:
        cdp = _Session(ws)
        target = (await cdp.call("Target.createTarget", url="about:blank"))["targetId"]
        session = (await cdp.call("Target.attachToTarget", targetId=target,
                                  flatten=True))["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            await cdp.call(f"{domain}.enable", session)
        await cdp.call("Emulation.setDeviceMetricsOverride", session, width=width, height=900,
                       deviceScaleFactor=1, mobile=False)
        await cdp.call("Page.navigate", session, url=url)
        await cdp.wait_for("Page.loadEventFired")
        metrics = await cdp.call("Page.getLayoutMetrics", session)
        height = int(metrics["cssContentSize"]["height"])
        shot = await cdp.call("Page.captureScreenshot", session, format="png",
                              captureBeyondViewport=True,
                              clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
        visit.screenshot = base64.b64decode(shot["data"])
        for event in cdp.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning",
                                                                              "assert"):
                visit.errors.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                visit.errors.append(f"exception: {params['exceptionDetails'].get('text')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                visit.errors.append(f"log: {params['entry'].get('text')}")
            elif method == "Network.loadingFailed":
                visit.errors.append(f"failed load: {params.get('errorText')}")
            elif method == "Network.requestWillBeSent":
                visit.requests.append(params["request"]["url"])
    return visit


def visit_page(path: Path, width: int = 1200) -> PageVisit:
    """Load a local HTML file in headless Chromium; the browser is stopped afterwards."""
    binary = chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not installed")
    # Chromium's helper processes may still write to the profile after the browser has exited:
    # the whole process group is stopped, and a file they leave behind is no test failure.
    with tempfile.TemporaryDirectory(prefix="chromium-", ignore_cleanup_errors=True) as profile:
        proc = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            ws_url = _browser_url(Path(profile), proc)
            return asyncio.run(asyncio.wait_for(
                _visit(ws_url, Path(path).resolve().as_uri(), width), timeout=90))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)


def distinct_colours(png: bytes) -> int:
    """How many different pixel colours a PNG has (1 for a blank page)."""
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 24) or [])


def main() -> None:
    page, out = Path(sys.argv[1]), Path(sys.argv[2])
    visit = visit_page(page)
    out.write_bytes(visit.screenshot)
    print(f"{out}: {distinct_colours(visit.screenshot)} colours; errors: {visit.errors or 'none'}")


if __name__ == "__main__":
    main()
