"""Document-level resolution of named-entity mentions into real-world entities.

spaCy tags each mention on its own, so one person shows up as "Anna Smith" (PERSON), "Smith"
(ORG) and "Smith" (PRODUCT). This module groups the mentions of one article into entities
(surname and first-name mentions join the full name, defined acronyms join their long form,
spelling variants and country aliases join), then picks one label per entity from the evidence of
all its mentions and a gazetteer. The quotes step uses the same resolution to name speakers.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newscrawl.nlp import gazetteer
from newscrawl.nlp.lexicon import (
    COMPANY_HEADS,
    EVENT_HEADS,
    FAC_HEADS,
    FEMALE_ROLE_NOUNS,
    GEO_HEADS,
    HONORIFICS,
    LABEL_PRIORITY,
    LAW_HEADS,
    MALE_ROLE_NOUNS,
    NEWS_HEADS,
    NON_ENTITY_HEADS,
    ORG_HEADS,
    ORG_SUFFIXES,
    PEOPLE_NOUNS,
    PERSON_ATTACHABLE,
    PERSONAL_TITLES,
    ROLE_WORDS,
    STRONG_ORG_HEADS,
    UNLINKED_NOT_PERSON_PREPS,
    WORK_HEADS,
    norm_key,
)
from newscrawl.nlp.mentions import (
    Mention,
    define_acronyms,
    find_mentions,
    initials,
    is_acronym,
)


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


# --------------------------------------------------------------------------- clustering


class _UnionFind:
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


def _place_of(m: Mention) -> gazetteer.Place | None:
    return gazetteer.lookup_place(m.text)


def _string_clusters(mentions: list[Mention], pairs: list[tuple[str, str]]) -> list[list[int]]:
    """Cluster mentions whose names are variants of one name (no person-name reasoning yet)."""
    uf = _UnionFind(len(mentions))
    by_key: dict[str, int] = {}
    by_squash: dict[str, int] = {}
    by_place: dict[str, int] = {}
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
        place = _place_of(m)
        if place is not None and place.kind == "country" and m.label != "NORP":
            pk = norm_key(place.name)
            if pk in by_place:
                uf.union(by_place[pk], i)
            else:
                by_place[pk] = i
    for long_key, acr_key in pairs:
        if long_key in by_key and acr_key in by_key:
            uf.union(by_key[long_key], by_key[acr_key])
    # initialisms used without a definition: "U.N." for "United Nations"
    acronym_idx = {}
    for i, m in enumerate(mentions):
        if is_acronym(m.text) and m.label not in ("PERSON", "NORP"):
            acronym_idx.setdefault(m.text.replace(".", "").upper(), []).append(i)
    if acronym_idx:
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
    _join_qualified_orgs(mentions, uf, by_key)
    _join_place_parts(mentions, uf)
    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(uf.find(i), []).append(i)
    return list(groups.values())


def _join_qualified_orgs(mentions: list[Mention], uf: _UnionFind, by_key: dict[str, int]) -> None:
    """ "United Kingdom Home Office" is the "Home Office": drop a leading country name."""
    for i, m in enumerate(mentions):
        words = m.key.split()
        if m.label != "ORG" or len(words) < 2:
            continue
        for cut in range(min(3, len(words) - 1), 0, -1):
            head = " ".join(words[:cut])
            rest = " ".join(words[cut:])
            if rest in by_key and mentions[by_key[rest]].label == "ORG":
                place = gazetteer.lookup_place(head)
                if place is not None and place.kind == "country":
                    uf.union(by_key[rest], i)
                    break


def _join_place_parts(mentions: list[Mention], uf: _UnionFind) -> None:
    """A one-word place that starts or ends exactly one longer place name joins it
    ("Korea" -> "South Korea", "Washington" -> "Washington D.C."), unless the gazetteer knows
    both as different places ("Sudan" is not "South Sudan", "York" is not "New York")."""
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
        if gazetteer.lookup_place(m.text) and any(
            x.n_tokens > 1 and gazetteer.lookup_place(x.text) for x in members
        ):
            continue  # two known places: "Virginia" is not "West Virginia"
        uf.union(root, i)


def _vote(mentions: list[Mention], idx: list[int]) -> Counter:
    votes: Counter = Counter()
    for i in idx:
        m = mentions[i]
        votes[m.label] += 2 if m.n_tokens > 1 else 1
    return votes


def _top(votes: Counter) -> str:
    return max(votes, key=lambda lab: (votes[lab], -LABEL_PRIORITY.index(lab)
                                       if lab in LABEL_PRIORITY else -99))


def _head_label(key: str) -> str | None:
    """The label a name's head noun implies ("" for no entity type), None if it implies none.

    "Midway Atoll", "Pell Grants", "Northsea Renewables", "Fishermen's Association" are not
    people whatever the model says: their last word is a kind of place, programme or company.
    """
    words = key.split()
    if len(words) < 2:
        return None
    head = _head_word(key)
    for heads, label in (
        (GEO_HEADS, "LOC"), (WORK_HEADS, "WORK_OF_ART"), (LAW_HEADS, "LAW"),
        (NON_ENTITY_HEADS, ""), (COMPANY_HEADS, "ORG"), (STRONG_ORG_HEADS, "ORG"),
        (NEWS_HEADS, "ORG"), (EVENT_HEADS, "EVENT"), (FAC_HEADS, "FAC"), (ORG_HEADS, "ORG"),
    ):
        if head in heads:
            return label
    return None


def _person_evidence(mentions: list[Mention], idx: list[int]) -> bool:
    """Something besides the model's tag says these mentions name a person: a title, a
    speech verb after the name, or a two-word name that starts with a common first name."""
    for i in idx:
        m = mentions[i]
        if m.title in HONORIFICS or m.title in PERSONAL_TITLES or m.context_person:
            return True
        words = m.text.split()
        if len(words) == 2 and gazetteer.is_first_name(words[0]):
            return True
    return False


def _longest(mentions: list[Mention], idx: list[int]) -> Mention:
    return max((mentions[i] for i in idx), key=lambda m: m.n_tokens)


def _is_full_person(mentions: list[Mention], idx: list[int]) -> bool:
    """A cluster with a multi-word name that its full-name mentions mostly tag PERSON."""
    multi = [i for i in idx if mentions[i].n_tokens > 1]
    if not multi:
        return False
    if any(gazetteer.lookup_place(mentions[i].text) for i in multi):
        return False
    if _head_label(_longest(mentions, idx).key) is not None and not _person_evidence(
        mentions, idx
    ):
        return False
    votes = _vote(mentions, multi)
    honorific = any(mentions[i].title in HONORIFICS for i in idx)
    return _top(votes) == "PERSON" or (honorific and votes["PERSON"] > 0)


def _attach_partial_names(
    mentions: list[Mention], clusters: list[list[int]], doc: Doc
) -> list[list[int]]:
    """Move bare surname / first-name mentions into the full-name person they refer to."""
    persons = [c for c in clusters if _is_full_person(mentions, c)]
    # "De Blasio" is part of "Bill de Blasio": a person whose names all end one other person's
    # name is a partial mention ("Donald Trump" does not end "Donald Trump Jr", so it stays)
    forms_of = [{tuple(mentions[i].words) for i in c if mentions[i].n_tokens > 1} for c in persons]

    def part_of(small: set[tuple[str, ...]], big: set[tuple[str, ...]]) -> bool:
        return all(
            any(len(b) > len(f) and b[-len(f):] == f for b in big)
            for f in small
        )

    persons = [
        c for k, c in enumerate(persons)
        if not any(part_of(forms_of[k], forms_of[j]) for j in range(len(persons)) if j != k)
    ]
    if not persons:
        return clusters
    full_forms: list[list[list[str]]] = []
    salience: list[tuple[int, int]] = []
    first_full = [min(mentions[i].start for i in c if mentions[i].n_tokens > 1) for c in persons]
    for c in persons:
        forms = {tuple(mentions[i].words) for i in c if mentions[i].n_tokens > 1}
        full_forms.append([list(f) for f in forms])
        salience.append((len(c), -min(mentions[i].start for i in c)))
    genders = _genders(mentions, persons, ["PERSON"] * len(persons), doc)
    person_ids = {id(c) for c in persons}
    moved: dict[int, int] = {}  # mention index -> person number
    for c in clusters:
        if id(c) in person_ids:
            continue
        titled = {mentions[i].gender for i in c if mentions[i].gender}
        cluster_gender = titled.pop() if len(titled) == 1 else None
        starts = sorted(mentions[i].start for i in c)
        # a bare name used twice before a full name is introduced names someone else
        # ("Mr. Obama" ... "the first lady, Michelle Obama")
        named_earlier = {
            p for p, first in enumerate(first_full) if bisect.bisect_left(starts, first) >= 2
        }
        for i in c:
            m = mentions[i]
            if m.label not in PERSON_ATTACHABLE:
                continue
            w = m.words
            cands = []
            for p, forms in enumerate(full_forms):
                strength = 0
                for f in forms:
                    if len(f) > len(w) and f[-len(w):] == w:
                        strength = max(strength, 2)
                    elif len(w) == 1 and len(f) > 1 and f[0] == w[0]:
                        strength = max(strength, 1)
                if strength and p not in named_earlier:
                    cands.append((strength, p))
            if not cands:
                continue
            place = _place_of(m)
            if place is not None:
                # "Jordan" the country vs. Michael Jordan: decide by this mention's context
                person_like = m.context_person or (m.label == "PERSON" and not m.context_place)
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
                cands = [max(near)[1]] if near else [max(cands, key=lambda p: salience[p])]
            moved[i] = cands[0]
    if not moved:
        return clusters
    out = []
    for c in clusters:
        if id(c) in person_ids:
            p = next(k for k, pc in enumerate(persons) if pc is c)
            out.append(c + [i for i, q in moved.items() if q == p])
        else:
            rest = [i for i in c if i not in moved]
            if rest:
                out.append(rest)
    return out


def _head_word(key: str) -> str:
    """Head noun of a name: the word before "of" ("Journal" of "Journal of X"), else the last."""
    words = key.split()
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return words[-1]


def _label(mentions: list[Mention], idx: list[int], common_words: set[str]) -> str | None:
    """One label for a cluster from all its mentions' votes, the gazetteer and name heads.

    None means the cluster is not a named entity at all (a capitalised common word).
    """
    votes = _vote(mentions, idx)
    if _is_full_person(mentions, idx):
        return "PERSON"
    if any(mentions[i].title in PERSONAL_TITLES for i in idx):
        return "PERSON"  # "Ms Davies" even when the model says ORG
    if any(mentions[i].title in HONORIFICS for i in idx) and votes["PERSON"] > 0:
        return "PERSON"
    top = _top(votes)
    places = [p for p in (_place_of(mentions[i]) for i in idx) if p is not None]
    if places:
        kinds = {p.kind for p in places}
        if "country" in kinds or "region" in kinds:
            region = all(p.kind == "region" for p in places)
            if not (votes["NORP"] and top == "NORP"):
                return "LOC" if region else "GPE"
        person_ctx = sum(1 for i in idx if mentions[i].context_person)
        if top not in ("FAC", "EVENT") and not (top == "PERSON" and person_ctx * 2 > len(idx)):
            return "LOC" if top == "LOC" else "GPE"
    longest = _longest(mentions, idx)
    if longest.n_tokens > 1:
        head = _head_word(longest.key)
        if top == "PERSON":
            by_head = _head_label(longest.key)
            if by_head is not None and not _person_evidence(mentions, idx):
                return by_head or None  # "Midway Atoll", "Pell Grants", "Acme Holdings"
        elif head in EVENT_HEADS:
            return "EVENT"
        elif head in NEWS_HEADS:
            return "ORG"
        elif head in FAC_HEADS:
            return "FAC"
        elif head in STRONG_ORG_HEADS and top in ("LOC", "GPE", "NORP"):
            return "ORG"  # "North East Fishermen's Association"
    lone_name = longest.n_tokens == 1 and (
        top == "ORG" or (top == "PERSON" and not _person_evidence(mentions, idx))
    )
    if lone_name and any(
        mentions[i].dep in ("compound", "amod") and mentions[i].head_word in PEOPLE_NOUNS
        for i in idx
    ):
        return "NORP"  # "Ashanti elders", "the Zulu kingdom"
    if (
        top in ("ORG", "PRODUCT", "WORK_OF_ART", "LAW", "FAC")
        and longest.n_tokens <= 3
        and gazetteer.lookup_subdivision(longest.text)
        and not any(mentions[i].dep in ("nsubj", "nsubjpass") for i in idx)
    ):
        return "GPE"  # "the Northumberland coast": a county, not an organisation
    if (
        top == "PERSON"
        and longest.n_tokens == 1
        and gazetteer.lookup_subdivision(longest.text)
        and not _person_evidence(mentions, idx)
        and all(mentions[i].context_place or mentions[i].dep == "compound" for i in idx)
    ):
        return "GPE"  # "from the Yorkshire coast": no sign of a person named Yorkshire
    if top == "PERSON" and longest.n_tokens == 1:
        # a lone capitalised word no full name explains: check it is used like a name
        if longest.key in common_words:
            return None
        after_prep = sum(1 for i in idx if mentions[i].prev in UNLINKED_NOT_PERSON_PREPS)
        if after_prep * 2 > len(idx) and not any(mentions[i].context_person for i in idx):
            return "ORG"
    return top


def _canonical(mentions: list[Mention], idx: list[int], label: str) -> tuple[str, list[str]]:
    forms: dict[str, list[int]] = {}
    for i in sorted(idx, key=lambda i: mentions[i].start):
        forms.setdefault(mentions[i].text, []).append(i)
    preferred = [f for f, ii in forms.items() if any(mentions[i].label == label for i in ii)]
    pool = preferred or list(forms)

    def score(f: str) -> tuple:
        ii = forms[f]
        letters = f.replace(".", "").replace(" ", "")
        return (
            len(mentions[ii[0]].key.split()),
            not (letters.isupper() and len(letters) > 3),
            len(ii),
            -mentions[ii[0]].start,
        )

    name = max(pool, key=score)
    aliases = [f for f in forms if f != name]
    return name, aliases


PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})


def _quoted_mask(text: str) -> bytearray:
    """1 for every character inside a quotation: pronouns there refer to other people.

    Curly quotes nest (a quoted word inside a quote) and an unclosed one runs to the end of its
    paragraph, as in quotes that go on over several paragraphs; straight quotes toggle.
    """
    mask = bytearray(len(text))
    depth = 0
    straight = False
    for i, ch in enumerate(text):
        if ch == "\n":
            depth, straight = 0, False
        elif ch == "\u201c":
            depth += 1
        elif ch == "\u201d":
            depth = max(0, depth - 1)
            mask[i] = 1
        elif ch == '"':
            straight = not straight
            mask[i] = 1
        if depth or straight:
            mask[i] = 1
    return mask


def _role_gender(doc: Doc, start: int, end: int) -> str | None:
    """Gender from a gendered role noun right before the name ("spokeswoman Jane Roe",
    "his wife, Jane") or in apposition after it ("John Doe, her husband,")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    near = []
    if span.start > 0:
        prev = doc[span.start - 1]
        near.append(prev)
        if prev.text == "," and span.start > 1 and span.root.dep_ == "appos":
            near.append(doc[span.start - 2])
    root = span.root
    near += [t for t in root.children if t.dep_ == "appos" and t.i >= span.end]
    found = set()
    for t in near:
        word = t.lower_
        if word in MALE_ROLE_NOUNS:
            found.add("m")
        elif word in FEMALE_ROLE_NOUNS:
            found.add("f")
    return found.pop() if len(found) == 1 else None


