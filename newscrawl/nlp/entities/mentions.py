"""Name mentions of one document: spaCy's entity spans turned into clean `Mention`s.

`spans` repairs the model's spans token by token (boundaries, possessives, titles);
this module makes `Mention`s of them with the context the later steps weigh (title, place
preposition, speech verb, dependency), relabels names listed among people, adds full names the
model missed, and finds acronyms the text defines ("Al Qaeda in the Maghreb (AQIM)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newscrawl.nlp import gazetteer
from newscrawl.nlp.doc_text import doc_text, per_doc
from newscrawl.nlp.entities.acronyms import acronym_fits
from newscrawl.nlp.entities.spans import NAME_HEADS, lowercase_words, name_spans, trim_name
from newscrawl.nlp.lexicon import (
    COMPASS_WORDS,
    GEO_HEADS,
    HONORIFICS,
    LAW_HEADS,
    NON_ENTITY_HEADS,
    NON_NAME_POS,
    PERSON_AGENT_VERBS,
    PLACE_KIND_NOUNS,
    PLACE_PREPOSITIONS,
    POSTNOMINALS,
    ROAD_WORDS,
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
    named_place: bool = False
    """The object of "of" after a kind of place, a part of one, a natural feature or a compass
    word ("the town of Caldmere", "the outskirts of Caldmere", "east of Caldmere")."""
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
    text_of_doc = doc_text(doc)
    for s, e, label in name_spans(doc):
        toks, title = trim_name(list(doc[s:e]), label)
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        text = text_of_doc[start:end]
        if not any(ch.isupper() for ch in text) or text[0] in "@#":
            continue
        if len(toks) == 1 and toks[0].pos_ in NON_NAME_POS:
            continue  # "Understand" of a guide's heading, "Albeit", "Nah": not a name
        if len(toks) == 1 and label != "NORP" and title is None \
                and _capitalised_common_word(toks[0]):
            continue  # "Zombie", "Vessels", "Imperial": a word the parse calls common
        if label != "PERSON" and len(toks) == 1 and _lone_heading(text_of_doc, start, end):
            continue  # "Understand", "Career": a section heading, not a name
        if title is not None and all(title_word(t) in ROLE_WORDS for t in toks):
            continue  # "Chief Justice", "Deputy Director": a title with no name after it
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
        if (
            len(toks) == 1
            and label != "NORP"
            and prev is not None
            and prev.text in ("a", "an")
            and toks[0].dep_ != "compound"
        ):
            continue  # "profess an Oath", "took a Bulletin": a common noun; a name takes no "a"
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
            label = "PERSON"  # "striker Tomas Velder", "founded by Lena Marsk"
        if _ROAD_NUMBER.fullmatch(text) and _about_roads(text_of_doc, start):
            label = "FAC"  # "take the B4071 to Dunmere": a numbered road
        party = n_words == 1 and _case_party(toks[0]) and not gazetteer.lookup_place(text)
        if party:
            label = "PERSON"  # "Berg v. Lind": a one-word party of a court case is a surname
        root = _name_root(toks)
        if (
            label in ("NORP", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART")
            and n_words == 1
            and root.tag_ != "NNPS"
            and _speaking_subject(root)
            and (prev is None or prev.pos_ not in ("DET", "PRON"))
            and root.lower_ not in NAME_HEADS
            and not gazetteer.lookup_place(text)
            and not gazetteer.is_town(text)
        ):
            label = "PERSON"  # "Varnek said": a nationality, a place or a thing does not
            # speak, a person does ("the Kremlin said", "that Council agreed": a body speaking)
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
                context_place=_after_place_preposition(prev, before_prev, root),
                named_place=_named_as_place(prev, root),
                context_person=(title is not None and title in HONORIFICS)
                or (nxt is not None and nxt.lower_ in SPEECH_VERBS)
                or party
                or _paired_with_speaker(doc, first, toks[-1].i),
                prev=prev.lower_ if prev is not None else "",
                dep=root.dep_,
                head_word=root.head.lower_,
            )
        )
    _relabel_list_members(out, text_of_doc)
    _relabel_place_list_members(out, text_of_doc)
    out = _inverted_names(doc, out, text_of_doc)
    out = _cited_authors(out, text_of_doc)
    out = _referenced_authors(doc, text_of_doc, out)
    out += _untagged_full_names(doc, out)
    out += _untagged_speakers(doc, out)
    out += _untagged_first_last(doc, out)
    out.sort(key=lambda m: m.start)
    return out


FIRST_PERSON = frozenset({"i", "me", "we", "us"})
"""The speaker's own pronouns: a name paired with one ("Ana and I") is a person's."""


def _paired_with_speaker(doc: Doc, first: int, last: int) -> bool:
    """The name and the speaker do something together: "Ana and I", "me and Ana"."""
    after = doc[last + 1 : last + 3]
    before = doc[max(0, first - 2) : first]
    return (
        len(after) == 2 and after[0].lower_ == "and" and after[1].lower_ in FIRST_PERSON
    ) or (len(before) == 2 and before[1].lower_ == "and" and before[0].lower_ in FIRST_PERSON)


_ROAD_NUMBER = re.compile(r"(?:[A-Z]{1,2}|I|US|SR|Hwy|Route)[- ]?\d{1,4}[A-Z]?")
"""A numbered road's name ("B4071", "K77", "I-90", "US 12", "Hwy 7")."""


