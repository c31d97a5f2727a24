"""Write a report's two files: report.json (the numbers) and report.html (the same, to read)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newscrawl.report.html import render


def folder_beside(export: str | Path) -> Path:
    """Where an export's report goes: exports/saved.jsonl → exports/saved-report."""
    export = Path(export)
    return export.with_name(export.name.split(".")[0] + "-report")


def write_report(folder: str | Path, report: Mapping[str, Any]) -> Path:
    """Create `folder` if needed and (over)write report.json and report.html in it."""
    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "report.html").write_text(render(report), encoding="utf-8")
    return folder
