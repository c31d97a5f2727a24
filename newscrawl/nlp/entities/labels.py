"""One label and one canonical name per group of mentions, from all the group's evidence.

The small model tags each mention on its own and often disagrees with itself; this module
weighs the votes of all of an entity's mentions against the gazetteer, titles, speech verbs and
the head word of the name ("Midway Atoll" is a place whatever the model says). Grouping asks it
whether a group is a full-named person, so partial names can join that person.
"""

from __future__ import annotations

from collections import Counter

from newscrawl.nlp import gazetteer
from newscrawl.nlp.entities.mentions import Mention
from newscrawl.nlp.lexicon import (
    COMPANY_HEADS,
    ENCLOSING_PREPOSITIONS,
    EVENT_HEADS,
    FAC_HEADS,
    GENERIC_NAME_NOUNS,
    GEO_HEADS,
    HONORIFICS,
    KINSHIP_NOUNS,
    LABEL_PRIORITY,
    LAW_HEADS,
    NEWS_HEADS,
    NON_ENTITY_HEADS,
    ORG_HEADS,
    ORG_KIND_NOUNS,
    PEOPLE_NOUNS,
    PERSONAL_TITLES,
    PLACE_FIRST_WORDS,
    PLACE_KIND_NOUNS,
    PLACE_PREPOSITIONS,
    POLITY_HEADS,
    SHIP_PREFIXES,
    STREET_ABBREVIATIONS,
    STRONG_ORG_HEADS,
    UNLINKED_NOT_PERSON_PREPS,
    VEHICLE_NOUNS,
    VEHICLE_VERBS,
    WORK_HEADS,
)


def _vote(mentions: list[Mention], idx: list[int]) -> Counter:
    """The model's labels for mentions `idx`; a multi-word mention counts twice."""
    votes: Counter = Counter()
    for i in idx:
        m = mentions[i]
        votes[m.label] += 2 if m.n_tokens > 1 else 1
    return votes


def _top(votes: Counter) -> str:
    """The label with most votes; ties go to the one earlier in `LABEL_PRIORITY`."""
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


def _titled(mentions: list[Mention], idx: list[int]) -> bool:
    """A mention has a title or honorific before it ("Ms", "Captain")."""
    return any(mentions[i].title is not None for i in idx)


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
    """The mention of `idx` with most words (the first of equals)."""
    return max((mentions[i] for i in idx), key=lambda m: m.n_tokens)


def is_full_person(mentions: list[Mention], idx: list[int]) -> bool:
    """A cluster with a multi-word name that its full-name mentions mostly tag PERSON, or a
    plain "Firstname Lastname" whose bare surname or first name is used as a person's."""
    multi = [i for i in idx if mentions[i].n_tokens > 1]
    if not multi:
        return False
    if any(
        gazetteer.lookup_place(mentions[i].text) or gazetteer.compound_place(mentions[i].text)
        for i in multi
    ):
        return False
    longest = _longest(mentions, idx)
    if _head_label(longest.key) is not None and not _person_evidence(mentions, idx):
        return False
    if longest.words[0] in PLACE_FIRST_WORDS and not _titled(mentions, idx):
        return False  # "Fort Carrow", "Mount Pelion": a place, even if it "offers" something
    votes = _vote(mentions, multi)
    honorific = any(mentions[i].title in HONORIFICS for i in idx)
    if _top(votes) == "PERSON" or (honorific and votes["PERSON"] > 0):
        return True
    partial = [i for i in idx if mentions[i].n_tokens == 1 and mentions[i].key in
               (longest.words[0], longest.words[-1])]
    return plain_name(longest) and surname_speaks_as_person(mentions, partial)


def plain_name(m: Mention) -> bool:
    """Two or three capitalised words starting with a known first name, no known place and
    no head noun of a place, organisation or work: a person's name whatever the model said."""
    words = m.text.split()
    return (
        m.n_tokens in (2, 3)
        and gazetteer.is_first_name(words[0])
        and len(words) == m.n_tokens
        and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words)
        and not all(w.isupper() for w in words)
        and gazetteer.lookup_place(m.text) is None
        and _head_label(m.key) is None
    )


def surname_speaks_as_person(mentions: list[Mention], idx: list[int]) -> bool:
    """The bare-surname mentions `idx` are used as a person's: one is a speaker or titled,
    or the model tags most of them PERSON (as "Rudolph" when it called "Mason Rudolph" ORG)."""
    if not idx or any(mentions[i].prev == "the" for i in idx):
        return False  # "the Moon" is no one's surname
    if any(mentions[i].context_person for i in idx):
        return True
    votes = _vote(mentions, idx)
    return votes["PERSON"] * 2 > sum(votes.values())


