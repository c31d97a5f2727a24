"""JSON Schema of an exported article, generated from the `Article` dataclass.

The package ships the result as `article.schema.json` for users' own validation;
`python -m newscrawl.schema` regenerates it (a test checks it is current).
"""

from __future__ import annotations

import json
from pathlib import Path

from itemadapter import ItemAdapter

from newscrawl.items import Article

ISO_8601 = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$"
"""Dates at day, minute or second precision, with an optional offset."""
SCHEMA_PATH = Path(__file__).resolve().parent / "article.schema.json"


def article_schema() -> dict:
    """The schema itemadapter derives from `Article` (types, field docstrings as descriptions)."""
    schema = ItemAdapter.get_json_schema(Article)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "newscrawl article"
    schema["additionalProperties"] = False
    schema["required"] = list(schema["properties"])
    for name in ("date_published", "date_modified", "fetched_at"):
        schema["properties"][name]["pattern"] = ISO_8601
    return schema


def main() -> None:
    SCHEMA_PATH.write_text(json.dumps(article_schema(), indent=2, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    print(SCHEMA_PATH)


if __name__ == "__main__":
    main()