def _pronoun_votes(doc: Doc, spans: list[list[tuple[int, int]]]) -> list[Counter]:
    """he/she subject pronouns tied to the person the parse makes their antecedent.

    A pronoun counts for a person when that person is the only one named before it in its own
    sentence (or, if nobody is, in that and the previous sentence) and one of those mentions is
    a subject; anything less certain ("Trump said Clinton started it and he ...", a pronoun in
    a quotation) is no evidence.
    """
    votes = [Counter() for _ in spans]
    marks = sorted((s, e, k) for k, ss in enumerate(spans) for s, e in ss)
    if not marks:
        return votes
    starts = [s for s, _, _ in marks]
    quoted = _quoted_mask(doc.text)
    for t in doc:
        if t.lower_ not in ("he", "she") or t.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if quoted[t.idx]:
            continue
        sent = t.sent
        j = bisect.bisect_left(starts, t.idx)
        lo = bisect.bisect_left(starts, sent.start_char)
        window = sent.start
        if lo == j and sent.start > 0:  # nobody named before it in its own sentence
            window = doc[sent.start - 1].sent.start
            lo = bisect.bisect_left(starts, doc[window].idx)
        found = {marks[i][2] for i in range(lo, j)}
        if len(found) != 1:
            continue
        k = found.pop()
        subject = False
        for i in range(lo, j):
            s, e, _ = marks[i]
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and not quoted[s] and span.root.dep_ in ("nsubj", "nsubjpass"):
                subject = True
        if not subject or _other_person_between(doc, window, t.i, marks):
            continue
        first_k = doc.char_span(marks[lo][0], marks[lo][1], alignment_mode="expand")
        if first_k is None or any(
            x.lower_ in PERSON_PRONOUNS for x in doc[window:first_k.start]
        ):
            continue  # "he claimed that Clinton started it and he ...": someone else is "he"
        votes[k]["m" if t.lower_ == "he" else "f"] += 1
    return votes


