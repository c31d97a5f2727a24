"""Repair spaCy's entity spans before they become mentions: boundaries, possessives, titles.

The small model's spans carry titles ("Defence Secretary Anna Smith"), determiners, possessives
and sentence-initial words, cut names short ("Dries" | "Mertens") or run two names together
("Green Party's Jill Stein"). These token-level repairs are kept apart from `mentions`, which
turns the repaired spans into `Mention`s and adds document-level evidence.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newscrawl.nlp import gazetteer
from newscrawl.nlp.doc_text import per_doc
from newscrawl.nlp.lexicon import (
    COMPANY_HEADS,
    COMPASS_WORDS,
    EVENT_HEADS,
    FAC_HEADS,
    HONORIFICS,
    MODIFIER_PREFIXES,
    NAME_PARTICLES,
    NEWS_HEADS,
    NON_NAME_POS,
    OFFICE_QUALIFIERS,
    ORG_HEADS,
    ORG_SUFFIXES,
    PERSONAL_TITLES,
    POSTNOMINALS,
    ROLE_WORDS,
    VALUE_LABELS,
    norm_key,
    title_word,
)

NAME_HEADS = ORG_HEADS | EVENT_HEADS | NEWS_HEADS | FAC_HEADS | COMPANY_HEADS
"""Head nouns that make a name an organisation, event or building, never a person."""

_DIGIT_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)
"""A numbered unit's ordinal ("82nd Brigade", "1st Battalion"): part of its name."""
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
"""A year after a name is a date the model ran into the name (other numbers stay: "Studio 9")."""