def _about_roads(text: str, pos: int) -> bool:
    """The paragraph around `pos` speaks of roads or driving ("junction", "motorway")."""
    start = text.rfind("\n\n", 0, pos) + 1
    end = text.find("\n\n", pos)
    words = re.findall(r"[a-z]+", text[start : end if end >= 0 else len(text)].lower())
    return not ROAD_WORDS.isdisjoint(words)


def _capitalised_common_word(t: Token) -> bool:
    """A one-word "name" the parser itself reads as a common noun or adjective ("Feet",
    "Tsars", "Imperial"), written in mixed case, never read as a proper noun elsewhere in the
    text ("Alemu" of "Tigist Alemu") and not a known first name, place or town: the tagger weighs
    the word's context, so its NOUN/ADJ outvotes the entity tag of the same word."""
    if (
        t.pos_ not in ("NOUN", "ADJ")
        or t.is_upper
        or any(ch.isdigit() for ch in t.text)
        or (t.i > 0 and title_word(t.doc[t.i - 1]) in HONORIFICS)
    ):
        return False
    if t.text in _proper_noun_words(t.doc):
        return False
    return not (
        gazetteer.is_first_name(t.text)
        or gazetteer.lookup_place(t.text) is not None
        or gazetteer.is_town(t.text)
    )


def _proper_noun_words(doc: Doc) -> frozenset[str]:
    """The words the tagger reads as a proper noun somewhere in `doc` (computed once per
    document: asked for every one-word candidate)."""
    return per_doc(doc, "newscrawl.proper_noun_words",
                   lambda d: frozenset(t.text for t in d if t.pos_ == "PROPN"))


