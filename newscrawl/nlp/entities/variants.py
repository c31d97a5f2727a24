"""Other spellings of one name that plain key equality misses.

Pure string rules over the mentions of one article, used by `grouping` before any
person-name reasoning: each returns pairs of mention indices that name the same entity.

- a person named with and without middle names ("Anna Maria Berg" / "Anna Berg"), in the
  other name order ("Tanaka Yuki" / "Yuki Tanaka"), or with a nickname for the given name
  ("Bill Harmon" / "William Harmon");
- a name whose leading words are replaced by their initials ("NY Gazette" for "New York
  Gazette");
- an address word abbreviated at the end of a street's name ("Elm St." / "Elm Street"), or
  at the start of a place's or saint's ("Mt. Kessler" / "Mount Kessler").
"""

from __future__ import annotations

from newscrawl.nlp import gazetteer
from newscrawl.nlp.entities.acronyms import is_acronym
from newscrawl.nlp.entities.labels import plain_name
from newscrawl.nlp.entities.mentions import Mention
from newscrawl.nlp.lexicon import (
    PERSON_ATTACHABLE,
    PLACE_PREFIX_ABBREVIATIONS,
    STREET_ABBREVIATIONS,
)


def variant_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """(i, j) pairs of mentions that are variants of one name (see the module docstring)."""
    by_key: dict[str, int] = {}
    for i, m in enumerate(mentions):
        by_key.setdefault(m.key, i)
    return (
        _person_variants(mentions, by_key)
        + _initialled_prefixes(mentions, by_key)
        + _street_abbreviations(mentions, by_key)
    )


def _person_like(m: Mention) -> bool:
    """A mention the model tags PERSON, or a plain "Firstname Lastname" whatever its tag."""
    return m.n_tokens > 1 and (m.label == "PERSON" or plain_name(m))


def _person_variants(mentions: list[Mention], by_key: dict[str, int]) -> list[tuple[int, int]]:
    """Middle names dropped, name order swapped, a nickname for the given name.

    Both names must look like people's (of a swapped pair one is enough: the model tags the
    unfamiliar order as anything). A dropped middle part counts only when it is a whole
    word (initials are `grouping`'s: "George H. W. Bush" is not "George W. Bush"), and
    the short form must be the one two-word name with that first and last word.
    """
    pairs: list[tuple[int, int]] = []
    people = [i for i, m in enumerate(mentions) if _person_like(m)]
    by_last: dict[str, list[int]] = {}
    for i in people:
        words = mentions[i].words
        by_last.setdefault(words[-1], []).append(i)
        if len(words) == 2:
            swapped = by_key.get(f"{words[1]} {words[0]}")
            if swapped is not None and mentions[swapped].label in PERSON_ATTACHABLE:
                pairs.append((swapped, i))
        elif all(len(w) > 1 for w in words[1:-1]):
            short = by_key.get(f"{words[0]} {words[-1]}")
            if short is not None and _person_like(mentions[short]):
                pairs.append((short, i))
    for same_last in by_last.values():
        firsts = {mentions[i].words[0]: i for i in same_last}
        for a, i in firsts.items():
            for b, j in firsts.items():
                if a < b and gazetteer.same_given_name(a, b):
                    pairs.append((i, j))
    return pairs


def _initialled_prefixes(mentions: list[Mention], by_key: dict[str, int]) -> list[tuple[int, int]]:
    """ "NY Gazette" is the "New York Gazette": a name whose first word is an initialism of
    the leading words of another name with the same remaining words. Not for people."""
    tails: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        words = m.words
        if m.label in ("PERSON", "NORP") or len(words) < 3:
            continue
        for cut in range(2, len(words)):
            tails.setdefault(" ".join(words[cut:]), []).append(i)
    pairs = []
    for i, m in enumerate(mentions):
        first = m.text.split()[0]
        if m.label in ("PERSON", "NORP") or m.n_tokens < 2 or not is_acronym(first):
            continue
        letters = first.replace(".", "").lower()
        if m.words[0] != letters:
            continue
        rest = " ".join(m.words[1:])
        longs = {
            mentions[j].key for j in tails.get(rest, [])
            if "".join(w[0] for w in mentions[j].words[: -len(rest.split())]) == letters
        }
        if len(longs) == 1:
            pairs.append((by_key[longs.pop()], i))
    return pairs


def _street_abbreviations(mentions: list[Mention], by_key: dict[str, int]) -> list[tuple[int, int]]:
    """ "Elm St." is "Elm Street": the last word of a name is an address abbreviation."""
    pairs = []
    for i, m in enumerate(mentions):
        words = m.words
        if len(words) < 2 or m.label == "PERSON":
            continue
        if words[-1] in STREET_ABBREVIATIONS:
            full = by_key.get(" ".join([*words[:-1], STREET_ABBREVIATIONS[words[-1]]]))
            if full is not None:
                pairs.append((full, i))
        if words[0] in PLACE_PREFIX_ABBREVIATIONS:
            full = by_key.get(" ".join([PLACE_PREFIX_ABBREVIATIONS[words[0]], *words[1:]]))
            if full is not None:
                pairs.append((full, i))
    return pairs
