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
    r"\s*,?\s*(?:(?:was|is)\s+(?:a|the)?\s*)?"
    r"(?:(?:(?:also|better|commonly|popularly|widely|later|formerly|professionally|"
    r"otherwise|simply)\s+)?"
    r"(?:(?:known|called|named|self-identified|referred\s+to)(?:\s+\w+){0,2}?\s+as"
    r"|known\s+by\s+(?:his|her|their|the|a)\s+(?:\w+\s+)?(?:name|pseudonym|nickname))"
    r"|(?:pen|stage|birth|real|given|maiden|adopted)\s+name(?:\s+(?:of|was|is))?"
    r"|pseudonym(?:\s+of)?|nicknamed|n[e\u00e9]e|\(born)"
    r"(?P<rest>(?:\s+[\w-]+){0,2})\s*,?\s*",
    re.IGNORECASE,
)
"""All that may stand between a person's name (and its bracketed dates) and another name of
theirs: ", better known as", "was a pen name of Japanese author", "(born". At most two words
after the cue, none a name but a nationality ("a pen name of Japanese author Y")."""
BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
"""A bracketed aside (dates, a pronunciation) between a name and what the sentence says next."""
ARTICLES = frozenset({"the", "a", "an"})


def stated_aliases(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """(i, j) pairs of person mentions of one sentence where the words between them say that
    `j` is another name of `i` (names inside the brackets between are skipped)."""
    pairs = []
    people = [k for k, m in enumerate(mentions) if _person(m)]
    for n, j in enumerate(people):
        m = mentions[j]
        for i in reversed(people[:n]):
            if mentions[i].sent != m.sent:
                break
            if _states_alias(text, mentions, i, j):
                pairs.append((i, j))
                break
    return pairs


def _states_alias(text: str, mentions: list[Mention], i: int, j: int) -> bool:
    """The words between mentions `i` and `j`, bracketed asides aside, are an alias cue."""
    gap = text[mentions[i].end : mentions[j].start]
    while (bare := BRACKETED.sub("", gap)) != gap:
        gap = bare
    cue = ALIAS_CUE.fullmatch(gap)
    if cue is None:
        return False
    rest = cue.group("rest").split()
    if any(w.lower() in ARTICLES for w in rest):
        return False  # "known as the Roe Plan": a thing named after the person
    # no other name between the cue and this one, but a nationality ("Japanese author")
    return not any(w[:1].isupper() and not _norp_between(mentions, i, j, w) for w in rest)


def _person(m: Mention) -> bool:
    """A mention that names a person: tagged so, or a plain "Firstname Lastname"."""
    return m.label == "PERSON" or plain_name(m)


def _norp_between(mentions: list[Mention], i: int, j: int, word: str) -> bool:
    """`word` is (part of) a nationality between mentions `i` and `j` ("Japanese author")."""
    return any(
        mentions[k].label == "NORP" and word in mentions[k].text for k in range(i + 1, j)
    )