def _lone_heading(text: str, start: int, end: int) -> bool:
    """The word at [start, end) is a line of its own (a section heading) and the text never
    uses it again: a name worth a heading comes back in the text below it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    word = text[start:end]
    if line.strip(" .:-\u2013\u2014") != word:
        return False
    return len(re.findall(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text)) == 1


CASE_SEPARATORS = frozenset({"v", "v.", "vs", "vs."})
"""What stands between the parties of a court case ("Berg v. Lind")."""


def _case_party(t: Token) -> bool:
    """The one-word name `t` is a party of a court case: "v."/"vs." and another capitalised
    word stand on one side of it."""
    doc, i = t.doc, t.i
    return (
        i + 2 < len(doc)
        and doc[i + 1].lower_ in CASE_SEPARATORS
        and doc[i + 2].text[:1].isupper()
    ) or (i >= 2 and doc[i - 1].lower_ in CASE_SEPARATORS and doc[i - 2].text[:1].isupper())


def _after_place_preposition(prev: Token | None, before: Token | None, root: Token) -> bool:
    """The name is the object of a place preposition ("in Jordan"), not the possessor of that
    object ("in Mayer's career") nor the source of "according to"."""
    if prev is None or prev.lower_ not in PLACE_PREPOSITIONS or root.dep_ == "poss":
        return False
    return not (prev.lower_ == "to" and before is not None and before.lower_ == "according")


def _named_as_place(prev: Token | None, root: Token) -> bool:
    """The name is what a kind of place, a part of one or a natural feature is "of" ("the
    island of Skarn", "the outskirts of Caldmere", "the hills of Tarnavel", "east of Caldmere")."""
    if prev is None or prev.lower_ != "of" or root.dep_ != "pobj" or root.head.i != prev.i:
        return False
    noun = prev.head
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return False  # "a state of Peace": a condition, not a place
    return noun.i < prev.i and (
        noun.lower_ in PLACE_KIND_NOUNS or noun.lower_ in COMPASS_WORDS or noun.lower_ in GEO_HEADS
    )


def _speaking_subject(root: Token) -> bool:
    """The name's head token is the subject of a speech verb ("Varnek said", "said Varnek")."""
    return root.dep_ == "nsubj" and root.head.lower_ in SPEECH_VERBS


def _says_something(verb: Token) -> bool:
    """The speech verb has what is said: a clause or object, or a quotation in its sentence."""
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "parataxis") for c in verb.children):
        return True
    return any(ch in verb.sent.text for ch in "\"\u201c\u201d")


def _free_name_token(t: Token) -> bool:
    """A capitalised proper noun no entity covers that could be part of a person's name."""
    return (
        t.pos_ == "PROPN"
        and t.ent_iob_ == "O"
        and t.text[:1].isupper()
        and t.is_alpha
        and not t.is_upper
        and title_word(t) not in ROLE_WORDS
        and t.lower_ not in HONORIFICS
        and t.lower_ not in NAME_HEADS
        and t.lower_ not in NOT_SURNAMES
    )


def _new_person(doc: Doc, first: int, last: int) -> Mention:
    toks = doc[first : last + 1]
    prev = doc[first - 1] if first > 0 else None
    text = toks.text
    return Mention(
        start=toks.start_char, end=toks.end_char, text=text, key=norm_key(text), label="PERSON",
        n_tokens=len(toks), sent=0, context_person=True,
        prev=prev.lower_ if prev is not None else "", dep=doc[last].dep_,
        head_word=doc[last].head.lower_,
    )


def _overlaps(mentions: list[Mention], start: int, end: int) -> bool:
    return any(m.start < end and m.end > start for m in mentions)