def name_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start token, end token, label) of every non-numeric entity of `doc`, repaired."""
    spans = _join_split_person(_join_split_at_and(_fix_boundaries(doc), doc), doc)
    return _split_at_verbs(_split_possessives(spans, doc), doc)


def _join_split_at_and(
    spans: list[tuple[int, int, str]], doc: Doc
) -> list[tuple[int, int, str]]:
    """ "the Bill" | "and" | "Melinda Gates Foundation" is one name cut at its inner "and":
    after "the", a name followed by "and"/"&" and a name that ends in an organisation's,
    event's or building's head noun in the singular, when the first part has no head noun of
    its own (so "the Council of Europe and the United Nations", "the Arts Council and Film
    Board", "the Regent and Lyric Theatres" stay two)."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out:
            p_start, p_end, p_label = out[-1]
            if (
                p_end + 1 == start
                and doc[p_end].lower_ in ("and", "&")
                and p_start > 0
                and doc[p_start - 1].lower_ == "the"
                and doc[end - 1].lower_ in NAME_HEADS
                and doc[end - 1].tag_ not in ("NNS", "NNPS")
                and not any(t.lower_ in NAME_HEADS for t in doc[p_start:p_end])
                and "\n" not in doc[p_start:end].text
            ):
                out[-1] = (p_start, end, label)
                continue
        out.append((start, end, label))
    return out


def _join_split_person(
    spans: list[tuple[int, int, str]], doc: Doc
) -> list[tuple[int, int, str]]:
    """ "Sydney" (GPE) | "Dallas" (GPE) side by side is one person, "Sydney Dallas": two
    one-word names in a row, the first a known first name modifying the second, that together
    name no known place. Names that are places too make the model split a person's name."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out:
            p_start, p_end, p_label = out[-1]
            first, last = doc[p_start], doc[start]
            if (
                p_end == start
                and p_end - p_start == 1
                and end - start == 1
                and first.whitespace_ == " "
                and first.head.i == start
                and first.dep_ == "compound"
                and {p_label, label} <= {"GPE", "LOC", "PERSON", "ORG", "NORP"}
                and gazetteer.is_first_name(first.text)
                and last.text[:1].isupper()
                and not gazetteer.lookup_place(f"{first.text} {last.text}")
            ):
                out[-1] = (p_start, end, "PERSON")
                continue
        out.append((start, end, label))
    return out


def _split_at_verbs(spans: list[tuple[int, int, str]], doc: Doc) -> list[tuple[int, int, str]]:
    """ "Bragg hit Hensley" tagged as one name is two: a word no name contains ends one name
    and starts another. Such words: a lowercase verb or demonstrative ("Kraus this Court"), a
    slash or dash between spaces ("Newsmax / Zogby", "Tulsa \u2013 Wichita"; a hyphen
    between spaces may join one name's words), and in an
    organisation's, building's or place's name a comma not followed by a company suffix
    ("County of Kent, Office of the Mayor", "Lindhaven, Norvale": a place and the larger one
    it lies in; "Acme, Inc." stays). Names of works ("Gone with the Wind") keep theirs."""
    out = []
    for start, end, label in spans:
        cuts = [i for i in range(start + 1, end - 1) if _separates_names(doc, i, label)]
        if not cuts or label in ("WORK_OF_ART", "EVENT", "LAW"):
            out.append((start, end, label))
            continue
        edges = [start, *[x for c in cuts for x in (c, c + 1)], end]
        out += [(a, b, label) for a, b in zip(edges[::2], edges[1::2], strict=True) if b > a]
    return out


def _separates_names(doc: Doc, i: int, label: str) -> bool:
    """Token `i` inside a span is a word between two names (see `_split_at_verbs`)."""
    t = doc[i]
    if t.is_lower and (t.pos_ in ("VERB", "AUX") or t.lower_ in ("this", "that", "these", "those")):
        return True
    if t.text in ("/", "\u2013", "\u2014") and t.whitespace_ and doc[i - 1].whitespace_:
        return True
    return (
        t.text == ","
        and label in ("ORG", "FAC", "GPE", "LOC")
        and doc[i + 1].lower_.rstrip(".") not in ORG_SUFFIXES
    )


def trim_name(toks: list[Token], label: str) -> tuple[list[Token], str | None]:
    """Tokens of the name proper (no determiner, title, possessive) and the title if any."""
    while toks and toks[0].is_space:
        toks = toks[1:]
    # a name never crosses a paragraph or an opening bracket: keep the part before
    cut = next(
        (i for i, t in enumerate(toks) if "\n" in t.whitespace_ or (t.is_space and "\n" in t.text)),
        None,
    )
    if cut is not None:
        toks = toks[: cut + (0 if toks[cut].is_space else 1)]
    toks = [t for t in toks if not t.is_space]
    cut = next((i for i, t in enumerate(toks) if t.text == "(" and i > 0), None)
    if cut is not None:
        toks = toks[:cut]
    title = None
    while toks and (toks[0].lower_ in ("the", "a", "an") or toks[0].is_punct):
        toks = toks[1:]
    if len(toks) > 2 and toks[0].lower_ in COMPASS_WORDS and toks[1].lower_ == "of":
        toks = toks[2:]  # "Northeast of" | "Harrowgate": a direction from the place, not its name
    toks = _drop_prefixed_modifier(toks)
    while toks and (
        toks[-1].lower_ in ("'s", "\u2019s", "'", "\u2019")
        or (toks[-1].is_lower and toks[-1].lower_ in ("the", "of", "and", "a", "an"))
        or toks[-1].is_punct
        or (
            len(toks) > 1
            and label in ("ORG", "GPE", "PERSON", "NORP")
            and (_YEAR.fullmatch(toks[-1].text) or _score(toks[-1]))
        )
        or (len(toks) > 2 and label == "PERSON" and _honour_letters(toks[-1]))
    ):
        if toks[-1].text in (".",) and len(toks) > 1 and len(toks[-2].text) == 1:
            break  # keep the dot of an initial ("U.S.")
        toks = toks[:-1]
    cut = _lowercase_of_tail(toks, label)
    if cut:
        toks = toks[:cut]  # "Grand Assembly" | "of elders and chiefs"
    while len(toks) > 1 and _leading_common_word(toks, label):
        toks = toks[1:]  # leading common words: "north African", "ex-", "Later Smith"
    if label == "PERSON":
        # strip a leading run of titles ("U.S. Defence Secretary", "Prime Minister of Japan")
        last_title = -1
        for i, t in enumerate(toks[:-1]):
            w = title_word(t)
            if w in HONORIFICS or w in ROLE_WORDS:
                last_title = i
            elif not (
                w in ("of", "the", "to", "for", "and", "&")
                or w in OFFICE_QUALIFIERS
                or gazetteer.is_country(t.text)
            ):
                break
        if last_title >= 0 and toks[last_title + 1].text[:1].isupper():
            title = title_word(toks[last_title])
            toks = toks[last_title + 1 :]
        cut = next((i for i, t in enumerate(toks) if t.lower_ == "of"), None)
        if cut is not None and cut >= 2 and gazetteer.is_first_name(toks[0].text):
            toks = toks[:cut]  # "Patrick Gordon of Auchleuchries": the name ends before "of"
        cut = _affiliation_prefix(toks)
        if cut:
            roles = [title_word(t) for t in toks[:cut] if title_word(t) in ROLE_WORDS]
            title = roles[-1] if roles else title
            toks = toks[cut:]
    elif len(toks) > 1 and title_word(toks[0]) in PERSONAL_TITLES and toks[1].text[:1].isupper():
        title = title_word(toks[0])
        toks = toks[1:]
    return toks, title


def _lowercase_of_tail(toks: list[Token], label: str) -> int:
    """Where a name ends that the model ran on over "of"/"for" and common words only ("a
    Grand Assembly of elders and chiefs"): the index of that "of", or 0. A
    name's own "of"-part is capitalised ("Society of Friends"); titles of works keep theirs."""
    if label in ("WORK_OF_ART", "LAW", "EVENT"):
        return 0
    for i in range(1, len(toks) - 1):
        if toks[i].lower_ in ("of", "for"):
            tail = toks[i + 1 :]
            if any(t.is_alpha for t in tail) and all(
                t.is_lower and t.lower_ not in NAME_PARTICLES for t in tail
            ):
                return i
            return 0
    return 0


def _honour_letters(t: Token) -> bool:
    """Post-nominal letters of a degree or honour ("FRS", "PhD", "QC"), not a generation
    ("Jr", one capital): "Ann Roe FRS" is Ann Roe, "Al Roe Jr" is not Al Roe."""
    return norm_key(t.text) in POSTNOMINALS and sum(c.isupper() for c in t.text) >= 2


def _score(t: Token) -> bool:
    """A number that starts a score ("Sweden 1 \u2013 0 Korea"): not part of the team's name."""
    doc = t.doc
    return (
        t.like_num
        and t.i + 2 < len(doc)
        and doc[t.i + 1].text in ("-", "\u2013", "\u2014", ":")
        and doc[t.i + 2].like_num
    )


def _leading_common_word(toks: list[Token], label: str) -> bool:
    """The first token is a common word, not part of the name: lowercase ("north African"),
    or a capitalised adverb or verb starting the sentence ("Later Smith"). A numbered unit's
    ordinal ("82nd Brigade") and a word hyphened to the next ("Save-A-Pet") stay."""
    first = toks[0]
    if first.lower_ in NAME_PARTICLES:
        return False
    if (
        label != "PERSON"
        and _DIGIT_ORDINAL.fullmatch(first.text)
        and not (len(toks) == 2 and toks[1].is_upper)
    ):
        return False  # "82nd Brigade", but not "60th" of "the 60th NATO summit"
    if not any(ch.isupper() for ch in first.text):
        return True
    if first.whitespace_ == "" and toks[1].text == "-":
        return False
    return first.pos_ in NON_NAME_POS


def _drop_prefixed_modifier(toks: list[Token]) -> list[Token]:
    """Remove "pro-Moscow" from "pro-Moscow Unity Party": a "pro-"/"anti-" compound modifies
    the name that follows it (or a common noun, "anti-Kremlin protesters") and names nothing."""
    doc = toks[0].doc if toks else None
    i = 0
    while i < len(toks) and (
        (toks[i].is_lower and toks[i].lower_ in MODIFIER_PREFIXES) or toks[i].text == "-"
    ):
        i += 1  # the prefix inside the span
    start = toks[i].i if i < len(toks) else None
    if start is None or start < 2:
        return toks
    hyphen, prefix = doc[start - 1], doc[start - 2]
    if not (
        hyphen.text == "-"
        and hyphen.whitespace_ == ""
        and prefix.whitespace_ == ""
        and prefix.is_lower
        and prefix.lower_ in MODIFIER_PREFIXES
    ):
        return toks
    j = i + 1  # the modifier word and anything hyphened to it ("anti-Kremlin-backed")
    while j + 1 < len(toks) and toks[j].text == "-" and toks[j - 1].whitespace_ == "":
        j += 2
    return toks[j:]


def lowercase_words(doc: Doc) -> frozenset[str]:
    """The words `doc` writes in lowercase somewhere (computed once per document)."""
    return per_doc(doc, "newscrawl.lowercase_words",
                   lambda d: frozenset(t.lower_ for t in d if t.is_lower))


def _is_abbreviation(t: Token) -> bool:
    """A short all-capital word ("DL", "NFL", "CEO"): a position, team or body, not a name."""
    return t.is_alpha and t.is_upper and 2 <= len(t.text) <= 4


def _affiliation_prefix(toks: list[Token]) -> int:
    """Number of leading tokens that are a team, body or position before a person's name.

    "Browns DL Sheldon Richardson", "NFL Insider Jason La Canfora": the words before a known
    first name that is followed by at least one more name word end in an abbreviation or a
    role word; anything capitalised before that marker is the team or body it belongs to. A
    short name after a lone abbreviation ("AJ Green") is left alone: the letters may be
    initials.
    """
    if len(toks) < 3:
        return 0
    if toks[-1].lower_ in lowercase_words(toks[0].doc) or toks[-1].tag_ == "NNPS":
        return 0  # "BMJ Case Reports": the last word is a common noun, not a surname
    for j in range(1, len(toks) - 1):
        if not gazetteer.is_first_name(toks[j].text) or not toks[j + 1].text[:1].isupper():
            continue
        marker = toks[j - 1]
        if (_is_abbreviation(marker) or title_word(marker) in ROLE_WORDS) and all(
            t.text[:1].isupper() for t in toks[:j]
        ):
            return j
        return 0  # only the first known first name may start the name
    return 0


def _is_name_token(t: Token) -> bool:
    return t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_iob_ == "O"


def _fix_boundaries(doc: Doc) -> list[tuple[int, int, str]]:
    """spaCy's entity spans with two common boundary errors repaired.

    A name cut before its last part ("Dries" | "Mertens", "Washington" | "D.C.") is extended over
    the proper noun it modifies; an organisation cut before "of/for/on the ..." ("Joint Council" |
    "for the Welfare of Immigrants") is extended over the capitalised words that follow.
    """
    spans = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ not in VALUE_LABELS]
    out: list[tuple[int, int, str]] = []
    n = len(doc)
    for start, end, label in spans:
        if out and start < out[-1][1]:
            continue  # swallowed by the previous extension
        while start > 0 and label == "PERSON" and _is_name_token(doc[start - 1]):
            first = doc[start - 1]
            if first.dep_ == "compound" and start <= first.head.i < end and not (
                title_word(first) in ROLE_WORDS or title_word(first) in HONORIFICS
            ):
                start -= 1  # "Dries" | "Mertens" (PERSON)
            else:
                break
        if (
            label in ("ORG", "FAC", "EVENT")
            and start > 0
            and doc[start - 1].ent_type_ == "ORDINAL"
            and _DIGIT_ORDINAL.fullmatch(doc[start - 1].text)
        ):
            start -= 1  # "82nd" (ORDINAL) | "Airborne Brigade" (ORG), "41st" | "Film Festival"
        extendable = label in ("PERSON", "GPE", "LOC", "NORP") or end - start == 1
        while extendable and end < n and _is_name_token(doc[end]) and (
            "\n" not in doc[end - 1].whitespace_
        ):
            last = doc[end - 1]
            nxt = doc[end]
            if (
                last.head.i == end
                and last.dep_ in ("compound", "flat", "nmod")
                and nxt.dep_ not in ("compound", "flat")
                and title_word(nxt) not in ROLE_WORDS
            ):
                end += 1
            else:
                break
        if end - start > 1 and doc[end - 1].lower_ in ("of", "for", "on"):
            end -= 1  # "The Supreme Court of" | "Norway": the model stopped mid-name
        last_word = doc[end - 1].lower_
        if label in ("ORG", "FAC") and last_word in ORG_HEADS and end + 1 < n:
            j = end
            if doc[j].lower_ in ("of", "for", "on"):
                j += 1
                if j < n and doc[j].lower_ == "the":
                    j += 1
                k, good = j, j
                while k < n and "\n" not in doc[k - 1].whitespace_:
                    t = doc[k]
                    if t.lower_ in ("and", "&") and k + 1 < n and (
                        doc[k + 1].lower_ == "the" or doc[k + 1].ent_iob_ == "B"
                    ):
                        break  # "... of Europe and the United Nations": a second name
                    if t.text[:1].isupper() and t.is_alpha:
                        good = k + 1
                    elif t.lower_ not in ("of", "and", "the", "&", "for", "-"):
                        break
                    k += 1
                if good > j:
                    end = good
        out.append((start, end, label))
    return out


def _split_possessives(spans: list[tuple[int, int, str]], doc: Doc) -> list[tuple[int, int, str]]:
    """ "Green Party's Jill Stein" is two names: split a span at an inner "'s"."""
    out = []
    for start, end, label in spans:
        cut = next(
            (
                i for i in range(start + 1, end - 1)
                if doc[i].lower_ in ("'s", "\u2019s")
                or (doc[i].text in ("'", "\u2019") and doc[i - 1].lower_.endswith("s"))
            ),
            None,
        )
        right = doc[cut + 1 : end] if cut is not None else None
        if (
            right is not None
            and len(right) == 1
            and right[0].lower_ in NAME_HEADS
            and not gazetteer.lookup_place(doc[start:cut].text)
        ):
            cut = None  # "Fishermen's Association", "Children's Hospital": one name
        if cut is None or right is None:
            out.append((start, end, label))
            continue
        right_label = label
        heads = ROLE_WORDS | NAME_HEADS
        if (
            label == "ORG"
            and 2 <= len(right) <= 3
            and all(t.is_alpha and t.text[:1].isupper() and t.lower_ not in heads for t in right)
        ):
            right_label = "PERSON"  # an organisation's someone: "Green Party's Jill Stein"
        out += [(start, cut, label), (cut + 1, end, right_label)]
    return out
