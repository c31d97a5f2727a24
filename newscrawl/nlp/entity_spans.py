"""Repair spaCy's entity spans before they become mentions: boundaries, possessives, titles.

The small model's spans carry titles ("Defence Secretary Anna Smith"), determiners, possessives
and sentence-initial words, cut names short ("Dries" | "Mertens") or run two names together
("Green Party's Jill Stein"). These token-level repairs are kept apart from `mentions`, which
turns the repaired spans into `Mention`s and adds document-level evidence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newscrawl.nlp import gazetteer
from newscrawl.nlp.lexicon import (
    COMPANY_HEADS,
    EVENT_HEADS,
    FAC_HEADS,
    HONORIFICS,
    NAME_PARTICLES,
    NEWS_HEADS,
    NON_NAME_POS,
    OFFICE_QUALIFIERS,
    ORG_HEADS,
    PERSONAL_TITLES,
    ROLE_WORDS,
    VALUE_LABELS,
    title_word,
)

NAME_HEADS = ORG_HEADS | EVENT_HEADS | NEWS_HEADS | FAC_HEADS | COMPANY_HEADS
"""Head nouns that make a name an organisation, event or building, never a person."""


def name_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start token, end token, label) of every non-numeric entity of `doc`, repaired."""
    return _split_at_verbs(_split_possessives(_fix_boundaries(doc), doc), doc)


def _split_at_verbs(spans: list[tuple[int, int, str]], doc: Doc) -> list[tuple[int, int, str]]:
    """ "Garrett hit Rudolph" tagged as one name is two: a lowercase verb inside a span ends
    one name and starts another (names of works, "Gone with the Wind", keep their verbs)."""
    out = []
    for start, end, label in spans:
        cuts = [
            i for i in range(start + 1, end - 1)
            if doc[i].pos_ in ("VERB", "AUX") and doc[i].is_lower
        ]
        if not cuts or label in ("WORK_OF_ART", "EVENT", "LAW"):
            out.append((start, end, label))
            continue
        edges = [start, *[x for c in cuts for x in (c, c + 1)], end]
        out += [(a, b, label) for a, b in zip(edges[::2], edges[1::2], strict=True) if b > a]
    return out


def trim_name(toks: list[Token], label: str) -> tuple[list[Token], str | None]:
    """Tokens of the name proper (no determiner, title, possessive) and the title if any."""
    toks = [t for t in toks if not t.is_space]
    # a name never crosses a paragraph or an opening bracket: keep the part before
    cut = next((i for i, t in enumerate(toks) if "\n" in t.whitespace_), None)
    if cut is not None:
        toks = toks[: cut + 1]
    cut = next((i for i, t in enumerate(toks) if t.text == "(" and i > 0), None)
    if cut is not None:
        toks = toks[:cut]
    title = None
    while toks and (toks[0].lower_ in ("the", "a", "an") or toks[0].is_punct):
        toks = toks[1:]
    while toks and (
        toks[-1].lower_ in ("'s", "\u2019s", "'", "\u2019")
        or toks[-1].is_punct
        or (toks[-1].like_num and len(toks) > 1 and label in ("ORG", "GPE", "PERSON", "NORP"))
    ):
        if toks[-1].text in (".",) and len(toks) > 1 and len(toks[-2].text) == 1:
            break  # keep the dot of an initial ("U.S.")
        toks = toks[:-1]
    while (
        len(toks) > 1
        and (not any(ch.isupper() for ch in toks[0].text) or toks[0].pos_ in NON_NAME_POS)
        and toks[0].lower_ not in NAME_PARTICLES
    ):
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
        cut = _affiliation_prefix(toks)
        if cut:
            roles = [title_word(t) for t in toks[:cut] if title_word(t) in ROLE_WORDS]
            title = roles[-1] if roles else title
            toks = toks[cut:]
    elif len(toks) > 1 and title_word(toks[0]) in PERSONAL_TITLES and toks[1].text[:1].isupper():
        title = title_word(toks[0])
        toks = toks[1:]
    return toks, title


def lowercase_words(doc: Doc) -> frozenset[str]:
    """The words `doc` writes in lowercase somewhere (computed once per document)."""
    cached = doc.user_data.get("newscrawl_lowercase_words")
    if cached is None:
        cached = frozenset(t.lower_ for t in doc if t.is_lower)
        doc.user_data["newscrawl_lowercase_words"] = cached
    return cached


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
            (i for i in range(start + 1, end - 1) if doc[i].lower_ in ("'s", "\u2019s")), None
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