def _untagged_speakers(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Proper-noun subjects of speech verbs the model left untagged ("Varnek said").

    Things other than people speak too ("Reuters said"), but the model tags those; a
    capitalised proper noun it skipped that says something is a person, unless the gazetteer
    knows it as a place, it is a word of the name of an organisation the text names, or it
    starts a sentence (where the capital proves nothing; right after a closing quotation mark
    does not count) and is either written in lowercase elsewhere or the verb says nothing (no
    clause, object or quotation).
    """
    lower = lowercase_words(doc)
    # "Goldman Sachs" ... "Sachs said", "Peabody Energy" ... "Peabody said": a word of an
    # organisation's name stands for the organisation (unless that name starts with a first
    # name, as a person's name the model mistyped does)
    org_words = {
        w
        for m in mentions
        if m.label not in ("PERSON", "NORP")
        and not (m.n_tokens > 1 and gazetteer.is_first_name(m.text.split()[0]))
        for w in m.words
    }
    out: list[Mention] = []
    for t in doc:
        if t.dep_ != "nsubj" or t.head.lower_ not in SPEECH_VERBS or not _free_name_token(t):
            continue
        if norm_key(t.text) in org_words:
            continue
        first = t.i
        while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == t.i \
                and _free_name_token(doc[first - 1]):
            first -= 1
        if first > 1 and doc[first - 1].text == "-" and doc[first - 2].whitespace_ == "":
            continue  # "Save-A-Pet said": the end of a hyphened name, not a person's name
        span = doc[first : t.i + 1]
        after_quote = first > 0 and doc[first - 1].text in ('"', "\u201d", "''")
        if doc[first].is_sent_start and not after_quote and (
            t.lower_ in lower or not _says_something(t.head)
        ):
            continue  # "Early said" may be the adverb; "Correction added Nov. 18:" a heading
        if (
            gazetteer.lookup_place(span.text)
            or _overlaps(mentions + out, span.start_char, span.end_char)
        ):
            continue
        out.append(_new_person(doc, first, t.i))
    return out


def _untagged_first_last(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Untagged "Firstname Lastname" pairs: a known first name before one more proper noun.

    The first name must not be a word the text also writes in lowercase; one given to both
    sexes ("Casey") needs the surname used alone somewhere too. The pair must stand alone (no
    capitalised proper noun right before or after it, so "Jordan Brand Classic" is left
    alone), and neither word may be a place or a head noun of an organisation or place name.
    """
    lower = lowercase_words(doc)
    out: list[Mention] = []
    n = len(doc)
    for t in doc[:-1]:
        nxt = doc[t.i + 1]
        if not (_free_name_token(t) and _free_name_token(nxt)) or t.head.i != nxt.i:
            continue
        if nxt.tag_ == "NNPS":
            continue  # "Carolina Panthers": a plural name is a team or a group
        if not gazetteer.is_first_name(t.text) or t.whitespace_ != " ":
            continue
        if t.lower_ in lower or t.lower_ in COMPASS_WORDS:
            continue  # "live", "west": a common word that is also a first name
        if gazetteer.first_name_gender(t.text) is None and not _used_alone(doc, t.text, nxt.text):
            continue  # "Blue Jackets": a name given to both sexes needs its surname used alone
        before = doc[t.i - 1] if t.i > 0 else None
        after = doc[t.i + 2] if t.i + 2 < n else None
        if before is not None and before.like_num:
            continue  # "2134 Caldwell Place": an address
        if (before is not None and before.pos_ == "PROPN" and before.text[:1].isupper()) or (
            after is not None and after.pos_ == "PROPN" and after.text[:1].isupper()
        ):
            continue
        if (
            nxt.lower_ in lower
            or gazetteer.lookup_place(nxt.text)
            or gazetteer.lookup_place(t.text + " " + nxt.text)
            or _overlaps(mentions + out, t.idx, nxt.idx + len(nxt.text))
        ):
            continue
        out.append(_new_person(doc, t.i, t.i + 1))
        out[-1].context_person = False
    return out


def _used_alone(doc: Doc, first: str, last: str) -> bool:
    """`last` occurs in `doc` without `first` before it ("Mittelstadt" after "Casey
    Mittelstadt")."""
    return any(t.text == last and (t.i == 0 or doc[t.i - 1].text != first) for t in doc)


def _name_root(toks: list[Token]) -> Token:
    """The token of a name the rest of the sentence attaches to."""
    inside = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[-1])


