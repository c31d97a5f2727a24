"""Name mentions of one document: spaCy's entity spans, repaired and trimmed to the name.

The small model's spans carry titles ("Defence Secretary Anna Smith"), determiners, possessives
and sentence-initial words, cut names short ("Dries" | "Mertens") or run two names together
("Green Party's Jill Stein"). This module turns them into clean `Mention`s and finds acronyms
the text defines ("Al Qaeda in the Maghreb (AQIM)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newscrawl.nlp import gazetteer
from newscrawl.nlp.lexicon import (
    COMPANY_HEADS,
    EVENT_HEADS,
    FAC_HEADS,
    GEO_HEADS,
    HONORIFICS,
    LAW_HEADS,
    NAME_PARTICLES,
    NEWS_HEADS,
    NON_ENTITY_HEADS,
    NON_NAME_POS,
    ORG_HEADS,
    PERSON_AGENT_VERBS,
    PERSONAL_TITLES,
    PLACE_PREPOSITIONS,
    POSTNOMINALS,
    ROLE_WORDS,
    SPEECH_VERBS,
    VALUE_LABELS,
    WORK_HEADS,
    norm_key,
    title_word,
    wordset,
)


@dataclass
class Mention:
    """One occurrence of a name in the text, after trimming titles and determiners."""

    start: int
    end: int
    text: str
    key: str
    label: str
    n_tokens: int
    sent: int
    title: str | None = None
    gender: str | None = None
    context_place: bool = False
    """Preceded by a place preposition ("in Jordan")."""
    context_person: bool = False
    """Preceded by an honorific or followed by a speech verb ("Jordan said")."""
    prev: str = ""
    """The word before the mention, lowercased."""
    dep: str = ""
    """Dependency label of the name's head token ("nsubj", "compound", ...)."""
    head_word: str = ""
    """The word the name depends on, lowercased ("capital" for "the Ashanti capital")."""

    @property
    def words(self) -> list[str]:
        return self.key.split()


NAME_HEADS = ORG_HEADS | EVENT_HEADS | NEWS_HEADS | FAC_HEADS | COMPANY_HEADS
"""Head nouns that make a name an organisation, event or building, never a person."""
NOT_SURNAMES = NAME_HEADS | GEO_HEADS | WORK_HEADS | LAW_HEADS | NON_ENTITY_HEADS
"""Last words that make a two-word "name" a place, programme or title ("Pell Grants"): such a
neighbour says nothing about the people in a list."""


def _trim(toks: list[Token], label: str) -> tuple[list[Token], str | None]:
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
            elif not (w in ("of", "the", "to", "for", "and", "&") or gazetteer.is_country(t.text)):
                break
        if last_title >= 0 and toks[last_title + 1].text[:1].isupper():
            title = title_word(toks[last_title])
            toks = toks[last_title + 1 :]
    elif len(toks) > 1 and title_word(toks[0]) in PERSONAL_TITLES and toks[1].text[:1].isupper():
        title = title_word(toks[0])
        toks = toks[1:]
    return toks, title


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


def find_mentions(doc: Doc) -> list[Mention]:
    out = []
    doc_text = doc.text  # Doc.text joins every token on each access
    for s, e, label in _split_possessives(_fix_boundaries(doc), doc):
        toks, title = _trim(list(doc[s:e]), label)
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        text = doc_text[start:end]
        if not any(ch.isupper() for ch in text) or text[0] in "@#":
            continue
        after = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
        if (
            label != "PERSON"
            and after is not None
            and title_word(after) in ROLE_WORDS
            and all(title_word(t) in ROLE_WORDS or t.lower_ == "-" for t in toks)
        ):
            continue  # "Home" of "Home Secretary", "Shadow Home" of "Shadow Home Secretary"
        key = norm_key(text)
        if not key or key in POSTNOMINALS:
            continue
        first = toks[0].i
        prev = doc[first - 1] if first > 0 else None
        if title is None and prev is not None and title_word(prev) in HONORIFICS:
            title = title_word(prev)
        nxt = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in ("'s", "\u2019s") and toks[-1].i + 2 < len(doc):
            nxt = doc[toks[-1].i + 2]
        n_words = len(key.split())
        if len(key.replace(" ", "")) < 2:
            continue  # a lone letter ("Group F" cut short) is not a name
        before_prev = doc[first - 2] if first > 1 else None
        if (
            label in ("ORG", "PRODUCT", "WORK_OF_ART", "FAC", "NORP")
            and n_words in (2, 3)
            and prev is not None
            and all(t.text[:1].isupper() and t.lower_ not in NAME_HEADS for t in toks)
            and (
                (prev.pos_ == "NOUN" and prev.lower_ in ROLE_WORDS)
                or (prev.lower_ == "by" and before_prev is not None
                    and before_prev.lower_ in PERSON_AGENT_VERBS)
            )
        ):
            label = "PERSON"  # "striker Dries Mertens", "founded by Dean Kamen"
        out.append(
            Mention(
                start=start,
                end=end,
                text=text,
                key=key,
                label=label,
                n_tokens=n_words,
                sent=0,
                title=title,
                gender=HONORIFICS.get(title) if title else None,
                context_place=prev is not None and prev.lower_ in PLACE_PREPOSITIONS,
                context_person=(title is not None and title in HONORIFICS)
                or (nxt is not None and nxt.lower_ in SPEECH_VERBS),
                prev=prev.lower_ if prev is not None else "",
                dep=_name_root(toks).dep_,
                head_word=_name_root(toks).head.lower_,
            )
        )
    _relabel_list_members(out, doc_text)
    out += _untagged_full_names(doc, out)
    out.sort(key=lambda m: m.start)
    return out