def _other_person_between(doc: Doc, a: int, b: int, marks: list[tuple[int, int, int]]) -> bool:
    """Whether tokens [a, b) hold a model PERSON name that is none of the resolved mentions."""
    for i in range(a, b):
        t = doc[i]
        if t.ent_type_ != "PERSON":
            continue
        j = bisect.bisect_right(marks, (t.idx, 1 << 30, 1 << 30)) - 1
        if j < 0 or marks[j][1] <= t.idx:
            return True
    return False


def _decide_gender(strong: Counter, name: str | None, weak: Counter) -> str | None:
    """Titles and gendered role nouns decide unless the tied pronouns clearly disagree; a
    first name decides unless any tied pronoun disagrees ("Lindsey Graham ... he"); pronouns
    alone decide when they (nearly) agree. Any real conflict gives None."""
    if strong["m"] and strong["f"]:
        return None
    g = "m" if strong["m"] else "f" if strong["f"] else None
    if g is not None:
        other = "f" if g == "m" else "m"
        if weak[other] >= 2 and weak[other] > weak[g]:
            return None
        return g
    if name is not None:
        other = "f" if name == "m" else "m"
        return None if weak[other] > weak[name] else name
    m_, f_ = weak["m"], weak["f"]
    if m_ and m_ >= 4 * f_:
        return "m"
    if f_ and f_ >= 4 * m_:
        return "f"
    return None