def _untagged_full_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Full names the model missed whose surname it tagged alone elsewhere.

    In "Ethiopia's Tigist Alemu ... Alemu finished second" the model tags neither word of the
    full name and calls the second "Alemu" an organisation; a biography's first words "Ada
    Maria Voss (born 1950)" often go untagged while the later "Voss" is a person. A one-word
    mention that also occurs, untagged, as the head of a run of two or three proper nouns
    ("Tigist Alemu", "Ada Maria Voss") gets that run as a PERSON mention when something marks
    it as a person's name: a known first name first, a role word before it ("striker"), or a
    place's possessive ("Ethiopia's").
    """
    singles = {m.text for m in mentions if m.n_tokens == 1}
    if not singles:
        return []
    taken = {(m.start, m.end) for m in mentions}
    text_of_doc = doc_text(doc)
    out = []
    for t in doc[1:]:
        if t.text not in singles or t.ent_iob_ != "O" or t.dep_ == "compound":
            continue
        if t.lower_ in NAME_HEADS:
            continue
        first_i = t.i
        while (
            first_i > 0
            and t.i - first_i < 2
            and _untagged_given_name(doc[first_i - 1], t)
        ):
            first_i -= 1
        if first_i == t.i:
            continue
        if first_i < t.i - 1 and not gazetteer.is_first_name(doc[first_i].text):
            first_i = t.i - 1  # only a known first name starts a longer run
        first = doc[first_i]
        before = doc[first_i - 1] if first_i >= 1 else None
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
        text = text_of_doc[start:end]
        key = norm_key(text)
        out.append(Mention(
            start=start, end=end, text=text, key=key, label="PERSON",
            n_tokens=len(key.split()), sent=0, prev=before.lower_ if before is not None else "",
            dep=t.dep_, head_word=t.head.lower_,
        ))
    return out


def _untagged_given_name(tok: Token, head: Token) -> bool:
    """`tok` can be a given or middle name before the surname `head`: an untagged capitalised
    proper noun compounded to it, not a title, role, head noun or place."""
    word = tok.lower_
    return (
        tok.pos_ == "PROPN"
        and tok.ent_iob_ == "O"
        and tok.text[:1].isupper()
        and tok.is_alpha
        and tok.head.i == head.i
        and tok.dep_ == "compound"
        and word not in ROLE_WORDS
        and word not in HONORIFICS
        and word not in NAME_HEADS
        and not gazetteer.lookup_place(tok.text)
    )


_CITATION_AFTER = re.compile(
    r"(?:'s?)?\s*(?:\(\s*(?:[a-z]+\.?\s+)?|,\s*)(?:1[6-9]|20)\d\d[a-z]?\b(?!\s*\w*\s*[-\u2013])"
    r"|\s+et\.?\s+al\b"
)
"""What follows an author's name in a reference: "(2010)", "(in press 2010)", ", 2010)",
"et al."; a year range ("2010-2012") is a period, not a reference."""
_ET_AL = re.compile(r"\s+et\.?\s+al\.?$")
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:,\s*(?:&|and)\s+|\s&\s|\sand\s|,\s*)")


def _cited_authors(mentions: list[Mention], text: str) -> list[Mention]:
    """Names cited as authors are people: "Berg (2009)", "(Lind & Holm, 2010)", "Berg et al.".

    Academic prose cites by surname and year; the model tags such surnames as places or
    organisations and runs a list of authors into one organisation ("Lind & Holm"). A mention
    that a year reference or "et al." follows is split at its "&"/"and"/commas into one person
    per author. A known place followed by ", 2009" is a dateline, not a reference.
    """
    out: list[Mention] = []
    for m in mentions:
        cut = _ET_AL.search(m.text)
        if cut:
            m.text, m.end = m.text[: cut.start()], m.start + cut.start()
            m.key, m.n_tokens = norm_key(m.text), len(norm_key(m.text).split())
        follow = _CITATION_AFTER.match(text, m.end)
        if (
            follow is None
            or m.label in ("DATE", "NORP", "EVENT", "LAW")
            or (follow.group().lstrip().startswith(",") and gazetteer.lookup_place(m.text))
        ):
            out.append(m)
            continue
        parts = []
        pos = 0
        for sep in [*_AUTHOR_SEPARATOR.finditer(m.text), None]:
            end = sep.start() if sep else len(m.text)
            parts.append((pos, end))
            pos = sep.end() if sep else pos
        names = [(a, b) for a, b in parts if b > a]
        if not all(
            m.text[a:b][:1].isupper()
            and len(m.text[a:b].split()) <= 2
            and not any(w in NOT_SURNAMES for w in norm_key(m.text[a:b]).split())
            for a, b in names
        ):
            out.append(m)
            continue
        for a, b in names:
            part = m.text[a:b]
            key = norm_key(part)
            out.append(Mention(
                start=m.start + a, end=m.start + b, text=part, key=key, label="PERSON",
                n_tokens=len(key.split()), sent=m.sent, context_person=True, prev=m.prev,
                dep=m.dep, head_word=m.head_word,
            ))
    return out


_NAME_WORD = r"[A-Z][\w'\u2019-]+"
_INVERTED_ENTRY = re.compile(
    r"(?m)^[ \t]*(?:[-*\u2022\u2013]\s+)?"
    rf"({_NAME_WORD}),\s+({_NAME_WORD}(?:\s+{_NAME_WORD})?)"
    rf"(?:\s+(?:and|&)\s+({_NAME_WORD}),\s+({_NAME_WORD}(?:\s+{_NAME_WORD})?))?\."
)
"""A catalogue or reading-list line that starts with authors written surname first: "Roe,
Ann." or "Roe, Ann and Lind, Per." before a title."""