def _head_word(key: str) -> str:
    """Head noun of a name: the word before "of" ("Journal" of "Journal of X"), else the last,
    with a street's abbreviation written out ("Blvd" of "Admiral Blvd" is a boulevard)."""
    words = key.split()
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return STREET_ABBREVIATIONS.get(words[-1], words[-1])


def _common_noun(mentions: list[Mention], idx: list[int], common_words: set[str]) -> bool:
    """A capitalised common noun, not a name: "the State", "the Government", "the Union" with
    no longer name of the article to stand for. One word that is the head noun of a kind of
    organisation, place or building, or that the text also writes in lowercase, with no
    gazetteer entry to make it a place and nothing to make it a person: a title, or for a word
    the text writes in lowercase also a speech verb (an institution speaks too: "the Court
    stated" names no one)."""
    if any(mentions[i].n_tokens > 1 for i in idx):
        return False
    key = mentions[idx[0]].key
    if key in GENERIC_NAME_NOUNS:
        # "the Court stated": an institution speaks too, only a title makes a person
        return not _titled(mentions, idx) and gazetteer.lookup_place(mentions[idx[0]].text) is None
    if key not in common_words:
        return False
    return not _person_evidence(mentions, idx) and gazetteer.lookup_place(
        mentions[idx[0]].text
    ) is None


def _role_noun(mentions: list[Mention], idx: list[int]) -> bool:
    """A family word or a title standing alone ("Mom said", "the Reverend arrived"): a way to
    address or describe someone, not a name. Never with a title before it, and never when the
    group has a longer name."""
    if any(mentions[i].n_tokens > 1 or mentions[i].title for i in idx):
        return False
    key = mentions[idx[0]].key
    return key in KINSHIP_NOUNS or key in HONORIFICS


def _kind_in_apposition(mentions: list[Mention], idx: list[int]) -> str | None:
    """The label a kind noun beside the name gives ("the company Lumora" ORG, "the province
    Tarvia Minor" GPE), for a name with no title and no speech verb."""
    if any(mentions[i].title or mentions[i].context_person for i in idx):
        return None
    for i in idx:
        m = mentions[i]
        if m.dep != "appos" or m.prev != m.head_word:
            continue
        if m.head_word in ORG_KIND_NOUNS:
            return "ORG"
        if m.head_word in PLACE_KIND_NOUNS:
            return "GPE"
    return None


def _vehicle(mentions: list[Mention], idx: list[int], votes: Counter) -> bool:
    """A named ship or spacecraft, not a person or organisation: a ship's prefix ("USS
    Enterprise"), a vehicle noun after the name ("the Voyager probe", not the maker's "NASA
    spacecraft"), or a name the model calls a person that only ever follows "the" and is what
    sails, sinks or lands ("the Mary Rose sank"): people's names take no article."""
    top = _top(votes)
    for i in idx:
        m = mentions[i]
        if m.words[0] in SHIP_PREFIXES and m.n_tokens > 1 and m.text.split()[0].isupper():
            return True
        if (
            m.dep == "compound"
            and m.head_word in VEHICLE_NOUNS
            and top != "ORG"
            and not m.text.isupper()
        ):
            return True
    return (
        top == "PERSON"
        and all(mentions[i].prev == "the" and mentions[i].dep != "compound" for i in idx)
        and any(mentions[i].head_word in VEHICLE_VERBS for i in idx)
        and not any(mentions[i].title or mentions[i].context_person for i in idx)
    )


def _person_with_article(mentions: list[Mention], idx: list[int], votes: Counter) -> bool:
    """A name the model calls a person that only ever follows "the" ("in the Louvre", "the
    Lodge"): people's names take no article, so it is a building or site. Not when the name
    modifies a noun ("the Brandt ruling"), has a title, speaks, is a title itself ("the
    Reverend") or has a head noun that says what it is ("the Harbour Regatta")."""
    return (
        _top(votes) == "PERSON"
        and all(mentions[i].prev == "the" and mentions[i].dep != "compound" for i in idx)
        and not any(mentions[i].title or mentions[i].context_person for i in idx)
        and _head_label(_longest(mentions, idx).key) is None
        and not _role_noun(mentions, idx)
    )


def cluster_label(mentions: list[Mention], idx: list[int], common_words: set[str]) -> str | None:
    """One label for a cluster from all its mentions' votes, the gazetteer and name heads.

    None means the cluster is not a named entity at all (a capitalised common word).
    """
    label = _label_by_evidence(mentions, idx, common_words)
    if label not in (None, "PERSON", "NORP") and _lone_first_name(mentions, idx, common_words):
        return "PERSON"
    return label


