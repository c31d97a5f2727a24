"""Name mentions of one document: spaCy's entity spans turned into clean `Mention`s.

`entity_spans` repairs the model's spans token by token (boundaries, possessives, titles);
this module makes `Mention`s of them with the context the later steps weigh (title, place
preposition, speech verb, dependency), relabels names listed among people, adds full names the
model missed, and finds acronyms the text defines ("Al Qaeda in the Maghreb (AQIM)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newscrawl.nlp import gazetteer
from newscrawl.nlp.entity_acronyms import acronym_fits
from newscrawl.nlp.entity_spans import NAME_HEADS, name_spans, trim_name
from newscrawl.nlp.lexicon import (
    GEO_HEADS,
    HONORIFICS,
    LAW_HEADS,
    NON_ENTITY_HEADS,
    PERSON_AGENT_VERBS,
    PLACE_PREPOSITIONS,
    POSTNOMINALS,
    ROLE_WORDS,
    SPEECH_VERBS,
    WORK_HEADS,
    norm_key,
    title_word,
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


NOT_SURNAMES = NAME_HEADS | GEO_HEADS | WORK_HEADS | LAW_HEADS | NON_ENTITY_HEADS
"""Last words that make a two-word "name" a place, programme or title ("Pell Grants"): such a
neighbour says nothing about the people in a list."""


def find_mentions(doc: Doc) -> list[Mention]:
    """The name mentions of `doc` in text order (acronym definitions not yet applied)."""
    out = []
    doc_text = doc.text  # Doc.text joins every token on each access
    for s, e, label in name_spans(doc):
        toks, title = trim_name(list(doc[s:e]), label)
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
        nxt = after
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
        root = _name_root(toks)
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
                dep=root.dep_,
                head_word=root.head.lower_,
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
    doc_text = doc.text  # Doc.text joins every token on each access
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
        text = doc_text[start:end]
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