def _span_genders(
    doc: Doc,
    spans: list[list[tuple[int, int]]],
    titled: list[set[str]],
    first_names: list[str | None],
) -> list[str | None]:
    """Gender per person from the evidence of all its mentions (see `_decide_gender`)."""
    weak = _pronoun_votes(doc, spans)
    out: list[str | None] = []
    for k, ss in enumerate(spans):
        strong: Counter = Counter()
        for g in titled[k]:
            strong[g] += 1
        for s, e in ss:
            g = _role_gender(doc, s, e)
            if g:
                strong[g] += 1
        name = gazetteer.first_name_gender(first_names[k]) if first_names[k] else None
        out.append(_decide_gender(strong, name, weak[k]))
    return out


def _first_name(forms: list[str]) -> str | None:
    """The given name of the fullest multi-word form ("Hillary" of "Hillary Rodham Clinton")."""
    multi = [f.split() for f in forms if len(f.split()) > 1]
    if not multi:
        return None
    first = max(multi, key=len)[0]
    return first if len(first.rstrip(".")) > 1 else None


def _genders(mentions: list[Mention], clusters: list[list[int]], labels: list[str],
             doc: Doc) -> list[str | None]:
    """Gender per PERSON cluster of mentions (None for other labels or without evidence)."""
    people_idx = [k for k, lab in enumerate(labels) if lab == "PERSON"]
    spans = [[(mentions[i].start, mentions[i].end) for i in clusters[k]] for k in people_idx]
    titled = [{mentions[i].gender for i in clusters[k] if mentions[i].gender} for k in people_idx]
    firsts = [_first_name([mentions[i].text for i in clusters[k]]) for k in people_idx]
    found = _span_genders(doc, spans, titled, firsts)
    out: list[str | None] = [None] * len(clusters)
    for k, g in zip(people_idx, found, strict=True):
        out[k] = g
    return out


