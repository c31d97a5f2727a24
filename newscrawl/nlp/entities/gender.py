"""Gender of the people an article names, from all the evidence around their mentions.

Kept apart from grouping and labelling because it reads the parse (pronouns, appositions,
quotation marks) rather than the names: titles ("Ms"), gendered role nouns ("spokeswoman"),
first names and the he/she pronouns tied to one person. Grouping uses it to keep "Mr Obama" out
of Michelle Obama; resolution uses it to set `ResolvedEntity.gender`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

import numpy
from spacy.attrs import DEP, LOWER
from spacy.tokens import Doc, Token

from newscrawl.nlp import gazetteer
from newscrawl.nlp.doc_text import doc_text
from newscrawl.nlp.entities.mentions import Mention
from newscrawl.nlp.lexicon import FEMALE_ROLE_NOUNS, MALE_ROLE_NOUNS, PERSON_PRONOUNS


def _quoted_mask(text: str) -> bytearray:
    """1 for every character inside a quotation: pronouns there refer to other people.

    Curly quotes nest (a quoted word inside a quote) and an unclosed one runs to the end of its
    paragraph, as in quotes that go on over several paragraphs; straight quotes toggle. Only the
    quote marks and line breaks change the state: the runs between them are filled whole (a
    loop over every character cost about a fifth of the entity step's own Python time).
    """
    mask = bytearray(len(text))
    depth = 0
    straight = False
    start = 0
    """Where the run that the current state covers begins."""
    for match in _QUOTE_STATE_CHANGES.finditer(text):
        i = match.start()
        if (depth or straight) and i > start:
            mask[start:i] = b"\x01" * (i - start)
        ch = text[i]
        if ch == "\n":
            depth, straight = 0, False
        elif ch == "\u201c":
            depth += 1
        elif ch == "\u201d":
            depth = max(0, depth - 1)
            mask[i] = 1
        else:
            straight = not straight
            mask[i] = 1
        if depth or straight:
            mask[i] = 1
        start = i + 1
    if (depth or straight) and start < len(text):
        mask[start:] = b"\x01" * (len(text) - start)
    return mask


_QUOTE_STATE_CHANGES = re.compile('[\n"\u201c\u201d]')


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
    pronouns = _subject_pronouns(doc)
    if not pronouns:
        return votes
    starts = [s for s, _, _ in marks]
    quoted = _quoted_mask(doc_text(doc))
    for t in pronouns:
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


def _subject_pronouns(doc: Doc) -> list[Token]:
    """The "he"/"she" tokens the parse makes a subject, found in one array pass: iterating a
    Doc builds a Token object for every word of the article."""
    strings = doc.vocab.strings
    table = doc.to_array([LOWER, DEP])
    hits = (numpy.isin(table[:, 0], [strings["he"], strings["she"]])
            & numpy.isin(table[:, 1], [strings["nsubj"], strings["nsubjpass"]]))
    return [doc[int(i)] for i in numpy.flatnonzero(hits)]


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


def person_genders(
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


def first_name(forms: list[str]) -> str | None:
    """The given name of the fullest multi-word form ("Hillary" of "Hillary Rodham Clinton")."""
    multi = [f.split() for f in forms if len(f.split()) > 1]
    if not multi:
        return None
    first = max(multi, key=len)[0]
    return first if len(first.rstrip(".")) > 1 else None


def lone_first_name(forms: list[str]) -> str | None:
    """The name of a person only ever named by one word ("Melanie") when that word is a known
    first name: `first_name` needs two words, but a lone given name says as much."""
    if any(len(f.split()) > 1 for f in forms):
        return None
    for f in forms:
        word = f.title() if f.isupper() else f
        if gazetteer.is_first_name(word):
            return word
    return None


def titled_genders(mentions: list[Mention], idx: list[int]) -> set[str]:
    """The genders the titles of mentions `idx` imply ("Mr" -> "m")."""
    return {mentions[i].gender for i in idx if mentions[i].gender}


def cluster_genders(
    mentions: list[Mention], clusters: list[list[int]], doc: Doc
) -> list[str | None]:
    """Gender per cluster of person mentions (None without clear evidence)."""
    return person_genders(
        doc,
        [[(mentions[i].start, mentions[i].end) for i in c] for c in clusters],
        [titled_genders(mentions, c) for c in clusters],
        [first_name([mentions[i].text for i in c]) for c in clusters],
    )