def _inverted_names(doc: Doc, mentions: list[Mention], text: str) -> list[Mention]:
    """Authors written surname first at the start of a list line ("- Roe, Ann. A Title") are
    people, named by their surname.

    The model tags the given name alone ("Ann") and the surname as anything (a place, a
    company): each "Surname, Given" whose given name starts with a first name given to one
    sex, and whose surname the parse reads as a proper noun ("Thanks, Ann." is no entry),
    becomes one PERSON mention of the surname, in place of whatever the model made of the pair.
    """
    found: list[tuple[int, int, int]] = []  # surname start, surname end, pair end
    for m in _INVERTED_ENTRY.finditer(text):
        for k in (1, 3):
            if m.group(k) is None:
                continue
            surname = doc.char_span(m.start(k), m.end(k))
            if (
                surname is not None
                and all(t.pos_ == "PROPN" for t in surname)
                and gazetteer.first_name_gender(m.group(k + 1).split()[0]) is not None
            ):
                found.append((m.start(k), m.end(k), m.end(k + 1)))
    if not found:
        return mentions
    kept = [m for m in mentions if not any(m.start < e and m.end > s for s, _, e in found)]
    for s, e, _ in found:
        part = text[s:e]
        kept.append(Mention(start=s, end=e, text=part, key=norm_key(part), label="PERSON",
                            n_tokens=1, sent=0, context_person=True))
    kept.sort(key=lambda m: m.start)
    return kept


_YEAR_REF = r"(?:1[6-9]|20)\d\d[a-z]?"
_PAREN_REFERENCE = re.compile(r"\(([^()\n]{3,400}?)\)")
_PAGES = r"(?:,\s*(?:pp?|ch|chap|sec)\.\s*[\divxlc]+(?:\s*[-\u2013]\s*[\divxlc]+)?)?"
"""A page or section after a reference's year: "2011, p. 12", "2009, pp. 4-9", "2010, ch. 3"."""
_REFERENCE_AUTHORS = re.compile(
    r"^(?:[a-z][\w.]*,?\s+)*(.+?),?\s+" + _YEAR_REF + _PAGES + r"$"
)
_NARRATIVE_REFERENCE = re.compile(
    r"(?<![\w.])([A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?"
    r"(?:,?\s+(?:and|&)\s+[A-Z][\w'\u2019-]+)?)(?:\s+et\.?\s+al\.?)?\s+\(" + _YEAR_REF + r"[,;)]"
)
_AUTHOR = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?")


