"""Turn a document's people/entity resolution into the exported `Entity` records."""

from __future__ import annotations

from newscrawl.items import Entity
from newscrawl.nlp.entities.people import Resolution
from newscrawl.nlp.lexicon import VALUE_LABELS


def entity_items(resolution: Resolution) -> list[Entity]:
    """One `Entity` per resolved real-world entity, ordered by first mention.

    Numeric and time types never reach the resolution; the check here keeps that true even if a
    caller builds a `Resolution` by hand.
    """
    items = [
        Entity(
            name=ent.name,
            label=ent.label,
            aliases=list(ent.aliases),
            mentions=len(ent.spans),
            first_offset=ent.spans[0][0],
        )
        for ent in resolution.entities
        if ent.spans and ent.label not in VALUE_LABELS
    ]
    items.sort(key=lambda e: e.first_offset)
    return items