def resolve(doc: Doc) -> Resolution:
    """Group the named mentions of `doc` into entities with one label and canonical name each."""
    mentions = find_mentions(doc)
    pairs = define_acronyms(doc, mentions)
    _fix_sentence_numbers(doc, mentions)
    clusters = _string_clusters(mentions, pairs)
    clusters = _attach_partial_names(mentions, clusters, doc)
    common = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    labelled = [(c, _label(mentions, c, common)) for c in clusters]
    clusters = [c for c, lab in labelled if lab is not None]
    labels = [lab for _, lab in labelled if lab is not None]
    entities = []
    for c, label in zip(clusters, labels, strict=True):
        name, aliases = _canonical(mentions, c, label)
        spans = sorted({(mentions[i].start, mentions[i].end) for i in c})
        entities.append(ResolvedEntity(name, label, aliases, spans))
    _propagate(doc.text, entities, common)
    # gender last: the mentions `_propagate` found can be the antecedents of pronouns
    people_idx = [k for k, lab in enumerate(labels) if lab == "PERSON"]
    found = _span_genders(
        doc,
        [entities[k].spans for k in people_idx],
        [{mentions[i].gender for i in clusters[k] if mentions[i].gender} for k in people_idx],
        [_first_name([entities[k].name, *entities[k].aliases]) for k in people_idx],
    )
    for k, g in zip(people_idx, found, strict=True):
        entities[k].gender = g
    entities.sort(key=lambda e: e.spans[0])
    return Resolution(entities)