def _referenced_authors(doc: Doc, text: str, mentions: list[Mention]) -> list[Mention]:
    """Authors of references the model did not tag: "(Lind, Holm, & Berg, 2009; Ek 2010)",
    "Lind and Holm (2009)". Each author named in a reference (one or two capitalised words,
    no stop word, not a word the text writes in lowercase, not the end of a longer name)
    becomes a person mention in place of whatever the model made of it."""
    found: list[tuple[int, int]] = []

    def add_authors(start: int, names: str) -> None:
        names = re.sub(r"\s+et\.?\s+al\.?$", "", names)
        pos = 0
        for sep in [*_AUTHOR_SEPARATOR.finditer(names), None]:
            end = sep.start() if sep else len(names)
            part = names[pos:end]
            if (
                _AUTHOR.fullmatch(part)
                and norm_key(part) not in lowercase_words(doc)
                and not any(doc.vocab[w.lower()].is_stop for w in part.split())
            ):
                found.append((start + pos, start + end))
            pos = sep.end() if sep else pos

    for paren in _PAREN_REFERENCE.finditer(text):
        offset = paren.start(1)
        for seg in re.finditer(r"[^;]+", paren.group(1)):
            body = seg.group().strip()
            m = _REFERENCE_AUTHORS.match(body)
            if m:
                add_authors(offset + seg.start() + seg.group().index(body) + m.start(1),
                            m.group(1))
    for m in _NARRATIVE_REFERENCE.finditer(text):
        if not re.search(r"[A-Z][\w'\u2019.-]*\s+$", text[max(0, m.start() - 40) : m.start()]):
            add_authors(m.start(1), m.group(1))  # not the end of a longer name
    if not found:
        return mentions
    kept = [m for m in mentions if not any(m.start < e and m.end > s for s, e in found)]
    for s, e in sorted(set(found)):
        part = text[s:e]
        key = norm_key(part)
        kept.append(Mention(start=s, end=e, text=part, key=key, label="PERSON",
                            n_tokens=len(key.split()), sent=0, context_person=True))
    kept.sort(key=lambda m: m.start)
    return kept


LIST_SEPARATORS = frozenset({",", ", and", ", or", "and", "or", "&", ", &"})


def _relabel_list_members(mentions: list[Mention], text: str) -> None:
    """A two-or-three-word name listed between people is a person too.

    In "Anna Berg, Tomas Lind, and Pia Holm" the model may tag the last name ORG or PRODUCT;
    lists hold one kind of thing, so its PERSON neighbours decide. Only a name that could be a
    person's (a known first name, no place and no head noun of an organisation or place) is
    relabelled: a list of donors can mix people and organisations ("Red Cross Ireland").
    """
    for k, m in enumerate(mentions):
        if m.label not in ("ORG", "PRODUCT", "WORK_OF_ART", "FAC") or m.n_tokens not in (2, 3):
            continue
        words = m.text.split()
        if not all(w[:1].isupper() for w in words) or not gazetteer.is_first_name(words[0]):
            continue
        if any(w in NOT_SURNAMES for w in m.words) or any(
            gazetteer.lookup_place(w) for w in words[1:]
        ):
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


PLACE_LABELS = ("GPE", "LOC", "FAC")


def _relabel_place_list_members(mentions: list[Mention], text: str) -> None:
    """A name listed among places is a place: "buses run to Aldham, Coxley Heath and Wenby".

    Lists hold one kind of thing. In a run of three or more names joined by commas and a
    closing "and"/"or", where at least two others are places and none is a person, a name the
    model calls a person or organisation, with no title and no speech verb, takes the label
    most of the others have.
    """
    runs: list[list[int]] = []
    for k, m in enumerate(mentions):
        if k and " ".join(text[mentions[k - 1].end : m.start].split()) in LIST_SEPARATORS:
            runs[-1].append(k)
        else:
            runs.append([k])
    for run in runs:
        if len(run) < 3:
            continue
        last_gap = text[mentions[run[-2]].end : mentions[run[-1]].start].split()
        if not {"and", "or", "&"} & set(last_gap):
            continue  # "Lindhaven, Norvale, Reuters": a dateline, not a list
        for k in run:
            m = mentions[k]
            if m.label not in ("PERSON", "ORG") or m.title is not None or m.context_person:
                continue
            others = [mentions[j].label for j in run if j != k]
            places = [lab for lab in others if lab in PLACE_LABELS]
            if len(places) >= 2 and "PERSON" not in others:
                m.label = max(set(places), key=places.count)


# --------------------------------------------------------------------------- acronyms

_PAREN_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")


def define_acronyms(doc: Doc, mentions: list[Mention]) -> list[tuple[str, str]]:
    """Find "Long Form (ACR)" definitions; add mentions for the long form and each use of ACR.

    Acronyms of lowercase phrases are terms, not names: their mentions are dropped.
    Returns (long-form key, acronym key) pairs to join.
    """
    pairs = []
    terms: set[str] = set()
    text = doc_text(doc)
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