PERSON_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
"""Where a name acts or owns: what a person's name does in a sentence and a place's rarely."""


def _lone_first_name(mentions: list[Mention], idx: list[int], common_words: set[str]) -> bool:
    """A character called by a known first name alone ("Renata", "Tobias"), which the model
    takes for an organisation or a town: no place of that name, never after "the" or a
    preposition that puts something inside a place ("in Tobias"), and not a word the text also
    writes in lowercase. After the other place prepositions ("looks at Tobias", "turned to
    Tobias") and wherever the model calls every mention a place, one mention must act or own
    ("Tobias says", "Tobias's bag"): a first name in a list of towns is a town."""
    if any(mentions[i].n_tokens > 1 for i in idx):
        return False
    m = mentions[idx[0]]
    if m.text.isupper() or m.key in common_words or m.key in GENERIC_NAME_NOUNS:
        return False
    if gazetteer.first_name_gender(m.text) is None or gazetteer.lookup_place(m.text) is not None:
        return False
    if any(
        mentions[i].prev == "the"
        or (mentions[i].context_place and mentions[i].prev in ENCLOSING_PREPOSITIONS)
        for i in idx
    ):
        return False
    acts = any(mentions[i].context_person or mentions[i].dep in PERSON_DEPS for i in idx)
    if any(mentions[i].context_place for i in idx) or all(
        mentions[i].label in ("GPE", "LOC") for i in idx
    ):
        return acts
    return True


def _town_named_person(mentions: list[Mention], idx: list[int], places: list) -> bool:
    """A name the model calls a person that is also the name of a town ("Tyler", "Kennedy"):
    the person, when a mention has a title ("Justice Kennedy") or the name only acts or owns
    ("Tyler felt", "Tyler's parents") and never stands where a place does ("in Tyler")."""
    if not all(p.kind == "city" and not p.capital for p in places):
        return False
    if any(mentions[i].title for i in idx):
        return True
    return not any(mentions[i].context_place for i in idx) and any(
        mentions[i].dep in ("nsubj", "nsubjpass", "poss") for i in idx
    )


