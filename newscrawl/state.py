"""Incremental crawl state in one SQLite file: which articles earlier runs exported.

Scrapy's feed exporter buffers its writes, so an article handed to the exporter is not on disk
until the buffer is flushed; a run killed with SIGKILL loses the tail. The state therefore never
trusts a killed run: each run records the output files it writes and the articles it handed to
the exporter ('scraped'). A run that closes cleanly marks its articles 'exported'. A run that
never finished is reconciled by the next one (`recover`): its output files are read back, a
half-written last line is cut off, articles found there become 'exported' and the others are
forgotten, so the next run exports them again. The union of all outputs is then complete and
holds each article once.

Skipping an exported article must not hide what only it links to (a tag page, an author page):
the links of every fetched page are kept too, and a later run follows the stored links of the
articles it does not fetch again.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from newscrawl.urls import canonical_url

logger = logging.getLogger(__name__)

SCRAPED = "scraped"
EXPORTED = "exported"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,
    outputs TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS articles (
    url TEXT PRIMARY KEY,
    request_url TEXT,
    run_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    date_published TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_request_url ON articles(request_url);
CREATE TABLE IF NOT EXISTS links (
    page TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (page, target)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fingerprints (
    url TEXT PRIMARY KEY,
    exported_url TEXT NOT NULL,
    simhash TEXT NOT NULL,
    sketch BLOB NOT NULL,
    duplicate_of TEXT
) WITHOUT ROWID;
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Recovery:
    """What `recover` did for runs that never finished."""

    runs: int = 0
    confirmed: int = 0
    forgotten: int = 0
    repaired_files: int = 0


def exported_urls(path: Path, repair: bool = True) -> set[str]:
    """Canonical `url` of each complete JSON line of an export; a torn last line is cut."""
    try:
        data = path.read_bytes()
    except OSError:
        return set()
    if data and not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
        if repair:
            with path.open("r+b") as handle:
                handle.truncate(keep)
            logger.warning("cut a half-written last record from %s (%d bytes)", path,
                           len(data) - keep)
        data = data[:keep]
    urls: set[str] = set()
    for line in data.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("url"), str):
            urls.add(canonical_url(record["url"]))
    return urls


def written_urls(outputs: Iterable[str | Path], doomed: set[str], report: Recovery) -> set[str]:
    """Canonical URLs an unfinished run wrote to its `outputs` (torn last lines cut, counted in
    `report`); a file this run is about to overwrite (`doomed`) counts for nothing: its
    articles are exported again."""
    written: set[str] = set()
    for output in outputs:
        path = Path(output)
        if str(path.resolve()) in doomed:
            logger.warning("%s will be overwritten: its articles are exported again", path)
            continue
        if path.exists():
            before = path.stat().st_size
            written |= exported_urls(path)
            report.repaired_files += int(path.stat().st_size != before)
    return written


class CrawlState:
    """One crawl's view of the state file: open it, recover, then record as the run goes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self.run_id: int | None = None
        self._outputs: list[str] = []

    # --- life cycle ------------------------------------------------------------------------
    def recover(self, overwritten: Iterable[str] = ()) -> Recovery:
        """Reconcile runs that never finished (killed) with the files they actually wrote.

        `overwritten` are output files this run is about to overwrite: what a killed run wrote
        only there is forgotten, so it is exported again instead of being lost with the file.
        """
        doomed = {str(Path(p).resolve()) for p in overwritten}
        report = Recovery()
        rows = self.db.execute(
            "SELECT id, outputs FROM runs WHERE finished_at IS NULL AND id IS NOT ?", (self.run_id,)
        ).fetchall()
        for run_id, outputs in rows:
            report.runs += 1
            written = written_urls(json.loads(outputs or "[]"), doomed, report)
            pending = [u for (u,) in self.db.execute(
                "SELECT url FROM articles WHERE run_id = ? AND status = ?", (run_id, SCRAPED))]
            found = [u for u in pending if u in written]
            lost = [u for u in pending if u not in written]
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany("UPDATE articles SET status = ? WHERE url = ?",
                                    [(EXPORTED, u) for u in found])
                self.db.executemany("DELETE FROM articles WHERE url = ?", [(u,) for u in lost])
                self.db.execute("UPDATE runs SET finished_at = ?, outcome = ? WHERE id = ?",
                                (_now(), "recovered", run_id))
            report.confirmed += len(found)
            report.forgotten += len(lost)
        return report

    def begin_run(self) -> int:
        """Start a run (after `recover`); its id tags what it records."""
        cursor = self.db.execute("INSERT INTO runs (started_at) VALUES (?)", (_now(),))
        self.run_id = int(cursor.lastrowid or 0)
        return self.run_id

    def set_outputs(self, paths: Iterable[str]) -> None:
        """Remember the local files this run exports to, for a later `recover`."""
        outputs = sorted({str(p) for p in paths})
        if outputs != self._outputs:
            self._outputs = outputs
            self.db.execute("UPDATE runs SET outputs = ? WHERE id = ?",
                            (json.dumps(outputs), self.run_id))

    def finish_run(self, outcome: str) -> int:
        """The run's exports are complete on disk: confirm its articles; returns how many."""
        with self.db:
            self.db.execute("BEGIN")
            cursor = self.db.execute(
                "UPDATE articles SET status = ? WHERE run_id = ? AND status = ?",
                (EXPORTED, self.run_id, SCRAPED),
            )
            self.db.execute("UPDATE runs SET finished_at = ?, outcome = ? WHERE id = ?",
                            (_now(), outcome, self.run_id))
        return cursor.rowcount

    def close(self) -> None:
        self.db.close()

    # --- articles --------------------------------------------------------------------------
    def is_exported(self, url: str) -> bool:
        """True when an earlier run exported the article at `url` (its canonical or fetched URL)."""
        url = canonical_url(url)
        row = self.db.execute(
            "SELECT 1 FROM articles WHERE (url = ? OR request_url = ?) AND run_id IS NOT ? LIMIT 1",
            (url, url, self.run_id),
        ).fetchone()
        return row is not None

    def record_scraped(self, url: str, request_url: str | None, date_published: str | None) -> None:
        """The article was handed to the exporter in this run (committed at once)."""
        url = canonical_url(url)
        request_url = canonical_url(request_url) if request_url else None
        self.db.execute(
            "INSERT OR REPLACE INTO articles (url, request_url, run_id, status, date_published,"
            " recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            (url, request_url, self.run_id, SCRAPED, date_published, _now()),
        )

    # --- near-duplicate fingerprints (newscrawl.neardup) ---------------------------------------
    def record_fingerprint(self, url: str, simhash: str, sketch: bytes,
                           duplicate_of: str | None) -> None:
        """An exported article's body fingerprint (SimHash hex, shingle sketch), so later runs
        flag copies of it; `duplicate_of` is the original it copies itself."""
        self.db.execute(
            "INSERT OR REPLACE INTO fingerprints"
            " (url, exported_url, simhash, sketch, duplicate_of) VALUES (?, ?, ?, ?, ?)",
            (canonical_url(url), url, simhash, sketch, duplicate_of))

    def earlier_fingerprints(self) -> Iterator[tuple[str, str, bytes, str | None]]:
        """(url as exported, simhash, sketch, duplicate_of) of the articles earlier runs
        exported, oldest first. Only articles the state still holds count: those a killed run
        never wrote were forgotten by `recover` and are exported (and fingerprinted) again."""
        yield from self.db.execute(
            "SELECT f.exported_url, f.simhash, f.sketch, f.duplicate_of FROM fingerprints f"
            " JOIN articles a ON a.url = f.url WHERE a.run_id IS NOT ?"
            " ORDER BY a.run_id, a.recorded_at", (self.run_id,))

    # --- links -----------------------------------------------------------------------------
    def record_links(self, page: str, targets: Iterable[str]) -> None:
        """The followable links of `page` as last fetched (replacing older ones)."""
        page = canonical_url(page)
        rows = [(page, canonical_url(t)) for t in dict.fromkeys(targets)]
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM links WHERE page = ?", (page,))
            self.db.executemany("INSERT OR IGNORE INTO links (page, target) VALUES (?, ?)", rows)

    def links_of(self, page: str) -> list[str]:
        """Links recorded for `page` by an earlier fetch."""
        return [t for (t,) in self.db.execute("SELECT target FROM links WHERE page = ?",
                                              (canonical_url(page),))]

    def count(self, status: str | None = None) -> int:
        if status is None:
            return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        return self.db.execute("SELECT COUNT(*) FROM articles WHERE status = ?",
                               (status,)).fetchone()[0]
