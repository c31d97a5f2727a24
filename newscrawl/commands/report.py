"""`scrapy report FILE.jsonl [-o DIR]`: the crawl report of an existing export.

The same report a crawl writes at its end (newscrawl.report), from the articles alone: the parts
only a crawl knows (pages, failures, timings, stats) are null. Exports made before `duplicate_of`
existed get their near-duplicates found here.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.report.build import ReportBuilder
from newscrawl.report.write import folder_beside, write_report

logger = logging.getLogger(__name__)


def read_export(path: Path) -> Iterator[dict[str, Any]]:
    """The article objects of a JSON Lines export (or a JSON array export). Lines that are not
    a JSON object (a torn last line, stray text) are skipped with a warning."""
    with path.open(encoding="utf-8") as handle:
        first = handle.read(1)
        while first.isspace():
            first = handle.read(1)
        if first == "[":
            records = json.loads(first + handle.read())
            yield from (r for r in records if isinstance(r, dict))
            return
        for number, line in enumerate([first + handle.readline(), *handle], start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if not isinstance(record, dict):
                logger.warning("%s:%d is not a JSON object: skipped", path, number)
                continue
            yield record


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_LEVEL": "INFO"}

    def syntax(self) -> str:
        return "FILE.jsonl [-o DIR]"

    def short_desc(self) -> str:
        return "Build the crawl report (report.json, report.html) of an existing export"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", metavar="DIR",
                            help="output folder (default: beside the file, NAME-report)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one export file")
        path = Path(args[0]).expanduser()
        if not path.is_file():
            raise UsageError(f"no such file: {path}")
        builder = ReportBuilder()
        try:
            for record in read_export(path):
                builder.add_article(record)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            logger.error("cannot read %s: %s", path, exc)
            self.exitcode = 1
            return
        folder = Path(opts.output).expanduser() if opts.output else folder_beside(path)
        write_report(folder, builder.build(None, {"export": str(path.resolve())}))
        print(folder / "report.html")