def _label_by_evidence(
    mentions: list[Mention], idx: list[int], common_words: set[str]
) -> str | None:
    """The label the votes, the gazetteer and the name's head word give (see `cluster_label`)."""
    votes = _vote(mentions, idx)
    if _top(votes) == "LANGUAGE" and all(mentions[i].dep in ("attr", "acomp") for i in idx):
        return "NORP"  # "the coach is English": what she is, not a language she speaks
    kind = _kind_in_apposition(mentions, idx)
    if kind is not None:
        return kind
    if _vehicle(mentions, idx, votes):
        return "PRODUCT"
    if _person_with_article(mentions, idx, votes):
        return "FAC"
    if is_full_person(mentions, idx):
        return "PERSON"
    if _common_noun(mentions, idx, common_words) or _role_noun(mentions, idx):
        return None
    if any(mentions[i].title in PERSONAL_TITLES for i in idx):
        return "PERSON"  # "Ms Davies" even when the model says ORG
    if any(mentions[i].title in HONORIFICS for i in idx) and votes["PERSON"] > 0:
        return "PERSON"
    top = _top(votes)
    places = [p for p in (gazetteer.lookup_place(mentions[i].text) for i in idx) if p is not None]
    if places:
        kinds = {p.kind for p in places}
        if "country" in kinds or "region" in kinds:
            region = all(p.kind == "region" for p in places)
            if not (votes["NORP"] and top == "NORP"):
                return "LOC" if region else "GPE"
        if (
            top == "ORG"
            and votes["ORG"] >= 2
            and all(p.kind == "city" and not p.capital for p in places)
            and not any(mentions[i].context_place or mentions[i].named_place for i in idx)
        ):
            return "ORG"  # "Toyota says", "according to Toyota": a company named after a town
        person_ctx = sum(1 for i in idx if mentions[i].context_person)
        if top not in ("FAC", "EVENT") and not (
            top == "PERSON"
            and (person_ctx * 2 > len(idx) or _town_named_person(mentions, idx, places))
        ):
            return "LOC" if top == "LOC" else "GPE"
    longest = _longest(mentions, idx)
    if (
        top in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "NORP")
        and (
            any(mentions[i].named_place for i in idx)
            or (
                top != "PERSON"  # "wrote to Spencer": a person after "to" is still a person
                and gazetteer.is_town(longest.text)
                and any(mentions[i].context_place for i in idx)
            )
        )
        and not _person_evidence(mentions, idx)
        and _head_label(longest.key) is None
    ):
        # "the island of Skarn", "east of Caldmere": the text says it is a place; "from
        # Paramus": a town's name where a place stands
        return "GPE"
    titled = any(mentions[i].title in HONORIFICS for i in idx)
    if top in ("PERSON", "ORG", "NORP") and not titled and gazetteer.compound_place(longest.text):
        return "GPE"  # "Wenby North", "Delhi-NCR": a place and its part
    if (
        top == "PERSON"
        and longest.n_tokens == 1
        and longest.text.endswith("s")
        and not _person_evidence(mentions, idx)
        and any(mentions[i].prev == "the" for i in idx)
        and not any(m.label == "PERSON" and m.words[-1] == longest.key[:-1] for m in mentions)
    ):
        # "the Steelers": a plural name is a team or a group, not one person ("the Clintons"
        # of an article about Clinton stay people)
        return "ORG"
    if longest.n_tokens > 1:
        head = _head_word(longest.key)
        if top == "PERSON":
            by_head = _head_label(longest.key)
            if by_head is not None and not _person_evidence(mentions, idx):
                return by_head or None  # "Midway Atoll", "Pell Grants", "Acme Holdings"
            if longest.words[0] in PLACE_FIRST_WORDS and not _titled(mentions, idx):
                return "GPE"  # "Fort Carrow", "Mount Pelion", "Lake Orrin": a place
        elif head in EVENT_HEADS:
            return "EVENT"
        elif head in POLITY_HEADS:
            return "GPE"  # "the Ottoman Empire", "the Kingdom of Tarvia": a state
        elif head in NEWS_HEADS:
            return "ORG"
        elif head in FAC_HEADS:
            return "FAC"
        elif head in STRONG_ORG_HEADS and top in ("LOC", "GPE", "NORP"):
            return "ORG"  # "North East Fishermen's Association"
        elif top not in ("GPE", "LOC", "FAC") and (
            head in GEO_HEADS or longest.words[0] in GEO_HEADS
        ):
            return "LOC"  # "the Ozark Plateau", "River Ouse": a natural feature
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
        # "from Punjab's capital" is as much a place use as "from Punjab"
        and all(
            mentions[i].context_place
            or mentions[i].prev in PLACE_PREPOSITIONS
            or mentions[i].dep == "compound"
            for i in idx
        )
    ):
        return "GPE"  # "from the Yorkshire coast": no sign of a person named Yorkshire
    if top == "PERSON" and longest.n_tokens == 1:
        # a lone capitalised word no full name explains: check it is used like a name
        if longest.key in common_words:
            return None
        if votes["ORG"] == votes["PERSON"] and not _person_evidence(mentions, idx):
            return "ORG"  # the model is split and nothing else says it is someone's name
        after_prep = sum(1 for i in idx if mentions[i].prev in UNLINKED_NOT_PERSON_PREPS)
        if after_prep * 2 > len(idx) and not any(mentions[i].context_person for i in idx):
            return "ORG"
        if after_prep and not _person_evidence(mentions, idx) and all(
            mentions[i].prev in UNLINKED_NOT_PERSON_PREPS
            or (mentions[i].dep == "compound" and mentions[i].prev not in ("'s", "’s"))
            for i in idx
        ):
            # "across Twitter", "Twitter users": never a subject or object on its own, only
            # a medium or a modifier; a person so named would act or be acted on somewhere
            return "ORG"
    return top


def canonical_name(mentions: list[Mention], idx: list[int], label: str) -> tuple[str, list[str]]:
    forms: dict[str, list[int]] = {}
    for i in sorted(idx, key=lambda i: mentions[i].start):
        forms.setdefault(mentions[i].text, []).append(i)
    preferred = [
        f
        for f, ii in forms.items()
        if any(mentions[i].label == label for i in ii)
        # a person's full name the model mistyped ("Kate York" GPE) is still their name
        or (label == "PERSON" and plain_name(mentions[ii[0]]))
    ]
    pool = preferred or list(forms)
    keys = {mentions[ii[0]].key for ii in forms.values()}

    def score(f: str) -> tuple:
        ii = forms[f]
        letters = f.replace(".", "").replace(" ", "")
        key = mentions[ii[0]].key
        return (
            len(key.split()),
            not (letters.isupper() and len(letters) > 3),
            key[:-1] not in keys or not key.endswith("s"),  # "CFL", not its plural "CFLs"
            len(ii),
            -mentions[ii[0]].start,
        )

    name = max(pool, key=score)
    aliases = [f for f in forms if f != name]
    return name, aliases

