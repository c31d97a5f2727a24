"""Document-level resolution of named-entity mentions into real-world entities.

spaCy tags each mention on its own, so one person shows up as "Anna Smith" (PERSON), "Smith"
(ORG) and "Smith" (PRODUCT). `resolve` groups the mentions of one article into entities
(`grouping`), picks one label and canonical name per entity from the evidence of all its
mentions (`labels`), adds the untagged repeats of their names and sets each person's
gender (`gender`). This module is the public face of that work: `ResolvedEntity`,
`Resolution` and `resolve`. The quotes step uses the same resolution to name speakers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newscrawl.nlp import gazetteer
from newscrawl.nlp.doc_text import doc_text
from newscrawl.nlp.entities.gender import (
    first_name,
    lone_first_name,
    person_genders,
    titled_genders,
)
from newscrawl.nlp.entities.grouping import HEAD_FORM_HEADS, SHORTENED_HEADS, group_mentions
from newscrawl.nlp.entities.labels import canonical_name, cluster_label
from newscrawl.nlp.entities.mentions import Mention, define_acronyms, find_mentions
from newscrawl.nlp.lexicon import HONORIFICS, ORG_SUFFIXES, ROLE_WORDS, norm_key

__all__ = ["Resolution", "ResolvedEntity", "norm_key", "resolve"]


@dataclass
class ResolvedEntity:
    """One real-world entity of an article with all its mentions."""

    name: str
    label: str
    aliases: list[str]
    spans: list[tuple[int, int]]
    gender: str | None = None


@dataclass
class Resolution:
    """The entities of one document and ways to find them by position or by name."""

    entities: list[ResolvedEntity]
    _keys: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _index: list[tuple[int, int, int]] = field(default_factory=list, init=False, repr=False)
    _longest: int = field(default=0, init=False, repr=False)

    def __post_init__(self) -> None:
        # built once: entities are not meant to change after resolution
        self._index = sorted(
            (s, e, i) for i, ent in enumerate(self.entities) for s, e in ent.spans
        )
        self._longest = max((e - s for s, e, _ in self._index), default=0)
        for i, ent in enumerate(self.entities):
            for name in [ent.name, *ent.aliases]:
                self._keys.setdefault(norm_key(name), i)

    def entity_at(self, start: int, end: int) -> ResolvedEntity | None:
        """The entity with a mention overlapping [start, end) (the first such mention wins)."""
        # a mention starting before `start` may still overlap: begin one longest name earlier
        pos = bisect.bisect_left(self._index, (start - self._longest, -1, -1))
        for j in range(pos, len(self._index)):
            s, e, i = self._index[j]
            if s >= end:
                break
            if e > start and s < end:
                return self.entities[i]
        return None

    def lookup(self, name: str) -> ResolvedEntity | None:
        """The entity a name string refers to ("Ms Smith", "Smith", "SMITH", "the U.S.")."""
        words = norm_key(name).split()
        if not words:
            return None
        tried = [words]
        while len(words) > 1 and (words[0] in HONORIFICS or words[0] in ROLE_WORDS):
            words = words[1:]
            tried.append(words)
        for ws in tried:
            key = " ".join(ws)
            if key in self._keys:
                return self.entities[self._keys[key]]
            place = gazetteer.lookup_place(name if ws is tried[0] else key)
            if place is not None and place.kind == "country":
                # "United Kingdom" finds the entity the text calls "Britain"
                for ent in self.entities:
                    if ent.label not in ("GPE", "LOC"):
                        continue
                    for form in [ent.name, *ent.aliases]:
                        other = gazetteer.lookup_place(form)
                        if other is not None and other.name == place.name:
                            return ent
        best: tuple[int, int] | None = None
        for i, ent in enumerate(self.entities):
            if ent.label != "PERSON":
                continue
            for form in [ent.name, *ent.aliases]:
                fw = norm_key(form).split()
                n = len(words)
                if len(fw) > n and (fw[-n:] == words or fw[:n] == words):
                    score = (len(ent.spans), -i)
                    if best is None or score > best:
                        best = score
                    break
        return self.entities[-best[1]] if best is not None else None


def resolve(doc: Doc) -> Resolution:
    """Group the named mentions of `doc` into entities with one label and canonical name each."""
    mentions = find_mentions(doc)
    pairs = define_acronyms(doc, mentions)
    _fix_sentence_numbers(doc, mentions)
    clusters = group_mentions(mentions, pairs, doc)
    common = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    labelled = [(c, cluster_label(mentions, c, common)) for c in clusters]
    clusters = [c for c, lab in labelled if lab is not None]
    labels = [lab for _, lab in labelled if lab is not None]
    entities = []
    for c, label in zip(clusters, labels, strict=True):
        name, aliases = canonical_name(mentions, c, label)
        spans = sorted({(mentions[i].start, mentions[i].end) for i in c})
        entities.append(ResolvedEntity(name, label, aliases, spans))
    _propagate(doc_text(doc), entities, common)
    for ent in entities:
        if ent.label == "PERSON":
            _title_case_shouted(ent)
    # gender last: the mentions `_propagate` found can be the antecedents of pronouns
    people_idx = [k for k, lab in enumerate(labels) if lab == "PERSON"]
    found = person_genders(
        doc,
        [entities[k].spans for k in people_idx],
        [titled_genders(mentions, clusters[k]) for k in people_idx],
        [
            first_name([entities[k].name, *entities[k].aliases])
            or lone_first_name([entities[k].name, *entities[k].aliases])
            for k in people_idx
        ],
    )
    for k, g in zip(people_idx, found, strict=True):
        entities[k].gender = g
    entities.sort(key=lambda e: e.spans[0])
    return Resolution(entities)


def _propagate(text: str, entities: list[ResolvedEntity], common: set[str]) -> None:
    """Add the occurrences of an entity's names that the model did not tag.

    The small model tags "Smith said" but not "Later Smith met": every other exact-case
    occurrence of a name (or of a person's surname, or of their known first name: the
    signature of a letter) that no mention covers is a mention too,
    unless the string names two entities, is a place name that is also a person's surname, or
    is a word the text also uses in lowercase. A person's surname that is also a common word
    ("Chris Early" ... "but Early says") counts only where its capital cannot come from the
    start of a sentence and no other capitalised word follows ("Early Access"). The head noun
    of an organisation's, place's or event's name counts after "the" ("the Foundation"), and
    an organisation's or building's name without its head noun counts too ("Keswick" of
    "Keswick University") unless that is a place's or a first name.
    """
    owner: dict[str, int] = {}
    ambiguous: set[str] = set()
    word_surnames: set[str] = set()
    head_forms: set[str] = set()
    for n, ent in enumerate(entities):
        forms = {ent.name, *ent.aliases}
        surname = None
        if ent.label == "PERSON" and " " in ent.name:
            surname = ent.name.split()[-1]
            forms.add(surname)
            given = ent.name.split()[0]
            if gazetteer.is_first_name(given):
                forms.add(given)  # "Anna" of "Anna Berg" signing a letter
        words = ent.name.split()
        if ent.label == "ORG" and len(words) > 1 and norm_key(words[-1]) in ORG_SUFFIXES:
            forms.add(" ".join(words[:-1]).rstrip(","))
        base = _base_form(words) if ent.label in ("ORG", "FAC") else None
        if base is not None:
            forms.add(base)
        head = _head_form(words) if ent.label not in ("PERSON", "NORP") else None
        if head is not None:
            forms.add(head)
            head_forms.add(head)
        for form in forms:
            if len(form) < 2:
                continue
            if " " not in form and form.lower() in common and form not in head_forms:
                if form != surname or not form[:1].isupper():
                    continue
                word_surnames.add(form)
            if owner.get(form, n) != n:
                ambiguous.add(form)
            owner[form] = n
    covered = bytearray(len(text))
    for ent in entities:
        for s, e in ent.spans:
            covered[s:e] = b"\x01" * (e - s)
    added: dict[int, list[tuple[int, int]]] = {}
    for form in sorted(owner, key=len, reverse=True):
        if form in ambiguous:
            continue
        n = owner[form]
        if entities[n].label == "PERSON" and gazetteer.lookup_place(form) is not None:
            continue
        for s, e in _occurrences(text, form, after_the=form in head_forms):
            if covered.find(1, s, e) >= 0:
                continue
            if form in word_surnames and not _mid_sentence_name(text, s, e):
                continue
            if entities[n].label == "PERSON" and _ARTICLE_BEFORE.search(text, max(0, s - 4), s):
                continue  # "the Walkman" of an Ada Walkman: a thing named after the person
            covered[s:e] = b"\x01" * (e - s)
            added.setdefault(n, []).append((s, e))
    for n, spans in added.items():
        ent = entities[n]
        ent.spans = sorted(ent.spans + spans)
        # a form found only here ("Roe" of "Ann Roe") is still a name the text uses for it
        ent.aliases += [f for f in dict.fromkeys(text[s:e] for s, e in spans)
                        if f != ent.name and f not in ent.aliases]


def _occurrences(text: str, form: str, after_the: bool) -> Iterator[tuple[int, int]]:
    """Spans of `form` in `text` as a whole word: not inside a longer word, hyphenated name or
    dotted abbreviation; with `after_the`, only right after "the "/"The ".

    A plain string search, not a regex built per name: compiling one pattern for every name of
    every article cost more than the rest of this step.
    """
    start = 0
    while (s := text.find(form, start)) >= 0:
        e = s + len(form)
        start = s + 1
        if e < len(text) and _in_name(text[e]):
            continue
        if after_the:
            if text[s - 4:s] not in ("the ", "The "):
                continue
            before = s - 4
        else:
            before = s
        if before > 0 and (_in_name(text[before - 1]) or text[before - 1] == "."):
            continue
        start = e
        yield s, e


def _in_name(ch: str) -> bool:
    """A character that continues a word or a hyphenated name."""
    return ch.isalnum() or ch in "_-"


_ARTICLE_BEFORE = re.compile(r"\b(?:[Tt]he|an?)\s+$")
"""An article right before a name: people's names take none ("the Walkman" is a thing)."""


