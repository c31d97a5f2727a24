"""Group the name mentions of one article into entities, one group per real-world entity.

Two passes: first mentions whose strings are variants of one name join (same key, spacing,
"Acme Ltd"/"Acme", a defined or guessable acronym, country aliases, "Korea"/"South Korea");
then bare surnames and first names move into the full-named person they refer to, using
context, gender and nearness to tell namesakes apart. Labels come afterwards
(`labels`), from the evidence of a whole group.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from newscrawl.nlp import gazetteer
from newscrawl.nlp.entities.acronyms import initials, is_acronym
from newscrawl.nlp.entities.gender import cluster_genders, titled_genders
from newscrawl.nlp.entities.labels import is_full_person, plain_name, surname_speaks_as_person
from newscrawl.nlp.entities.mentions import Mention
from newscrawl.nlp.entities.variants import variant_pairs
from newscrawl.nlp.lexicon import (
    COMPANY_HEADS,
    COMPASS_WORDS,
    EVENT_HEADS,
    FAC_HEADS,
    GEO_HEADS,
    HONORIFICS,
    KINSHIP_NOUNS,
    LAW_HEADS,
    NEWS_HEADS,
    ORG_HEADS,
    ORG_SUFFIXES,
    PERSON_ATTACHABLE,
    ROLE_WORDS,
    norm_key,
)


def group_mentions(
    mentions: list[Mention], pairs: list[tuple[str, str]], doc: Doc
) -> list[list[int]]:
    """Indices of `mentions` grouped by entity; `pairs` are (long form, acronym) keys to join."""
    clusters = _join_surnames_of_mistyped_names(mentions, _string_clusters(mentions, pairs))
    return _attach_partial_names(mentions, clusters, doc)


def _join_surnames_of_mistyped_names(
    mentions: list[Mention], clusters: list[list[int]]
) -> list[list[int]]:
    """Join the bare surname used as a person's to the full name the model typed otherwise.

    "Diego Schwartzman" (ORG) ... "Schwartzman said": the lone surname speaks, so the full name
    is a person's and the two are one entity. Only when exactly one plain multi-word name ends
    in that surname (or starts with that first name); `is_full_person` then sees the joined
    group as a person.
    """
    ends: dict[str, list[int]] = {}
    for k, c in enumerate(clusters):
        multi = [mentions[i] for i in c if mentions[i].n_tokens > 1]
        if multi:
            longest = max(multi, key=lambda m: m.n_tokens)
            ends.setdefault(longest.words[-1], []).append(k)
            if plain_name(longest):
                ends.setdefault(longest.words[0], []).append(k)  # "Anna" of "Anna Berg"
    singles: dict[str, list[int]] = {}
    for k, c in enumerate(clusters):
        if all(mentions[i].n_tokens == 1 for i in c):
            singles.setdefault(mentions[c[0]].key, []).append(k)
    merged: dict[int, int] = {}
    for word, owners in ends.items():
        if len(owners) != 1 or word not in singles:
            continue
        c = clusters[owners[0]]
        if is_full_person(mentions, c):
            continue  # the partial-name pass joins surnames of people already
        longest = max((mentions[i] for i in c), key=lambda m: m.n_tokens)
        if not plain_name(longest):
            continue
        for k in singles[word]:
            if surname_speaks_as_person(mentions, clusters[k]):
                merged[k] = owners[0]
    if not merged:
        return clusters
    out = [list(c) for c in clusters]
    for k, target in merged.items():
        out[target] += out[k]
        out[k] = []
    return [c for c in out if c]


class _UnionFind:
    """Disjoint sets of mention indices; a set's root is its smallest index."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _string_clusters(mentions: list[Mention], pairs: list[tuple[str, str]]) -> list[list[int]]:
    """Cluster mentions whose names are variants of one name (no person-name reasoning yet)."""
    uf = _UnionFind(len(mentions))
    by_key: dict[str, int] = {}
    by_squash: dict[str, int] = {}
    by_place: dict[str, int] = {}
    initials_of: dict[str, tuple[str, ...]] = {}  # name without middle initials -> the initials
    for i, m in enumerate(mentions):
        for table, k in ((by_key, m.key), (by_squash, m.key.replace(" ", ""))):
            if k in table:
                uf.union(table[k], i)
            else:
                table[k] = i
        words = m.key.split()
        if len(words) > 1 and words[-1] in ORG_SUFFIXES and m.label == "ORG":
            base = " ".join(words[:-1])
            by_key.setdefault(base, i)
            uf.union(by_key[base], i)
        if len(words) > 2 and m.label == "PERSON":
            # a middle initial is the same person ("Loretta E. Lynch" = "Loretta Lynch"), but
            # other initials are someone else ("George H. W. Bush" is not "George W. Bush")
            initials = tuple(w for w in words[1:-1] if len(w) == 1)
            base = " ".join(w for w in words if len(w) > 1 or w not in initials)
            if initials and initials_of.setdefault(base, initials) == initials:
                by_key.setdefault(base, i)
                uf.union(by_key[base], i)
        place = gazetteer.lookup_place(m.text)
        if place is not None and place.kind == "country" and m.label != "NORP":
            pk = norm_key(place.name)
            if pk in by_place:
                uf.union(by_place[pk], i)
            else:
                by_place[pk] = i
    for long_key, acr_key in pairs:
        if long_key in by_key and acr_key in by_key:
            uf.union(by_key[long_key], by_key[acr_key])
    _join_undefined_acronyms(mentions, uf)
    _join_qualified_orgs(mentions, uf, by_key)
    _join_place_parts(mentions, uf)
    _join_short_forms(mentions, uf)
    _join_plurals(mentions, uf, by_key)
    for a, b in variant_pairs(mentions):
        uf.union(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(uf.find(i), []).append(i)
    return list(groups.values())


def _join_plurals(mentions: list[Mention], uf: _UnionFind, by_key: dict[str, int]) -> None:
    """ "the Thais", "CFLs": a one-word name that is another one-word name of the article
    with an "s" added names that one's people or things, not an entity of its own. Not when
    the plural is a place of its own ("Laos" is not "Lao") or the singular is a first name
    ("Daniels" is not "Daniel")."""
    for i, m in enumerate(mentions):
        if m.n_tokens != 1 or len(m.key) < 3 or not m.key.endswith("s"):
            continue
        j = by_key.get(m.key[:-1])
        if (
            j is None
            or mentions[j].n_tokens != 1
            or gazetteer.lookup_place(m.text)
            or gazetteer.is_first_name(mentions[j].text)
        ):
            continue
        uf.union(j, i)


def _join_undefined_acronyms(mentions: list[Mention], uf: _UnionFind) -> None:
    """An initialism used without a definition ("U.N.") joins the one long name it abbreviates
    ("United Nations"); if several groups fit, it joins none."""
    acronym_idx: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if is_acronym(m.text) and m.label not in ("PERSON", "NORP"):
            acronym_idx.setdefault(m.text.replace(".", "").upper(), []).append(i)
    if not acronym_idx:
        return
    long_forms: dict[str, set[int]] = {}
    for i, m in enumerate(mentions):
        words = m.key.split()
        if len(words) < 2 or m.label in ("PERSON", "NORP"):
            continue
        text_words = re.findall(r"[\w]+", m.text)
        for ini in initials(words, text_words):
            if ini in acronym_idx:
                long_forms.setdefault(ini, set()).add(uf.find(i))
    for ini, roots in long_forms.items():
        if len(roots) == 1:
            root = next(iter(roots))
            for i in acronym_idx[ini]:
                uf.union(root, i)


def _join_qualified_orgs(mentions: list[Mention], uf: _UnionFind, by_key: dict[str, int]) -> None:
    """ "United Kingdom Home Office" is the "Home Office": drop a leading country name. A
    leading town or region name drops too when what remains is a name of two or more words
    that is not a person's or a people's ("Dunmore Outer Ring Road" is the "Outer Ring
    Road", whatever label the model gave each)."""
    for i, m in enumerate(mentions):
        words = m.key.split()
        if m.label not in ("ORG", "FAC") or len(words) < 2:
            continue
        for cut in range(min(3, len(words) - 1), 0, -1):
            head = " ".join(words[:cut])
            rest = " ".join(words[cut:])
            if rest not in by_key:
                continue
            other = mentions[by_key[rest]].label
            if len(words) - cut >= 2 and other not in ("PERSON", "NORP", "GPE"):
                needs_country = False
            elif other == "ORG" and m.label == "ORG":
                needs_country = True
            else:
                continue
            place = gazetteer.lookup_place(head)
            if place is not None and (place.kind == "country" or not needs_country):
                uf.union(by_key[rest], i)
                break


SHORTENED_HEADS = ORG_HEADS | COMPANY_HEADS | FAC_HEADS | frozenset({"city"})
"""Head nouns a name is also used without ("Harvard" for "Harvard University", "Lakeshore"
for "Lakeshore Avenue", "New York" for "New York City")."""
HEAD_FORM_HEADS = SHORTENED_HEADS | NEWS_HEADS | LAW_HEADS | EVENT_HEADS
"""Head nouns that stand for the whole name after "the" ("the Foundation", "the Gazette",
"the Treaty", "the Festival"); a newspaper, law or event is not called by the rest of its name
("New York" is not the "New York Gazette")."""


HEAD_FORM_DETERMINERS = frozenset({"the", "this", "that", "said"})
"""Words before a head noun that point back to a name already given ("the Foundation", "that
Council", "the said Board")."""


def _join_short_forms(mentions: list[Mention], uf: _UnionFind) -> None:
    """Join a name's short form and head-noun form to its one long form.

    "Harvard University" ... "Harvard": the name without its head noun; "the Carlton
    Foundation" ... "the Foundation": the head noun alone after "the" ("that Council").
    Each joins only when exactly one long name of the article fits, or for a head noun when
    every use of it follows the same one of several (the one named last before it); never a
    person's mention. A short form that is a known place used as one ("in Oxford") stays the
    place, and a country is never short for its capital ("Mexico" is not "Mexico City").
    """
    by_base: dict[str, set[int]] = {}
    by_head: dict[str, set[int]] = {}
    head_uses: dict[str, list[int]] = {}  # head noun -> the long names' mentions, in order
    place_bases: set[str] = set()
    for i, m in enumerate(mentions):
        words = m.words
        if len(words) < 2 or m.label in ("PERSON", "NORP"):
            continue
        if words[-1] in SHORTENED_HEADS:
            base = " ".join(words[:-1])
            by_base.setdefault(base, set()).add(uf.find(i))
            if m.label in ("GPE", "LOC"):
                place_bases.add(base)  # "New York City" ... "in New York"
        head = words[words.index("of", 1) - 1] if "of" in words[1:] else words[-1]
        if head in HEAD_FORM_HEADS:
            by_head.setdefault(head, set()).add(uf.find(i))
            head_uses.setdefault(head, []).append(i)
    if not by_base and not by_head:
        return
    latest: dict[str, set[int]] = {}  # head form -> the long names named last before its uses
    joins: list[tuple[int, int]] = []
    for i, m in enumerate(mentions):
        if m.label in ("PERSON", "NORP"):
            continue
        if (
            m.key in by_base
            and not gazetteer.is_country(m.text)
            and (m.key in place_bases or not (m.context_place and gazetteer.lookup_place(m.text)))
        ):
            roots = {uf.find(r) for r in by_base[m.key]}
        elif m.n_tokens == 1 and m.prev in HEAD_FORM_DETERMINERS and m.key in by_head:
            roots = {uf.find(r) for r in by_head[m.key]}
            before = [j for j in head_uses[m.key] if mentions[j].start < m.start]
            latest.setdefault(m.key, set()).add(uf.find(before[-1]) if before else -1)
        else:
            continue
        if len(roots) == 1:
            joins.append((roots.pop(), i))
        elif m.key in latest:
            joins.append((-1, i))  # decided below, once all uses of the head form are seen
    for root, i in joins:
        if root < 0:
            # several "... Councils": "that Council" is the one named last before each
            # use, if that is one and the same name for every use
            choice = latest[mentions[i].key]
            if len(choice) != 1 or -1 in choice:
                continue
            root = next(iter(choice))
        uf.union(root, i)


def _join_place_parts(mentions: list[Mention], uf: _UnionFind) -> None:
    """A one-word place that starts or ends exactly one longer place name joins it
    ("Korea" -> "South Korea", "Washington" -> "Washington D.C."), unless the gazetteer knows
    both as different places ("Sudan" is not "South Sudan", "York" is not "New York") or the
    longer name is a natural feature and the short one no "the X" ("Tarvia" is a state, "the
    Tarvia Peninsula" a landform), or the longer name follows the short one after a comma
    ("Yorkshire, North Yorkshire": a place, then the larger one it lies in)."""
    multi: dict[str, set[int]] = {}
    for i, m in enumerate(mentions):
        words = m.key.split()
        if len(words) > 1 and m.label in ("GPE", "LOC"):
            for w in (words[0], words[-1]):
                multi.setdefault(w, set()).add(uf.find(i))
    if not multi:
        return
    for i, m in enumerate(mentions):
        if m.n_tokens != 1 or m.label not in ("GPE", "LOC") or m.key not in multi:
            continue
        roots = {uf.find(r) for r in multi[m.key]}
        if len(roots) != 1 or gazetteer.is_country(m.text):
            continue
        root = roots.pop()
        members = [mentions[j] for j in range(len(mentions)) if uf.find(j) == root]
        if any(x.key.split()[-1] in FAC_HEADS for x in members):
            continue  # "Volgograd" is not "Volgograd Arena"
        if m.prev != "the" and any(x.key.split()[-1] in GEO_HEADS for x in members):
            continue  # "Tarvia" is not the "Tarvia Peninsula"; "the Tarvia" may be
        if gazetteer.lookup_place(m.text) and any(
            x.n_tokens > 1 and gazetteer.lookup_place(x.text) for x in members
        ):
            continue  # two known places: "Virginia" is not "West Virginia"
        if any(x.n_tokens > 1 and x.prev == "," and 0 < x.start - m.end <= 2 for x in members):
            continue  # "Yorkshire, North Yorkshire": a place, then the larger one it lies in
        if gazetteer.lookup_place(m.text) and not all(
            norm_key(w) in (m.key, *COMPASS_WORDS) or is_acronym(w)
            for x in members
            if x.n_tokens > 1
            for w in x.text.split()
        ):
            continue  # a known place in a longer name the model called a place: "Lund
            # Transit" is not Lund, "Washington D.C." and "Kano North" are
        uf.union(root, i)


def _attach_partial_names(
    mentions: list[Mention], clusters: list[list[int]], doc: Doc
) -> list[list[int]]:
    """Move bare surname / first-name mentions into the full-name person they refer to."""
    persons = [c for c in clusters if is_full_person(mentions, c)]
    # "De Blasio" is part of "Bill de Blasio": a person whose names all end one other person's
    # name is a partial mention ("Donald Trump" does not end "Donald Trump Jr", so it stays)
    forms_of = [{tuple(mentions[i].words) for i in c if mentions[i].n_tokens > 1} for c in persons]

    def part_of(small: set[tuple[str, ...]], big: set[tuple[str, ...]]) -> bool:
        return all(
            any(len(b) > len(f) and b[-len(f):] == f for b in big)
            for f in small
        )

    kept = [
        k for k in range(len(persons))
        if not any(part_of(forms_of[k], forms_of[j]) for j in range(len(persons)) if j != k)
    ]
    if not kept:
        return clusters
    persons = [persons[k] for k in kept]
    full_forms = [forms_of[k] for k in kept]
    salience = [(len(c), -min(mentions[i].start for i in c)) for c in persons]
    introduced = [  # where each person is first named in full
        min((mentions[i] for i in c if mentions[i].n_tokens > 1), key=lambda m: m.start)
        for c in persons
    ]
    first_full = [m.start for m in introduced]
    genders = cluster_genders(mentions, persons, doc)
    # brought in as someone's relative ("his son, Arthur Holloway"): a new person of the name
    as_relative = [_relative(m) for m in introduced]
    # named in full with an office ("Sen.", "Governor"), not a courtesy or kinship title
    titled_full = [
        any(mentions[i].n_tokens > 1 and _office(mentions[i].title) for i in c) for c in persons
    ]
    person_no = {id(c): p for p, c in enumerate(persons)}
    moved: dict[int, int] = {}  # mention index -> person number
    for c in clusters:
        if id(c) in person_no:
            continue
        titled = titled_genders(mentions, c)
        # the titled uses speak for the untitled ones only if they are not a few among many
        # ("Mr. Rowe", his dog, beside a dozen "Rowe" for Ada Rowe)
        n_titled = sum(1 for i in c if mentions[i].gender)
        cluster_gender = titled.pop() if len(titled) == 1 and n_titled * 2 >= len(c) else None
        starts = sorted(mentions[i].start for i in c)
        # a bare name used twice before a full name is introduced names someone else
        # ("Mr. Obama" ... "the first lady, Michelle Obama"), unless both are office-holders
        # and the other was named in full before those uses ("Rep. Carla Denton" ... "Denton"
        # ... "Sen. Frank Denton"), or a courtesy title of the full name's gender speaks for one
        # person ("Mrs. Abernathy" ... "Margaret Abernathy") that is not brought in as a
        # relative
        bare = tuple(mentions[c[0]].words)
        sharing = [
            p for p, forms in enumerate(full_forms)
            if titled_full[p] and any(len(f) > len(bare) and f[-len(bare):] == bare for f in forms)
        ]
        named_earlier = set()
        for p, first in enumerate(first_full):
            others = [first_full[q] for q in sharing if q != p] if titled_full[p] else []
            explained = min(others, default=first)
            same_titled = cluster_gender is not None and cluster_gender == genders[p]
            if bisect.bisect_left(starts, min(first, explained)) >= 2 and not (
                same_titled and not as_relative[p]
            ):
                named_earlier.add(p)
        for i in c:
            m = mentions[i]
            if m.label not in PERSON_ATTACHABLE and not (
                m.label == "NORP" and m.n_tokens == 1 and m.dep in ("poss", "nsubj", "attr")
            ):
                continue  # "Christian's story" of a Christian Roe: a first name, not a creed
            if m.prev in ("the", "a", "an") and m.title is None and m.label != "PERSON":
                continue  # "bought a Walkman" of an Ada Walkman: a thing named after her
            w = tuple(m.words)
            first_name_word = len(w) == 1 and gazetteer.is_first_name(m.text)
            cands = []
            for p, forms in enumerate(full_forms):
                strength = max((_partial_strength(w, f) for f in forms), default=0)
                # a known first name the model calls a person's, used before the full name is
                # given, is that person all along (a story's "Tom" ... "Tom Garrity"); a
                # surname used so names someone else, and so does "Obama" before an "Obama
                # Speech" the model took for a full name
                if p in named_earlier and not (
                    strength == _FIRST_NAME and m.label == "PERSON" and first_name_word
                ):
                    continue
                if strength:
                    cands.append((strength, p))
            if not cands:
                continue
            place = gazetteer.lookup_place(m.text)
            if place is not None:
                # "Jordan" the country vs. Michael Jordan: decide by this mention's context
                # a place name that is the surname of someone the article names in full is
                # that person unless it stands where a place does ("Sydney Dallas" ...
                # "Dallas says"; not "in Dallas")
                person_like = m.context_person or (
                    not m.context_place
                    and (m.label == "PERSON" or m.dep in ("nsubj", "nsubjpass", "dobj", "poss"))
                )
                if not person_like:
                    continue
            elif m.context_place and m.label in ("GPE", "LOC", "FAC"):
                continue
            # "Mr Obama" is not Michelle Obama: a title's gender, or that of the other titled
            # mentions of the same bare name, rules out a person of the other gender
            gender = m.gender or cluster_gender
            if gender:
                cands = [(s, p) for s, p in cands if genders[p] in (None, gender)]
                if not cands:
                    continue
            top = max(s for s, _ in cands)
            cands = [p for s, p in cands if s == top]
            if len(cands) > 1:
                near = [
                    (mentions[j].start, p)
                    for p in cands
                    for j in persons[p]
                    if mentions[j].sent == m.sent and mentions[j].start < m.start
                ]
                if not near and all(titled_full[p] for p in cands):
                    # two office-holders of one surname ("Rep. Carla Denton", "Sen. Frank Denton"):
                    # the bare name is the one most recently named in full before it. Not for
                    # others: "Chelsea Clinton" in passing does not take over "Clinton".
                    near = [
                        (mentions[j].start, p)
                        for p in cands
                        for j in persons[p]
                        if mentions[j].n_tokens > 1 and mentions[j].start < m.start
                    ]
                cands = [max(near)[1]] if near else [max(cands, key=lambda p: salience[p])]
            moved[i] = cands[0]
    if not moved:
        return clusters
    out = []
    for c in clusters:
        if id(c) in person_no:
            p = person_no[id(c)]
            out.append(c + [i for i, q in moved.items() if q == p])
        else:
            rest = [i for i in c if i not in moved]
            if rest:
                out.append(rest)
    return out


_SURNAME, _FIRST_NAME = 2, 1
"""How surely a bare name is part of a full one: its last words, or its given name."""


def _partial_strength(bare: tuple[str, ...], full: tuple[str, ...]) -> int:
    """How the bare name `bare` fits the full name `full` (0: not at all)."""
    if len(full) > len(bare) and full[-len(bare):] == bare:
        return _SURNAME
    return _FIRST_NAME if len(bare) == 1 and len(full) > 1 and full[0] == bare[0] else 0


def _relative(m: Mention) -> bool:
    """The name comes in as someone's relative: "his son Arthur Roe", "her sister, Ann Roe"."""
    return m.prev in KINSHIP_NOUNS or (m.dep == "appos" and m.head_word in KINSHIP_NOUNS)


def _office(title: str | None) -> bool:
    """A title that names an office or rank ("sen", "governor"), not "Mr" or "brother"."""
    if title is None:
        return False
    return title in ROLE_WORDS or (title in HONORIFICS and HONORIFICS[title] is None)