def _name_root(toks: list[Token]) -> Token:
    """The token of a name the rest of the sentence attaches to."""
    inside = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[-1])


def _untagged_full_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Full names the model missed whose surname it tagged alone elsewhere.

    In "Ethiopia's Tigist Alemu ... Alemu finished second" the model tags neither word of the
    full name and calls the second "Alemu" an organisation. A one-word mention that also
    occurs, untagged, as the head of a two-proper-noun phrase ("Tigist Alemu") gets that phrase
    as a PERSON mention when something marks it as a person's name: a known first name, a
    role word before it ("striker"), or a place's possessive ("Ethiopia's").
    """
    singles = {m.text for m in mentions if m.n_tokens == 1 and m.label != "PERSON"}
    if not singles:
        return []
    taken = {(m.start, m.end) for m in mentions}
    out = []
    for t in doc[1:]:
        if t.text not in singles or t.ent_iob_ != "O" or t.dep_ == "compound":
            continue
        first = doc[t.i - 1]
        word = first.lower_
        if (
            first.pos_ != "PROPN"
            or first.ent_iob_ != "O"
            or not first.text[:1].isupper()
            or not first.is_alpha
            or first.head.i != t.i
            or first.dep_ != "compound"
            or word in ROLE_WORDS
            or word in HONORIFICS
            or word in NAME_HEADS
            or t.lower_ in NAME_HEADS
            or gazetteer.lookup_place(first.text)
        ):
            continue
        before = doc[t.i - 2] if t.i >= 2 else None
        owner = (
            before is not None
            and before.dep_ == "case"
            and before.head.ent_type_ in ("GPE", "NORP")
        )
        role = before is not None and title_word(before) in ROLE_WORDS
        if not (owner or role or gazetteer.is_first_name(first.text)):
            continue
        start, end = first.idx, t.idx + len(t.text)
        if (start, end) in taken:
            continue
        text = doc.text[start:end]
        out.append(Mention(
            start=start, end=end, text=text, key=norm_key(text), label="PERSON", n_tokens=2,
            sent=0, prev=before.lower_ if before is not None else "", dep=t.dep_,
            head_word=t.head.lower_,
        ))
    return out


LIST_SEPARATORS = frozenset({",", ", and", ", or", "and", "or", "&", ", &"})


def _relabel_list_members(mentions: list[Mention], text: str) -> None:
    """A two-or-three-word name listed between people is a person too.

    In "Axel Witsel, Nacer Chadli, and Dries Mertens" the model may tag the last name ORG or
    PRODUCT; lists hold one kind of thing, so its PERSON neighbours decide.
    """
    for k, m in enumerate(mentions):
        if m.label not in ("ORG", "PRODUCT", "WORK_OF_ART", "FAC") or m.n_tokens not in (2, 3):
            continue
        if not all(w[:1].isupper() for w in m.text.split()):
            continue
        neighbours = []
        if k > 0:
            neighbours.append((mentions[k - 1], text[mentions[k - 1].end : m.start]))
        if k + 1 < len(mentions):
            neighbours.append((mentions[k + 1], text[m.end : mentions[k + 1].start]))
        if any(
            n.label == "PERSON"
            and n.n_tokens > 1
            and " ".join(gap.split()) in LIST_SEPARATORS
            and n.key.split()[-1] not in NOT_SURNAMES
            for n, gap in neighbours
        ):
            m.label = "PERSON"


# --------------------------------------------------------------------------- acronyms

_PAREN_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
FUNCTION_WORDS = wordset("of the and for in on at to de du des la le el al a an &")


def acronym_fits(acronym: str, words: list[str]) -> bool:
    """True when `acronym`'s capitals spell the initials of `words` in order.

    Lowercase function words may be used or skipped; at most one capitalised word may be
    skipped, and the first word must give the first letter.
    """
    letters = [c for c in acronym if c.isupper() or c.isdigit()]
    if len(letters) < 2 or not words or words[0][:1].upper() != letters[0]:
        return False

    def walk(li: int, wi: int, skipped: int) -> bool:
        if li == len(letters):
            rest = [w for w in words[wi:] if w[:1].isupper()]
            return skipped + len(rest) <= 1 and not (rest and rest[-1] == words[-1])
        if wi == len(words):
            return False
        w = words[wi]
        if w[:1].upper() == letters[li] and walk(li + 1, wi + 1, skipped):
            return True
        if w.lower() in FUNCTION_WORDS or not w[:1].isupper():
            return walk(li, wi + 1, skipped)
        return skipped == 0 and walk(li, wi + 1, skipped + 1)

    return walk(0, 0, 0)


def initials(key_words: list[str], text_words: list[str]) -> set[str]:
    caps = "".join(w[0] for w in text_words if w[:1].isupper())
    every = "".join(w[0] for w in key_words)
    return {caps.upper(), every.upper()}


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


def define_acronyms(doc: Doc, mentions: list[Mention]) -> list[tuple[str, str]]:
    """Find "Long Form (ACR)" definitions; add mentions for the long form and each use of ACR.

    Acronyms of lowercase phrases are terms, not names: their mentions are dropped.
    Returns (long-form key, acronym key) pairs to join.
    """
    pairs = []
    terms: set[str] = set()
    text = doc.text
    for m in _PAREN_ACRONYM.finditer(text):
        acr = m.group(1)
        if sum(c.isupper() for c in acr) < 2:
            continue
        paren = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if paren is None:
            continue
        j = paren.start
        long_span = None
        for k in range(j - 1, max(-1, j - 2 - 2 * len(acr)), -1):
            tok = doc[k]
            if tok.is_punct and tok.text not in ("-", "&", "'"):
                break
            if not tok.text[:1].isupper():
                continue
            words = [t.text for t in doc[k:j] if not t.is_punct]
            if acronym_fits(acr, words):
                long_span = doc[k:j]
                break
        if long_span is None and j >= 2:
            words = [t.text for t in doc[max(0, j - len(acr)) : j]]
            if all(w.islower() for w in words) and "".join(w[0] for w in words).upper() == acr:
                terms.add(norm_key(acr))  # "iodine deficiency disorders (IDD)": a term
            continue
        if long_span is None:
            continue
        ls, le = long_span.start_char, long_span.end_char
        label = "ORG"
        overl = [x for x in mentions if x.start < le and x.end > ls]
        if overl:
            label = max(overl, key=lambda x: x.end - x.start).label
            if label in ("PERSON", "NORP"):
                label = "ORG"
        mentions[:] = [x for x in mentions if not (x.start >= ls and x.end <= le)]
        long_key = norm_key(long_span.text)
        mentions.append(Mention(ls, le, long_span.text, long_key, label, len(long_key.split()), 0))
        acr_key = norm_key(acr)
        for occ in re.finditer(r"(?<![\w.])" + re.escape(acr) + r"(?![\w])", text):
            s, e = occ.start(), occ.end()
            if any(x.start <= s and x.end >= e and x.key != acr_key for x in mentions):
                continue
            if any(x.start == s and x.end == e for x in mentions):
                continue
            mentions[:] = [x for x in mentions if not (x.start >= s and x.end <= e)]
            mentions.append(Mention(s, e, acr, acr_key, label, 1, 0))
        pairs.append((long_key, acr_key))
    if terms:
        mentions[:] = [x for x in mentions if x.key not in terms]
    mentions.sort(key=lambda x: x.start)
    return pairs