def _head_form(words: list[str]) -> str | None:
    """The head noun a name is also called by after "the" ("Foundation" of "the Carlton
    Foundation", "Court" of "Court of Appeal"), if the name has one."""
    if len(words) < 2:
        return None
    lower = [w.lower() for w in words]
    head = words[lower.index("of", 1) - 1] if "of" in lower[1:] else words[-1]
    return head if head[:1].isupper() and norm_key(head) in HEAD_FORM_HEADS else None


def _base_form(words: list[str]) -> str | None:
    """The name without its head noun ("Keswick" of "Keswick University"), when the rest is
    no place ("New York University" is not "New York") and no first name."""
    if len(words) < 2 or norm_key(words[-1]) not in SHORTENED_HEADS:
        return None
    base = " ".join(words[:-1])
    if (
        not base[:1].isupper()
        or gazetteer.lookup_place(base)
        or gazetteer.lookup_subdivision(base)
        or gazetteer.is_first_name(base)
    ):
        return None
    return base


def _title_case_shouted(ent: ResolvedEntity) -> None:
    """Write a person named only in capitals ("WALLACE:" of a transcript) as a name
    ("Wallace"); the capitalised form stays an alias so the text still finds it. Short words
    without a vowel ("JFK") are initials and keep their capitals."""
    forms = [ent.name, *ent.aliases]
    if not all(f.isupper() for f in forms):
        return
    words = []
    for w in ent.name.split():
        letters = w.replace(".", "")
        initials = "." in w or (len(letters) <= 3 and not any(c in "AEIOUY" for c in letters))
        words.append(w if initials else w.title())
    name = " ".join(words)
    if name != ent.name:
        ent.aliases = [ent.name, *ent.aliases]
        ent.name = name


def _mid_sentence_name(text: str, start: int, end: int) -> bool:
    """The capitalised word at [start, end) stands inside a sentence, not at its start, and
    is not the first word of a longer capitalised name."""
    before = text[:start].rstrip(" ")
    if not before or not (before[-1].isalnum() or before[-1] in ",;)"):
        return False
    return re.match(r"\s+[A-Z]", text[end:]) is None


def _fix_sentence_numbers(doc: Doc, mentions: list[Mention]) -> None:
    """Give every mention the index of its sentence (added mentions only knew a token index)."""
    bounds = [s.start_char for s in doc.sents]
    for m in mentions:
        m.sent = bisect.bisect_right(bounds, m.start) - 1