def _propagate(text: str, entities: list[ResolvedEntity], common: set[str]) -> None:
    """Add the occurrences of an entity's names that the model did not tag.

    The small model tags "Smith said" but not "Later Smith met": every other exact-case
    occurrence of a name (or of a person's surname) that no mention covers is a mention too,
    unless the string names two entities, is a place name that is also a person's surname, or
    is a word the text also uses in lowercase.
    """
    owner: dict[str, int] = {}
    ambiguous: set[str] = set()
    for n, ent in enumerate(entities):
        forms = {ent.name, *ent.aliases}
        if ent.label == "PERSON" and " " in ent.name:
            forms.add(ent.name.split()[-1])
        words = ent.name.split()
        if ent.label == "ORG" and len(words) > 1 and norm_key(words[-1]) in ORG_SUFFIXES:
            forms.add(" ".join(words[:-1]).rstrip(","))
        for form in forms:
            if len(form) < 2 or (" " not in form and form.lower() in common):
                continue
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
        pattern = r"(?<![\w\-.])" + re.escape(form) + r"(?![\w\-])"
        for m in re.finditer(pattern, text):
            s, e = m.span()
            if any(covered[s:e]):
                continue
            covered[s:e] = b"\x01" * (e - s)
            added.setdefault(n, []).append((s, e))
    for n, spans in added.items():
        entities[n].spans = sorted(entities[n].spans + spans)


def _fix_sentence_numbers(doc: Doc, mentions: list[Mention]) -> None:
    """Give every mention the index of its sentence (added mentions only knew a token index)."""
    bounds = [s.start_char for s in doc.sents]
    for m in mentions:
        m.sent = bisect.bisect_right(bounds, m.start) - 1
