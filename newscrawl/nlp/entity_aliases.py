"""Other names of a person that the text itself states: "X, known as Y", "a pen name of Y".

Biographies open by giving a person's other names: a birth name, a pen or stage name, a
translated or adopted name ("Ann Roe (born Annika Rohde), better known as Ann Roe"). No string
rule joins "Annika Rohde" to "Ann Roe", but the sentence says they are one person. Pure
string work over the mentions of one article, used by `entity_grouping`.
"""

from __future__ import annotations

import re

from newscrawl.nlp.entity_labels import plain_name
from newscrawl.nlp.mentions import Mention

ALIAS_CUE = re.compile(
    r"(?:\b(?:(?:also|better|commonly|popularly|widely|later|formerly|professionally|"
    r"otherwise|simply)\s+)?(?:known|called|named|self-identified|referred\s+to)"
    r"(?:\s+\w+){0,2}?\s+as"
    r"|\b(?:pen|stage|birth|real|given|maiden|adopted)\s+name(?:\s+(?:of|was|is))?"
    r"|\bpseudonym(?:\s+of)?|\bn[e\u00e9]e|\(born)"
    r"(?P<rest>(?:\s+[\w-]+){0,2})\s*,?\s*$",
    re.IGNORECASE,
)
"""Words that end right before a stated other name, at most two words ahead of it ("a pen name
of Japanese author Y", "known to friends as Y", "(born Y"). The words between may not be
names (checked apart)."""


ARTICLES = frozenset({"the", "a", "an"})


def stated_aliases(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """(i, j) pairs of person mentions where the words before `j` say it is another name of the
    person named last before it in the same sentence (`i`)."""
    pairs = []
    last_person: int | None = None
    for j, m in enumerate(mentions):
        if not _person(m):
            continue
        i = last_person
        last_person = j
        if i is None or mentions[i].sent != m.sent:
            continue
        gap = text[mentions[i].end : m.start]
        cue = ALIAS_CUE.search(gap)
        if cue is None:
            continue
        rest = cue.group("rest").split()
        if any(w.lower() in ARTICLES for w in rest):
            continue  # "known as the Roe Plan": a thing named after the person
        if any(w[:1].isupper() and not _norp_between(mentions, i, j, w) for w in rest):
            continue  # another name stands between the cue and this one
        pairs.append((i, j))
    return pairs


def _person(m: Mention) -> bool:
    """A mention that names a person: tagged so, or a plain "Firstname Lastname"."""
    return m.label == "PERSON" or plain_name(m)


def _norp_between(mentions: list[Mention], i: int, j: int, word: str) -> bool:
    """`word` is (part of) a nationality between mentions `i` and `j` ("Japanese author")."""
    return any(
        mentions[k].label == "NORP" and word in mentions[k].text for k in range(i + 1, j)
    )
