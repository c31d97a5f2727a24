"""Bad-input benchmark: wall time and peak memory of `scrapy crawl saved` over ~45 kinds of bad
saved pages, with and without the language step, for this checkout and any peer checkouts.

    .venv/bin/python tests/benchmarks/bad_input.py
    .venv/bin/python tests/benchmarks/bad_input.py --peer /tmp/newscrawl-base --form glob

The corpus is tests/bad_corpus.py (what the bad-input tests check) plus bigger and odder kinds:
a 30 MB page, a 5,000-paragraph article, UTF-16, deep unclosed and inline nesting, a 2 MB line,
double gzip, an RSS feed and JSON named .html, and more. `--form` names it as a folder or as a
glob (`dir/**/*.htm*`, the form that hung on a symlink loop). Peak RSS is the largest sum over
the crawl's process tree (the `scrapy` process and any workers), sampled every 50 ms from /proc;
peak PSS the same with shared pages split between the processes sharing them (what the tree
really occupies: RSS counts the libraries every worker maps once per worker).
A run that does not finish within `--timeout` is killed and reported as such.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tests.bad_corpus import ARTICLE, make_corpus  # noqa: E402

HERE = Path(__file__).resolve().parent.parent.parent


def extra_files() -> dict[str, bytes]:
    """Kinds beyond the test corpus: big, odd or only mis-named inputs."""
    text = ARTICLE.read_text(encoding="utf-8")
    body_at = text.index(">", text.index("<body")) + 1
    end_at = text.rindex("</body>")
    rng = random.Random(9)
    paragraph = ("<p>The committee heard from residents, traders and cyclists about the plan, "
                 "and the council's officers answered questions on cost and timing.</p>\n")
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
           b"<item><title>One</title><link>https://example.org/1</link></item></channel></rss>")
    return {
        "huge-30mb.html": b"<html><body>" + b"<p>filler text here</p>" * (30 * 1024 * 1024 // 23),
        "paragraphs-5000.html": (text[:body_at] + "<article><h1>Long report</h1>"
                                 + paragraph * 5000 + "</article>" + text[end_at:]).encode(),
        "pdf.html": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n" + bytes(4096),
        "zip.html": b"PK\x03\x04\x14\x00\x06\x00" + bytes(rng.randrange(256) for _ in range(8192)),
        "random.html": bytes(rng.randrange(256) for _ in range(65536)),
        "utf16.html": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf16-nobom.html": text.encode("utf-16-le"),
        "bom-utf8.html": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "latin1-undeclared.html": text.replace('<meta charset="utf-8">', "").encode("cp1252"),
        "mixed-encodings.html": text[:len(text) // 2].encode() + text[len(text) // 2:].encode(
            "cp1252"),
        "cut-mid-tag.html": text.encode()[: int(len(text) * 0.6)].rsplit(b"<", 1)[0] + b"<di",
        "fragment.html": (paragraph * 12).encode(),
        "script-only.html": b"<html><head><script>" + b"var x = 1;" * 5000 + b"</script></head>",
        "rss-as-html.html": rss,
        "json-as-html.html": json.dumps({"headline": "x", "body": "y" * 5000}).encode(),
        "deep-unclosed.html": (text[:body_at] + "<div>" * 10000 + text[body_at:]).encode(),
        "deep-inline.html": (text[:body_at] + "<b><span>" * 10000 + text[body_at:end_at]
                             + "</span></b>" * 10000 + text[end_at:]).encode(),
        "long-line.html": b"<html><body>" + b"word " * (2 * 1024 * 1024 // 5) + b"</body></html>",
        "control-chars.html": "".join(ch + ("\x01" if i % 997 == 0 else "")
                                      for i, ch in enumerate(text)).encode(),
        "double-gzip.html.gz": gzip.compress(gzip.compress(text.encode(), mtime=0), mtime=0),
        "many-tiny-paragraphs.html": (text[:body_at] + "<p>x</p>" * 50000
                                      + text[body_at:]).encode(),
        "huge-attribute.html": text.replace("<body", '<body data-x="' + "a" * 1_000_000 + '"',
                                            1).encode(),
        "meta-refresh.html": b'<html><head><meta http-equiv="refresh" content="0;url=/x">'
                             b"</head><body></body></html>",
        "frameset.html": b'<html><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html">'
                         b"</frameset></html>",
    }


def build(folder: Path) -> int:
    """Write the whole corpus into `folder`; the number of paths in it."""
    count = len(make_corpus(folder))
    for name, data in extra_files().items():
        (folder / name).write_bytes(data)
        count += 1
    return count


def tree_memory(pid: int) -> tuple[int, int]:
    """(resident bytes, proportional bytes) of `pid` and all its descendants (0 once gone).

    RSS counts a page shared by several processes (libraries, copy-on-write) once per process;
    PSS splits it between them, so their sum is what the tree really holds in memory.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    rss = pss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        rss += _kib(f"/proc/{current}/status", "VmRSS:") * 1024
        pss += _kib(f"/proc/{current}/smaps_rollup", "Pss:") * 1024
    return rss, pss


def _kib(path: str, key: str) -> int:
    """The kB figure on the line of a /proc file starting with `key` (0 when unreadable)."""
    try:
        text = Path(path).read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith(key)), 0)


def crawl(project: Path, path: str, analyse: bool,
          timeout: float) -> tuple[float, int, int, str]:
    """(wall seconds, peak tree RSS bytes, peak tree PSS bytes, outcome) of one
    `scrapy crawl saved`."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "scrapy", "crawl", "saved", "-a", f"path={path}",
               "-O", f"{tmp}/out.jsonl:jsonlines", "-s", f"NEWSCRAWL_ANALYSE={analyse}"]
        env = {**os.environ, "PYTHONPATH": str(project)}
        start = time.monotonic()
        with open(f"{tmp}/log", "w") as log:
            proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=log, stderr=log)
            peak = peak_pss = 0
            while proc.poll() is None:
                rss, pss = tree_memory(proc.pid)
                peak, peak_pss = max(peak, rss), max(peak_pss, pss)
                if time.monotonic() - start > timeout:
                    proc.kill()
                    proc.wait()
                    return (time.monotonic() - start, peak, peak_pss,
                            f"killed after {timeout:.0f} s")
                time.sleep(0.05)
        wall = time.monotonic() - start
        text = Path(f"{tmp}/log").read_text(errors="replace")
        summary = next((line.split("newscrawl summary ", 1)[1] for line in text.splitlines()
                        if "newscrawl summary " in line), f"exit {proc.returncode}, no summary")
        return wall, peak, peak_pss, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer", action="append", default=[], type=Path,
                        help="another checkout of the project to measure in the same run")
    parser.add_argument("--form", choices=("folder", "glob"), default="folder")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n = build(corpus)
        path = str(corpus) if args.form == "folder" else str(corpus / "**" / "*.htm*")
        print(f"{n} bad inputs, named as {args.form}: {path}")
        print(f"{'checkout':<32} {'analyse':<8} {'wall s':>7} {'peak RSS MB':>12} "
              f"{'peak PSS MB':>12}  summary")
        for project in [HERE, *args.peer]:
            for analyse in (True, False):
                wall, peak, peak_pss, summary = crawl(project, path, analyse, args.timeout)
                print(f"{str(project):<32} {analyse!s:<8} {wall:7.1f} {peak / 2**20:12.0f} "
                      f"{peak_pss / 2**20:12.0f}  {summary}", flush=True)


if __name__ == "__main__":
    main()
