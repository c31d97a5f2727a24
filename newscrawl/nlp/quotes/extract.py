"""Direct quotations in an article body and who said them.

Three steps: `marks` pairs the quote marks; this module finds each quote's attribution
(the speech verb and its subject, or "according to X", or a dash and a name) in the text just
after or just before the quote; `speakers` turns the speaker mention into one of the
article's entities, including pronouns and role nouns. Quotes without a cue of their own take the
speaker of the quote they continue: the previous quote of the paragraph, the previous paragraph's
speaker when the paragraph is only a quote, or the earlier part of a multi-paragraph quote.
Short quoted phrases with no speech verb (scare quotes, titles) are not quotations.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from newscrawl.items import Quote
from newscrawl.nlp.doc_text import doc_text
from newscrawl.nlp.entities.acronyms import FUNCTION_WORDS
from newscrawl.nlp.lexicon import (
    PHRASAL_SPEECH_FORMS,
    PHRASAL_SPEECH_VERBS,
    RAISED_VOICE_LEMMAS,
    SPEECH_VERBS,
)
from newscrawl.nlp.quotes.cues import MESSAGE_NOUNS, NEEDS_PARTICLE, UNAMBIGUOUS
from newscrawl.nlp.quotes.marks import QuoteSpan, find_quotes, paragraphs
from newscrawl.nlp.quotes.speakers import SpeakerResolver

REPORTING_NOUNS_SKIP = {"who", "which", "that"}
PRONOUNS = {"he", "she", "it", "they", "i", "we", "you", "him", "her", "them", "us", "me"}
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st", "jr",
    "sr", "inc", "co", "corp", "ltd", "no", "vs", "u.s", "u.k", "u.n", "sept", "jan", "feb", "aug",
    "oct", "nov", "dec", "rev", "prof", "pres", "atty", "supt", "cmdr", "adm", "maj", "ft",
    "del", "mt", "hon", "messrs", "cpl", "pvt", "gens", "reps", "sens", "govs",
}
DASHES = ("—", "–", "―", "--", "-")
MIN_WORDS_UNATTRIBUTED = 5
"""A quote with no attribution at all needs this many words (shorter ones are scare quotes)."""
LEADING_ATTRIBUTION = 4
"""A sentence after a question or exclamation whose speech verb comes within this many words
attributes it, however long the sentence goes on (“Why?” Jane Roe asked, standing …)."""
MIN_WORDS_EMBEDDED = 2
"""A quoted phrase inside a sentence (not set off by punctuation) needs this many words, unless
it is a question or exclamation (protesters chanted "What curfew?"). Two words in the clause of a
named speaker's verb are that speaker's (Roe said the plan was “deeply flawed”): on the PolNeAR
tuning half, 92 of 93 such phrases lie in annotated quotes; one word is as often a scare term."""
TRANSCRIPT_LABEL = re.compile(r"([A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}):[ \t]+(?=\S)")
"""An interview transcript's speaker label at the start of a quoted stretch: capitalised words
and a colon, in capitals or not ("PENCE: …", "Mr. Smith: …"). A label before the quote mark
(Smith: “…”) is a colon introduction, found like any other attribution."""
CLOSING_MARKS = "”»\"'’›"
CLAUSE_RELATIONS = frozenset({"advcl", "relcl", "xcomp", "ccomp", "acl"})
"""Dependency relations of a clause: a speech verb's form the tagger read as a noun still heads
a clause when the parse attaches it so (", remarking, “…”")."""
TITLE_SMALL_TAGS = frozenset({"IN", "DT", "CC", "TO"})
"""Tags of the small words a title keeps lowercase: prepositions, articles, conjunctions, "to"
(not "not", which speech keeps lowercase too: “Absolutely not”)."""
ROLE_MODIFIERS = ("det", "amod", "compound", "poss", "nmod", "nummod")
"""Dependents before a noun that belong to the phrase naming someone ("the party's deputy
campaign manager")."""


@dataclass
class Attribution:
    """Who a quote is attributed to and by which words."""

    speaker: Any | None  # a ResolvedEntity
    mention: str | None
    cue: str | None
    direct: bool = True
    """Set off from the quote by punctuation (not just somewhere in the same clause)."""
    pos: int = 0
    """Character offset of the cue (or speaker) word, to order speech events."""
    clausal: bool = False
    """The cue verb has a clause of its own (`said he would go`): narrative, not a speech tag."""
    root: bool = False
    """The cue verb is the main verb of its sentence."""

    @property
    def named(self) -> bool:
        """Whether the attribution points to someone (resolved or not)."""
        return self.speaker is not None or self.mention is not None


@dataclass
class _Piece:
    """One quoted stretch kept as (part of) a quote, before pieces are joined into quotations."""

    span: int
    """Index of its quote span."""
    start: int
    end: int
    speaker: str | None
    mention: str | None
    cue: str | None
    paragraph: int


class _Article:
    """Per-article state: the text, its paragraphs, quote spans and the speaker resolver."""

    def __init__(self, doc: Doc, resolution: Any) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.paras = paragraphs(self.text)
        self.para_starts = [a for a, _ in self.paras]
        # Titles and nicknames (Marcia "Cia" Price) are not quotes; dropping them first keeps
        # the text around them together for attribution. Their words still name no speaker
        # (said on “Fox and Friends”, where the parser may take "Fox" for the subject).
        marked = find_quotes(self.text)
        self.spans = [s for s in marked if not _titleish(doc, s)]
        quoted = [(s.open_at, s.close_end if s.close_end is not None else s.end) for s in marked]
        self.resolver = SpeakerResolver(doc, resolution, quoted, self.paragraph_of)

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def tokens(self, lo: int, hi: int) -> list[Token]:
        """Tokens that start inside [lo, hi) and are not inside a quote."""
        span = self.doc.char_span(lo, hi, alignment_mode="expand")
        if span is None:
            return []
        return [t for t in span if lo <= t.idx < hi and not self.resolver.inside_quote(t.idx)]

    def sentence_end(self, pos: int, hi: int) -> int:
        """End of the sentence that contains `pos` (exclusive), not beyond `hi`."""
        t = self.text
        j = pos
        while j < hi:
            if t[j] in ".!?" and (j + 1 >= hi or t[j + 1].isspace()) and not self._abbrev(j):
                return j + 1
            j += 1
        return hi

    def sentence_start(self, pos: int, lo: int) -> int:
        """Start of the sentence that contains `pos`, not before `lo`."""
        t = self.text
        j = pos - 1
        while j >= lo:
            if t[j] in ".!?" and j + 1 < len(t) and t[j + 1].isspace() and not self._abbrev(j):
                return j + 1
            j -= 1
        return lo

    def _abbrev(self, j: int) -> bool:
        """Whether the period at j ends an abbreviation or initial rather than a sentence."""
        if self.text[j] != ".":
            return False
        k = j
        while k > 0 and (self.text[k - 1].isalpha() or self.text[k - 1] == "."):
            k -= 1
        word = self.text[k:j].lower()
        if word in ABBREVIATIONS or "." in word or len(word) == 1 and self.text[k].isupper():
            return True
        # A short capitalised word ("Del.", "Calif.") where the parser sees no new sentence.
        if len(word) <= 5 and self.text[k:k + 1].isupper():
            nxt = self.doc.char_span(j + 1, len(self.text), alignment_mode="expand")
            first = next((t for t in nxt if not t.is_space), None) if nxt is not None else None
            return first is not None and not first.is_sent_start
        return False


def _ends_with_comma(text: str, span: QuoteSpan) -> bool:
    """The quote ends on a comma (inside the marks or right after): attribution follows."""
    inner = text[span.end:span.close_at] if span.close_at is not None else ""
    after = text[span.close_end:span.close_end + 1] if span.close_end is not None else ""
    return "," in inner or after == ","


def _ends_sentence(text: str, span: QuoteSpan) -> bool:
    """The quoted words end with sentence punctuation (“… reform.”)."""
    last = text[span.start:span.end].rstrip()[-1:]
    return bool(last) and last in ".!?…"


def _cue_verb(tokens: list[Token], reverse: bool = False,
              quoted: Token | None = None) -> Token | None:
    """The first (or last) speech verb among `tokens`; but when that one heads an adverbial
    side clause, the one the parse makes the quote depend on ("Smith said, after Jones had asked
    him, “…”" is Smith's)."""
    found = [t for t in (reversed(tokens) if reverse else tokens) if _is_cue(t)]
    if quoted is not None and len(found) > 1 and found[0].dep_ == "advcl" \
            and found[0].tag_ != "VBG":
        heads = {a.i for a in quoted.ancestors}
        governing = [t for t in found if t.i in heads]
        found = governing or found
    return found[0] if found else None


def _is_cue(t: Token) -> bool:
    """Whether `t` is a speech verb that can introduce a quote."""
    base = SPEECH_VERBS.get(t.lower_)
    if base is None:
        phrasal = PHRASAL_SPEECH_FORMS.get(t.lower_)
        return phrasal is not None and t.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("prt", "advmod") and c.lower_ == PHRASAL_SPEECH_VERBS[phrasal]
            for c in t.children)
    # "Said Ellis:" at a sentence start is often tagged as a proper noun.
    if not (t.tag_.startswith("VB") or t.pos_ in ("VERB", "AUX") or t.lower_ in UNAMBIGUOUS
            or t.dep_ in CLAUSE_RELATIONS):
        return False
    if _that_said(t):
        return False
    return base not in NEEDS_PARTICLE or any(c.dep_ in ("prt", "dobj") for c in t.children)


def _misread_tag_verb(toks: list[Token]) -> Token | None:
    """The verb of a short tag after a quote that the tagger read as a noun (“…,” the email
    read. / the email states.): a noun phrase then a form of a speech verb that is also a noun
    ("read", "states", "notes", "claims"), and nothing else in the sentence."""
    words = [t for t in toks if not t.is_punct]
    if not 2 <= len(words) <= 4 or toks[-1].text not in (".", "!", "?"):
        return None
    last = words[-1]
    if last.lower_ not in SPEECH_VERBS or last.pos_ not in ("NOUN", "PROPN"):
        return None
    return last if all(t.pos_ in ("DET", "ADJ", "NOUN", "PROPN") for t in words[:-1]) else None


def _inverted_reply(toks: list[Token]) -> Token | None:
    """Who speaks in an inverted tag that names the words instead of a speech verb: "came" or
    "was", a noun of speech, and whom it came from (“…,” came the reply from Roe; “…,” was
    the answer from the ministry; came shouts from the crowd), or whose it was (was her
    reply)."""
    words = [t for t in toks if not t.is_punct]
    if len(words) < 2 or words[0].lower_ not in ("came", "comes", "was", "is"):
        return None
    noun = next((t for t in words[1:5] if t.pos_ not in ("DET", "ADJ", "PRON")), None)
    if noun is None or noun.pos_ != "NOUN" or not (noun.lower_ in SPEECH_VERBS
                                                   or noun.lower_ in MESSAGE_NOUNS):
        return None
    source = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
                   for g in c.children if g.dep_ == "pobj"), None)
    return source or next((c for c in noun.children if c.dep_ == "poss"), None)


def _raised_voice(t: Token) -> bool:
    """A form of a verb of saying out loud (chanted, shouts), or its noun (chants, cries)."""
    return SPEECH_VERBS.get(t.lower_) in RAISED_VOICE_LEMMAS


def _that_said(t: Token) -> bool:
    """"That said," / "This said," / "That being said," opening a clause: a discourse marker
    ("all the same"), no one speaking (unlike "a video that said, “…”")."""
    doc = t.doc
    if t.lower_ != "said" or t.i + 1 >= len(doc) or doc[t.i + 1].text != ",":
        return False
    k = t.i - 2 if t.i >= 2 and doc[t.i - 1].lower_ == "being" else t.i - 1
    if k < 0 or doc[k].lower_ not in ("that", "this"):
        return False
    return k == 0 or doc[k].is_sent_start or doc[k - 1].is_punct or doc[k - 1].pos_ == "CCONJ"


def _according_to(tokens: list[Token]) -> Token | None:
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a.lower_ == "according" and b.lower_ == "to":
            return a
    return None


def _head_after(tok: Token, hi: int) -> Token | None:
    """Head word of a noun phrase starting right after `tok` ("said the Portuguese minister")."""
    head = None
    for t in tok.doc[tok.i + 1:]:
        if t.idx >= hi or t.ent_type_ in ("DATE", "TIME"):
            break
        if t.pos_ in ("DET", "ADJ", "NUM") and head is None:
            continue
        if t.pos_ in ("PROPN", "NOUN", "PRON") or (t.pos_ == "PART" and t.tag_ == "POS"):
            head = t
            continue
        break
    return head


def _head_before(tok: Token, lo: int) -> Token | None:
    """Noun right before a verb, skipping auxiliaries and adverbs ("Smith also said"), or the
    name that ends an appositive set off by commas ("…, her adviser, Jo Roe, said")."""
    j = tok.i - 1
    while j >= 0 and tok.doc[j].idx >= lo and tok.doc[j].pos_ in ("AUX", "ADV", "PART"):
        j -= 1
    if j > 0 and tok.doc[j].text == "," and tok.doc[j - 1].ent_type_ == "PERSON":
        j -= 1
    if j >= 0 and tok.doc[j].idx >= lo and tok.doc[j].pos_ in ("PROPN", "NOUN", "PRON") \
            and tok.doc[j].text[:1].isalpha():
        return tok.doc[j]
    return None


def _subject(verb: Token, inside: Any) -> Token | None:
    """The speech verb's subject, following conjunctions, participles and relative clauses."""
    v = verb
    adverbial = False
    for _ in range(6):
        if adverbial and v.dep_ == "ccomp" and _is_cue(v.head):
            # a participle the parser hung on the clause a speech verb reports ("Smith said the
            # plan had failed, adding, “…”"): the reporting verb's subject speaks
            v = v.head
            continue
        # Climbing from an adverbial participle ("…, while chanting"), a "where"/"when" clause that
        # is not a relative clause is a side clause the parser hung it on; its subject is not the
        # one who speaks.
        side = adverbial and v.dep_ != "relcl" and any(
            c.dep_ == "advmod" and c.lower_ in ("where", "when") and c.i < v.i
            for c in v.children)
        # the subject nearest the verb: of two, the parser took a noun before it for another
        # ("The crowd cheers, and then Roe continues:")
        for c in () if side else sorted(v.children, key=lambda c: abs(c.i - v.i)):
            if c.dep_ in ("nsubj", "nsubjpass") and not inside(c.idx) and c.text[:1].isalpha():
                if c.lower_ in REPORTING_NOUNS_SKIP or c.tag_ in ("WP", "WDT"):
                    # "Smith, who said" names the speaker; "learned who had written it" not
                    if v.dep_ != "relcl":
                        return None
                    break
                return c
        if v.dep_ == "relcl" or v.dep_ == "acl" and v.tag_ == "VBG":
            issued = _issuing_verb(v.head)
            if issued is None:
                return v.head  # "Smith, who said" / "footage of Jones asking"
            v = issued  # "Roe released a statement saying": the statement speaks for Roe
            continue
        if v.dep_ == "xcomp":
            # "the ruling led Roe to declare": with an object, the object says it
            obj = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i
                        and not inside(c.idx) and c.text[:1].isalpha()), None)
            if obj is not None:
                return obj
        # "… and added", "went on to say", "…, saying", "before asking", "is shown lecturing":
        # the governing verb's.
        if (side or v.dep_ in ("conj", "xcomp", "advcl", "pcomp", "pobj", "prep")
                or v.dep_ == "dobj" and v.tag_ == "VBG") and v.head != v:
            adverbial = adverbial or v.dep_ == "advcl"
            v = v.head
            continue
        break
    return None


def _issuing_verb(noun: Token) -> Token | None:
    """The verb whose object is a message ("Roe released a statement", "issued a video") or
    the one a message is sent to ("emailed supporters", "an email to supporters"): what the
    message says, its issuer says."""
    head = noun.head
    if noun.dep_ in ("dobj", "dative") and head.pos_ in ("VERB", "AUX") \
            and (noun.lower_ in MESSAGE_NOUNS or head.lower_ in SPEECH_VERBS):
        return head
    if noun.dep_ == "pobj" and head.lower_ == "to":  # sent to them: "wrote to donors"
        sender = head.head
        if sender.lower_ in MESSAGE_NOUNS:
            return _issuing_verb(sender)
        if sender.pos_ in ("VERB", "AUX") and (sender.lower_ in SPEECH_VERBS or any(
                c.dep_ == "dobj" and c.lower_ in MESSAGE_NOUNS for c in sender.children)):
            return sender
    return None


def _opens_sentence(verb: Token) -> bool:
    """A participle that opens its sentence, with no subject before it ("Adding, “…”",
    "And then, adding: “…”")."""
    return verb.tag_ == "VBG" and all(t.is_punct or t.is_space or t.pos_ in ("CCONJ", "ADV")
                                      for t in verb.doc[verb.sent.start:verb.i])


def _named_before_participle(verb: Token) -> Token | None:
    """The person right before a speech participle: "footage of Jane Doe saying, “…”" and
    "heard Doe asking" name who speaks, whatever clause the parser attached the verb to."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    return prev if prev.ent_type_ == "PERSON" and prev.pos_ == "PROPN" else None


def _head_at_start(toks: list[Token]) -> Token | None:
    """Head of the noun phrase that opens a stretch of text (“…,” Flynn, a surrogate, said;
    But Sen. Jo Roe (D-Md.), noting …, said): a name's last word, or the noun a run of names
    modifies ("Daily Post columnist Jo Roe")."""
    i = 0
    while i < len(toks) and (toks[i].is_punct or toks[i].pos_ == "CCONJ"):
        i += 1
    if i >= len(toks):
        return None
    t = toks[i]
    if t.pos_ == "PRON" and t.lower_ in PRONOUNS:
        return t
    if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG"):
        while i + 1 < len(toks) and (toks[i + 1].pos_ == "PROPN" or toks[i + 1].ent_iob_ == "I"):
            i += 1
        head, last = toks[i], toks[-1].i
        while head.dep_ == "compound" and head.i < head.head.i <= last:
            head = head.head
        return head
    if t.pos_ == "DET":
        if _nominal_compound(toks[i + 1:]):
            return toks[-1]  # “…,” the 54-year-old said: the compound adjective is the noun
        run = toks[i + 1:i + 8]
        for k, u in enumerate(run[:4]):
            if u.pos_ in ("NOUN", "PROPN"):
                # an owner is no head: "the company’s lawyer" is the lawyer
                if k + 1 < len(run) and run[k + 1].tag_ == "POS":
                    return _head_after(run[k + 1], toks[-1].idx + 1) or u
                return u
            if u.pos_ not in ("ADJ", "NOUN", "PROPN", "PART"):
                break
    return None


def _nominal_compound(toks: list[Token]) -> bool:
    """A hyphenated adjective standing as a noun after its determiner ("the 54-year-old",
    "the 16-year-old"): news writing's way back to a person named before; the parser hangs
    its words on the verb and finds no subject."""
    return (len(toks) > 2 and toks[-1].pos_ == "ADJ" and any(t.tag_ == "HYPH" for t in toks)
            and all(map(_in_compound, toks)))


def _in_compound(tok: Token) -> bool:
    """A word or hyphen of a compound adjective ("54", "-", "year", "-", "old")."""
    return tok.tag_ == "HYPH" or tok.pos_ in ("NUM", "NOUN", "ADJ")


def _unparsed_subject(verb: Token, toks: list[Token], after: bool) -> Token | None:
    """The speaker of a speech verb whose subject the parse does not find in the gap `toks`:
    the noun phrase between the quote and the verb (“…,” Smith, 49, told the paper), one
    inverted after the verb (“…,” said Smith; Said Smith: “…”), the word right before it, or
    the name that opens the clause (Smith, noting the cost, said: “…”). Never the words after
    a participle: no subject follows one (“…,” saying the city had changed; “…,” telling the
    class of 2019 — the class is who was told)."""
    if after:
        head = _head_at_start([t for t in toks if t.i < verb.i])
        if head is not None:
            return head
    if (after or verb.i == toks[0].i) and verb.tag_ != "VBG":
        head = _head_after(verb, toks[-1].idx + 1)
        if head is not None:
            return head
    return _head_before(verb, toks[0].idx) or _head_at_start([t for t in toks if t.i < verb.i])


def _is_name(tok: Token) -> bool:
    """A proper noun that looks like one (the tagger calls "the minister" PROPN at times)."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


def _mention(head: Token) -> Span:
    """The words naming the speaker around a head word: its entity, or its noun phrase."""
    doc = head.doc
    if head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
        for ent in doc.ents:
            if ent.start <= head.i < ent.end:
                return ent
    if _is_name(head):  # a name the model did not tag: its run of proper nouns
        a = b = head.i
        while a > 0 and doc[a - 1].pos_ == "PROPN" and doc[a - 1].text[:1].isupper():
            a -= 1
        while b + 1 < len(doc) and doc[b + 1].pos_ == "PROPN" and doc[b + 1].text[:1].isupper():
            b += 1
        return doc[a:b + 1]
    if head.pos_ == "PRON":
        return doc[head.i:head.i + 1]
    if head.pos_ == "ADJ":  # an adjective standing as a noun: "the 54-year-old", "the editorial"
        a = head.i
        while a > 0 and _in_compound(doc[a - 1]):
            a -= 1
        if a > 0 and doc[a - 1].pos_ == "DET" and (
                a == head.i or _nominal_compound(list(doc[a:head.i + 1]))):
            return doc[a - 1:head.i + 1]
    for c in head.children:  # "the spokesman, Jo Roe, said"; "his nephew Tarek el Bana"
        if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or _is_name(c) and not any(
                t.is_punct for t in doc[head.i + 1:c.i])):
            return _mention(c)
    start = head.i
    for c in head.lefts:
        if c.dep_ in ROLE_MODIFIERS:
            start = min(start, min(t.i for t in c.subtree))
    end = head.i + 1
    rights = list(head.rights)
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.dep_ == "prep" and head.dep_ == "nsubj" and nxt.head == head.head \
            and head.head.i < head.i:
        rights = [nxt]  # “…,” said an adviser to the governor: the parser hung "to" on "said"
    for c in rights:  # "a spokesman for the campaign", "a person close to the family"
        if c.dep_ not in ("prep", "amod") or c.i != end:
            break
        sub = list(c.subtree)
        cut = next((k for k, t in enumerate(sub) if t.is_punct and not t.is_quote), len(sub))
        if not 0 < cut <= 6:
            break
        end = sub[cut - 1].i + 1  # "an adviser to both families, who …": up to the comma
        if cut < len(sub):
            break
    return doc[start:end]


def _with_role(head: Token, mention: Span) -> Span:
    """The speaker's whole noun phrase when a role names them beside the name: "the party's
    deputy campaign manager, Jo Roe," and "Daily Post columnist Jo Roe" (a reader, and news
    corpora, take the role and its owner as part of who speaks)."""
    doc = head.doc
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i < mention.start:
        head = head.head  # the name of "her adviser, Jo Roe," came first
    if mention.root != head and any(c.dep_ == "appos" and mention.start <= c.i < mention.end
                                        for c in head.children):
        start = min([head.i] + [t.i for c in head.lefts if c.dep_ in ROLE_MODIFIERS
                                for t in c.subtree])
        return doc[start:max(mention.end, head.i + 1)]
    root = mention.root
    if mention.label_ == "PERSON":
        outside = [t.i for c in root.lefts if c.dep_ in ROLE_MODIFIERS and c.i < mention.start
                   for t in c.subtree]
        if outside and not any(doc[i].is_punct for i in range(min(outside), mention.start)):
            return doc[min(outside):mention.end]
    return mention


def _cue_text(verb: Token) -> str:
    """The cue words: the verb, its particle, and for "tell" its object ("told reporters")."""
    words = [verb]
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            words.append(c)
        if c.dep_ in ("dobj", "dative") and SPEECH_VERBS.get(verb.lower_) in ("tell", "put", "ask"):
            sub = list(c.subtree)
            if len(sub) <= 5 and sub[0].i > verb.i:
                words.extend(sub)
    words.sort(key=lambda t: t.i)
    return verb.doc[words[0].i:words[-1].i + 1].text


class _Attributor:
    """Finds attributions in stretches of text around quotes."""

    def __init__(self, art: _Article) -> None:
        self.art = art

    def from_gap(self, lo: int, hi: int, after: bool) -> Attribution | None:
        """Attribution found in text[lo:hi], which lies after (or before) a quote."""
        art = self.art
        toks = art.tokens(lo, hi)
        if not toks:
            return None
        intro = art.text[lo:hi].rstrip()
        if not after and intro.endswith(":"):
            # a name right before the colon speaks, whatever verb came earlier in the sentence
            # ("he tweeted about it minutes later - Jane Roe: “…”")
            last = next((t for t in reversed(toks) if not t.is_punct), None)
            label = self._label(last) if last is not None else None
            if label is not None:
                return label
        acc = _according_to(toks)
        if acc is not None:
            to = acc.doc[acc.i + 1]
            head = next((c for c in to.children if c.dep_ == "pobj"), None) or _head_after(to, hi)
            if head is not None:
                return self._resolve(head, "according to", acc.idx)
        # Before a quote the verb nearest to it may sit in a side clause; after a quote the
        # first verb is the attribution's ("“…,” Smith said, after Jones said …").
        quoted = None if after else self._quote_token(hi)
        verb = _cue_verb(toks, reverse=not after, quoted=quoted)
        misread = verb is None and after
        if misread:
            verb = _misread_tag_verb(toks)
        if verb is not None and any(c.dep_ == "nsubjpass" for c in verb.children):
            # "Smith was asked", "reporters were told": the subject is who was spoken to; the
            # speaker is the agent, if named ("was asked by the moderator")
            agent = next((g for c in verb.children if c.dep_ == "agent"
                          for g in c.children if g.dep_ == "pobj"), None)
            if agent is None or not lo <= agent.idx < hi:
                return Attribution(None, None, _cue_text(verb), pos=verb.idx)
            return self._resolve(agent, _cue_text(verb), verb.idx)
        if verb is not None:
            inside = art.resolver.inside_quote
            clausal = any(c.dep_ in ("ccomp", "xcomp") and lo <= c.idx < hi and not inside(c.idx)
                          for c in verb.children)
            subj = _named_before_participle(verb) or _subject(verb, inside)
            if subj is None or not (lo <= subj.idx < hi):
                subj = _unparsed_subject(verb, toks, after) or subj
            if misread and subj is None:
                # the tagger read the tag as one noun phrase ("the editorial read"), the noun
                # before the verb as its adjective: that word names who speaks
                subj = next((t for t in reversed(toks) if t.i < verb.i and not t.is_punct
                             and t.pos_ != "DET"), None)
            if subj is None and not after and _opens_sentence(verb):
                # "… the report was bad.” Adding, “…”: a participle that opens a sentence of
                # its own goes on with the previous sentence's speaker
                prev = self._previous_sentence(verb)
                if prev is not None and prev.named:
                    return prev
            if subj is None or not (lo <= subj.idx < hi):
                mistagged = self._mistagged_name(verb, lo, hi)
                if mistagged is not None:
                    return mistagged
            if subj is None or not (lo <= subj.idx < hi) and subj.pos_ == "PRON":
                return Attribution(None, None, _cue_text(verb), pos=verb.idx, clausal=clausal)
            att = self._resolve(subj, _cue_text(verb), verb.idx)
            att.clausal, att.root = clausal, verb.dep_ == "ROOT"
            return att
        source = _inverted_reply(toks) if after else None
        if source is not None:  # “…,” came the reply from Roe
            return self._resolve(source, None, source.idx)
        if after and art.text[lo:hi].lstrip().startswith(DASHES):  # “…” — Name
            for t in toks[:4]:
                if (t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN") and t.text[:1].isalpha():
                    return self._resolve(t, None, t.idx)
        if not after and (intro.endswith(":") or intro.endswith(",") and len(toks) > 1
                          and _issuing_verb(toks[-2]) is not None):
            # "X released a statement:" and "X issued a statement, “…”"
            return self._introduction(toks)
        return None

    def _mistagged_name(self, verb: Token, lo: int, hi: int) -> Attribution | None:
        """A speaker's name the tagger read as another word ("said Kelly" as an adverb, "Early
        described it"): a capitalised word right after or right before the speech verb that
        names one of the article's people."""
        doc = verb.doc
        for j in (verb.i + 1, verb.i - 1):
            if not 0 <= j < len(doc) or not lo <= doc[j].idx < hi:
                continue
            t = doc[j]
            if t.is_alpha and t.text[:1].isupper() and t.pos_ not in ("PROPN", "PRON"):
                ent = self.art.resolver.lookup(t.text)
                if ent is not None and ent.label == "PERSON":
                    return Attribution(ent, t.text, _cue_text(verb), pos=verb.idx)
        return None

    def _previous_sentence(self, verb: Token) -> Attribution | None:
        """The attribution of the sentence before the one `verb` opens, in its paragraph."""
        start = verb.sent.start
        if start == 0:
            return None
        art = self.art
        prev = verb.doc[start - 1].sent
        if art.paragraph_of(prev.start_char) != art.paragraph_of(verb.idx):
            return None
        return self.from_gap(prev.start_char, verb.sent.start_char, after=False)

    def governing(self, s: QuoteSpan) -> Attribution | None:
        """The subject of the verb the parse makes a quote depend on (Roe attacked “…”)."""
        first = self._quote_token(s.open_at)
        inside = self.art.resolver.inside_quote
        verb = next((a for a in first.ancestors if not inside(a.idx)
                     and a.pos_ in ("VERB", "AUX")), None) if first is not None else None
        if verb is None or verb.idx > s.open_at \
                or self.art.sentence_start(s.open_at, 0) > verb.idx:
            return None  # not a verb of the narrator's sentence before the quote
        subj = _subject(verb, inside)
        if subj is None or inside(subj.idx):
            return None
        return self._resolve(subj, None, verb.idx)

    def shouted(self, s: QuoteSpan) -> bool:
        """The quote is what someone chants or shouts: the object of a verb of raised voice
        (protesters chanting "Stop it."), or named by such a noun right after it or before "of"
        (“Stop it!” chants, cries of "Stop it"). However short, that is speech, not a scare
        quote."""
        first = self._quote_token(s.open_at)
        if first is None:
            return False
        doc, inside = first.doc, self.art.resolver.inside_quote
        verb = next((a for a in first.ancestors if not inside(a.idx)), None)
        if verb is not None and verb.idx < s.open_at and verb.pos_ == "VERB" \
                and _raised_voice(verb):
            return True
        if s.close_end is not None:
            after = next((t for t in doc[first.i:] if t.idx >= s.close_end and not t.is_punct),
                         None)
            if after is not None and after.idx <= s.close_end + 1 and after.pos_ == "NOUN" \
                    and _raised_voice(after):
                return True
        k = first.i - 1
        while k > 0 and doc[k].is_punct:
            k -= 1
        return k > 0 and doc[k].lower_ == "of" and _raised_voice(doc[k - 1])

    def _quote_token(self, at: int) -> Token | None:
        """The first word of the quote that opens at or after `at`."""
        doc, art = self.art.doc, self.art
        while at < len(art.text) and not art.text[at].isalnum():
            at += 1
        if at >= len(art.text) or not art.resolver.inside_quote(at):
            return None
        return _token_at(doc, at)

    def _introduction(self, toks: list[Token]) -> Attribution | None:
        """A sentence ending in a colon introduces the quote after it even without a speech
        verb ("The ministry released a statement:", "Her letter put it plainly:"): the
        sentence's subject or the name it consists of, or the author of the message it names
        ("Roe's letter makes the case:", "From Roe's blog:"), if that is one of the article's
        people or organisations (or a pronoun for one). A name right before the colon was
        tried first (`_label`)."""
        words = [t for t in toks if not t.is_punct]
        if not words:
            return None
        label = words[-1]
        own = {t.i for t in toks}
        # its main verb: the parse root, or the verb the parser hung on the quote's own verb
        root = next((t for t in toks if t.pos_ in ("VERB", "AUX")
                     and (t.head.i == t.i or t.head.i not in own)), None)
        head = next((c for c in root.children if c.dep_ == "nsubj" and c.i in own
                     and c.text[:1].isalpha()), None) if root is not None else None
        # no verb of its own ("Here's Roe in 1992:", the 's read as a particle): its subject
        head = head or next((t for t in toks if t.dep_ == "nsubj" and t.head.i in own
                             and t.text[:1].isalpha()), None)
        head = head or _head_at_start(toks)
        cue = root.text if root is not None and head is not None and root.i > head.i else None
        for h in (head, label):
            if h is None:
                continue
            att = self._resolve(h, cue, h.idx)
            if att.speaker is not None:
                return att
            author = next((c for c in h.children if c.dep_ == "poss" and c.i in own
                           and (c.ent_type_ in ("PERSON", "ORG") or _is_name(c))), None)
            if author is not None and h.ent_type_ == "" and h.pos_ == "NOUN":
                att = self._resolve(author, cue, author.idx)
                if att.speaker is not None:
                    return att
        # whoever issued a message speaks through it, named or not ("The mayor's office
        # released a statement:")
        if head is not None and root is not None and any(
                _issuing_verb(c) == root for c in root.children if c.dep_ == "dobj"):
            return self._resolve(head, cue, head.idx)
        return None

    def _label(self, label: Token) -> Attribution | None:
        """The speaker named by the word right before an introducing colon ("… - Jane Roe:"),
        unless it is the one addressed or talked about ("a message to Smith:", "asked about
        Roe:")."""
        addressed = label.dep_ in ("dobj", "dative") or label.dep_ == "pobj" \
            and label.head.lower_ not in ("from", "by")
        if addressed or not (label.ent_type_ in ("PERSON", "ORG") or _is_name(label)):
            return None
        att = self._resolve(label, None, label.idx)
        return att if att.speaker is not None else None

    def _resolve(self, head: Token, cue: str | None, pos: int) -> Attribution:
        """Turn a speaker head word into an attribution with a canonical speaker if possible."""
        resolver = self.art.resolver
        mention = _mention(head)
        low = head.lower_
        speaker = None
        if head.pos_ == "PRON" or low in PRONOUNS:
            speaker = resolver.pronoun(low, head.idx)
        elif head.pos_ == "ADJ" and _nominal_compound(list(mention)[1:]):  # "the 54-year-old"
            speaker = resolver.aged(mention[1].text, head.idx)
        elif mention.label_ in ("PERSON", "ORG") or _is_name(head):
            speaker = resolver.named(mention)
        elif head.pos_ in ("NOUN", "PROPN"):
            det = [c for c in head.children if c.dep_ in ("det", "poss")]
            if det and (det[0].dep_ == "poss" or det[0].lower_ in ("the", "this", "that")):
                speaker = resolver.role(head.text, head.idx)
        return Attribution(speaker, _with_role(head, mention).text.strip(), cue, pos=pos)


def _gap_after(art: _Article, i: int) -> tuple[int, int] | None:
    """Text after quote i up to the end of its sentence or the next quote in the paragraph."""
    s = art.spans[i]
    if s.close_end is None:
        return None
    lo = s.close_end
    hi = art.paras[s.paragraph][1]
    nxt = art.spans[i + 1] if i + 1 < len(art.spans) else None
    if nxt is not None and nxt.paragraph == s.paragraph:
        hi = min(hi, nxt.open_at)
    hi = art.sentence_end(lo, hi)
    return (lo, hi) if hi > lo else None


def _gap_before(art: _Article, i: int) -> tuple[int, int] | None:
    """Text before quote i back to its sentence start or the previous quote in the paragraph."""
    s = art.spans[i]
    lo = art.paras[s.paragraph][0]
    prev = art.spans[i - 1] if i > 0 else None
    if prev is not None and prev.paragraph == s.paragraph and prev.close_end is not None:
        lo = max(lo, prev.close_end)
    lo = art.sentence_start(s.open_at, lo)
    return (lo, s.open_at) if s.open_at > lo else None


def _speech_tag(att: Attribution | None, text: str, lo: int, hi: int,
                question: bool = False) -> bool:
    """Whether the sentence in text[lo:hi] after a quote attributes it ("Graham asked.",
    "X, an aide, said."), not narrative that reports speech ("Trump said he would go."). After
    a question or exclamation a long sentence still does when it opens with the attribution
    (“Why?” Smith asked, standing …): such a quote ends its sentence but not its speech event."""
    if att is None or not att.named or att.clausal:
        return False
    n = len(text[lo:hi].split())
    lead = len(text[lo:att.pos].split())
    return n <= 8 or att.root and (n <= 25 or question and lead <= LEADING_ATTRIBUTION)


class _Quotes:
    """Attribution of every quote span of one article."""

    def __init__(self, doc: Doc, resolution: Any) -> None:
        self.art = _Article(doc, resolution)
        self.attributor = _Attributor(self.art)
        self._owner: dict[int, str] = {}
        self._para_speech: dict[int, Attribution | None] = {}

    def owner_of_between(self, i: int) -> str:
        """Whose attribution the text between quote i and quote i+1 (same paragraph) is:
        'prev' for quote i (“A,” he said, “B”), 'next' for quote i+1 (“A.” He added: “B”)."""
        if i in self._owner:
            return self._owner[i]
        art = self.art
        a, b = art.spans[i], art.spans[i + 1]
        lo = a.close_end if a.close_end is not None else a.end
        gap = art.text[lo:b.open_at].strip()
        if gap.endswith(":"):
            owner = "next"
        elif _ends_sentence(art.text, a) and gap.startswith("(") and gap.endswith(","):
            owner = "next"  # “A.” (Later she added, “B.”)
        elif _ends_with_comma(art.text, a) or gap and gap[0] in "—–―-(":
            owner = "prev"
        elif gap.endswith(",") and not _ends_sentence(art.text, a) \
                and art.text[art.paras[a.paragraph][0]:a.open_at].rstrip()[-1:].isalnum():
            owner = "next"  # Roe called it “premature” while adding, “…”
        elif not _ends_sentence(art.text, a) or gap[:1].islower():
            owner = "prev"  # “Why?” he asked. / sloppy “A” he said
        elif gap.endswith(","):
            owner = "next"  # “A.” Then he said, “B.”
        elif _speech_tag(self.attributor.from_gap(lo, b.open_at, after=True), art.text, lo,
                         b.open_at, _exclaims(art.text, a)):
            owner = "prev"  # “A?” Graham asked. “B.”
        else:
            owner = "none"
        self._owner[i] = owner
        return owner

    def own(self, i: int) -> Attribution | None:
        """The attribution written next to quote i, if any."""
        art, text = self.art, self.art.text
        s = art.spans[i]
        next_same = i + 1 < len(art.spans) and art.spans[i + 1].paragraph == s.paragraph
        prev_same = i > 0 and art.spans[i - 1].paragraph == s.paragraph
        after = before = None
        gap = _gap_after(art, i)
        # A sentence between two quotes that ends before the next quote's own sentence starts
        # is this quote's, whoever the next sentence introduces (“A,” X said. Later Y added: “B”).
        sentence_between = gap is not None and next_same \
            and art.text[gap[1]:art.spans[i + 1].open_at].strip() != ""
        # A quote ending on a comma hands it to the words after it, even when they go on to
        # introduce the next quote (“A,” said Roe, explaining: “B.”).
        if gap is not None and (not next_same or sentence_between or _ends_with_comma(text, s)
                                or self.owner_of_between(i) == "prev"):
            g_text = text[gap[0]:gap[1]].strip()
            after = self.attributor.from_gap(gap[0], gap[1], after=True)
            new_sentence = _ends_sentence(text, s) and g_text[:1].isupper()
            if new_sentence and not _speech_tag(after, text, gap[0], gap[1], _exclaims(text, s)):
                after = None
            if after is not None:
                after.direct = _ends_sentence(text, s) or _ends_with_comma(text, s) \
                    or bool(g_text) and g_text[0] in "—–―-(,"
        if after is None or not after.named:
            gap = _gap_before(art, i)
            prev = art.spans[i - 1] if prev_same else None
            # The text between two quotes belongs to the first (“A,” he said, “B”) unless a
            # new sentence starts in it: “A?” a narrator asks. The ad shows Trump saying, “B”.
            own_sentence = gap is not None and prev is not None and prev.close_end is not None \
                and text[prev.close_end:gap[0]].strip() != "" \
                and text[prev.close_end:gap[0]].rstrip()[-1:] in ".!?"
            if gap is not None and (not prev_same or own_sentence
                                    or self.owner_of_between(i - 1) != "prev"):
                g_text = text[gap[0]:gap[1]].rstrip()
                before = self.attributor.from_gap(gap[0], gap[1], after=False)
                if before is not None:
                    before.direct = g_text.endswith((":", ","))
        for att in (after, before, self.credit_line(i)):
            if att is not None and att.named:
                return att
        return after or before

    def credit_line(self, i: int) -> Attribution | None:
        """The credit line under a quote that is a paragraph of its own: the next paragraph
        opens with a dash and names who said it (“…” / — Jane Roe, a voter in Ohio)."""
        art = self.art
        s = art.spans[i]
        lo, hi = art.paras[s.paragraph]
        if s.close_end is None or s.open_at != lo or art.text[s.close_end:hi].strip(" .") \
                or s.paragraph + 1 >= len(art.paras):
            return None
        n_lo, n_hi = art.paras[s.paragraph + 1]
        if not art.text[n_lo:n_hi].startswith(DASHES):
            return None
        return self.attributor.from_gap(n_lo, art.sentence_end(n_lo, n_hi), after=True)

    def sentence_speaker(self, i: int) -> Attribution | None:
        """The speaker of a sentence that only attributes, right before quote i in the same
        paragraph and without a quote of its own ("Jones disagreed. “…”")."""
        art = self.art
        s = art.spans[i]
        end = len(art.text[:s.open_at].rstrip())
        lo = art.sentence_start(end - 1, art.paras[s.paragraph][0])
        if any(lo <= q.open_at < end for q in art.spans):
            return None
        att = self.attributor.from_gap(lo, end, after=False)
        if att is None or att.speaker is None or not _speech_tag(att, art.text, lo, end):
            return None
        return att

    def paragraph_speaker(self, p: int) -> Attribution | None:
        """The last speech event of paragraph p told outside quotes ("He said:", "X said that
        …", or a colon introduction: "X released a statement:"), for a following paragraph
        that is only a quote."""
        if p in self._para_speech:
            return self._para_speech[p]
        art = self.art
        lo, hi = art.paras[p]
        found = None
        verb = _cue_verb(art.tokens(lo, hi), reverse=True)
        colon = art.text[lo:hi].rstrip().endswith(":")
        if verb is not None or colon:
            at = len(art.text[:hi].rstrip()) - 1 if colon else verb.idx
            s_lo = art.sentence_start(at, lo)
            s_hi = art.sentence_end(at, hi)
            att = self.attributor.from_gap(s_lo, s_hi, after=False)
            if att is not None and att.named:
                found = att
        self._para_speech[p] = found
        return found


def extract_quotes(doc: Doc, resolution: Any) -> list[Quote]:
    """The direct quotations of the article parsed as `doc`, with resolved speakers.

    `resolution` is the article's people resolution
    (`newscrawl.nlp.entities.people.resolve(doc)`); a
    quote's `speaker` is the `name` of one of its PERSON or ORG entities, or None.
    """
    qs = _Quotes(doc, resolution)
    art, text, spans = qs.art, qs.art.text, qs.art.spans
    pieces: list[_Piece] = []
    last: Attribution | None = None  # the latest speaker, for quotes that continue it
    last_para = -10
    for i, s in enumerate(spans):
        if _stage_direction(text, s):
            continue
        label = _transcript_label(text, s, art.resolver)
        if label is not None:  # “PENCE: …” — the label names the speaker of this turn
            att, start = label
            pieces.append(_Piece(i, start, s.end, att.speaker.name, att.mention, None,
                                 s.paragraph))
            last, last_para = att, s.paragraph
            continue
        att = qs.own(i)
        words = len(text[s.start:s.end].split())
        lead = text[art.paras[s.paragraph][0]:s.open_at].rstrip()
        first_in_para = lead == ""
        starts_clause = first_in_para or lead[-1] in ".!?:,—–―(" or lead[-1] in "”\"'’" \
            and len(lead) > 1 and lead[-2] in ".!?,"
        inherited = None
        if att is None or not att.named:
            continues_chain = s.continued and last_para == s.paragraph - 1
            continues_para = not first_in_para and starts_clause and last_para == s.paragraph
            if last is not None and (continues_chain or continues_para):
                inherited = last
            elif first_in_para and _stands_alone(art, s):
                prev = qs.paragraph_speaker(s.paragraph - 1) if s.paragraph > 0 else None
                if last is not None and last_para == s.paragraph - 1 and (
                        prev is None or prev.pos <= last.pos):
                    inherited = last
                elif prev is not None:
                    inherited = prev
            elif lead[-1:] in ".!?" and _stands_alone(art, s):
                inherited = qs.sentence_speaker(i)
        if att is not None and att.named:
            if not att.direct and words < MIN_WORDS_EMBEDDED and not _exclaims(text, s) \
                    and not qs.attributor.shouted(s):
                continue
            speaker, mention, cue = att.speaker, att.mention, att.cue
            last, last_para = att, s.paragraph
        elif inherited is not None:
            if words < 2 and not s.continued:
                continue
            # Within a paragraph the same words still point to the speaker (“…,” he added.
            # “…”); a quote paragraph of its own has no such words.
            same = last_para == s.paragraph
            speaker = inherited.speaker
            mention, cue = (inherited.mention, inherited.cue) if same else (None, None)
            last, last_para = inherited, s.paragraph
        else:
            # A whole quoted sentence inside the narrator's sentence (as long as an unattributed
            # quote) is a quotation too when the subject of the verb before it is one of the
            # article's people or organisations (Roe ended by calling him “…”); with no one to
            # say it (a digest's headline “…” [Source.]) it stays out.
            inside = not starts_clause
            shouted = qs.attributor.shouted(s)  # “Stop it!” chants: speech, said by no one named
            if not shouted and (words < MIN_WORDS_UNATTRIBUTED or not (starts_clause or inside)
                                or not _sentence_like(art, s)):
                continue
            speaker, mention, cue = None, None, att.cue if att else None
            governing = qs.attributor.governing(s) if inside and not shouted else None
            if governing is not None and governing.speaker is not None:
                speaker, mention, cue = governing.speaker, governing.mention, governing.cue
            elif inside and not shouted:
                continue
        pieces.append(_Piece(i, s.start, s.end, getattr(speaker, "name", None), mention, cue,
                             s.paragraph))
    return [_joined(text, group) for group in _quotations(spans, pieces)]


def _transcript_label(text: str, s: QuoteSpan, resolver: Any) -> tuple[Attribution, int] | None:
    """An interview transcript turn: the quoted stretch opens with a speaker label and a colon
    ("PENCE: …", "Smith: …") naming a person or organisation of the article. Returns the
    attribution and the offset where the spoken words start."""
    m = TRANSCRIPT_LABEL.match(text, s.start, s.end)
    if m is None or m.end() >= s.end:
        return None
    ent = resolver.lookup(m.group(1))
    if ent is None:
        return None
    return Attribution(ent, m.group(1), None, pos=s.start), m.end()


def _stands_alone(art: _Article, s: QuoteSpan) -> bool:
    """The quote is a sentence of its own: nothing but punctuation follows it in its sentence
    (not “Become a leader” sounds like a tall order)."""
    if s.close_end is None:
        return True
    hi = art.sentence_end(s.close_end, art.paras[s.paragraph][1])
    return not any(c.isalnum() for c in art.text[s.close_end:hi])


def _sentence_like(art: _Article, s: QuoteSpan) -> bool:
    """Quoted text that reads as speech: it ends in sentence punctuation, or it holds more than
    one sentence (a title or a term never does), whatever closes it (“… We lost. We will be
    back,” with a tag the writer left without its verb)."""
    hi = s.close_at if s.close_at is not None else s.end
    inner = art.text[s.start:hi].rstrip()
    inner = inner.rstrip(CLOSING_MARKS).rstrip()  # “… what they called ‘a comeback.’”
    if s.close_at is None or inner and inner[-1] in ".!?…":
        return True
    first_end = art.sentence_end(s.start, s.start + len(inner))
    return any(c.isalnum() for c in art.text[first_end:s.start + len(inner)])


def _stage_direction(text: str, s: QuoteSpan) -> bool:
    """Quoted text wholly in parentheses or brackets: "(CROSSTALK)", "[Applause]"."""
    inner = text[s.start:s.end].strip().rstrip(".")
    return inner[:1] in "([" and inner[-1:] in ")]"


def _exclaims(text: str, s: QuoteSpan) -> bool:
    """The quoted words are a question or an exclamation: speech, not a scare term."""
    inner = text[s.start:s.end].rstrip().rstrip(CLOSING_MARKS)
    return inner[-1:] in ("?", "!")


def _titleish(doc: Doc, s: QuoteSpan) -> bool:
    """A few capitalised words without sentence punctuation: the title of a work, a name. The
    small words a title keeps lowercase are function words by the parse ("Face the Nation",
    "Late Night with Ann Roe"); the period of the sentence a title ends may stand inside the
    marks when a noun or preposition leads to it (on “This Week.”), not a verb (chanting
    “No More.”) or punctuation (said: “Probably.”)."""
    text = doc.text
    quoted = text[s.start:s.end]
    before = _token_at(doc, len(text[:s.open_at].rstrip()) - 1)
    if before is not None and before.text[-1:].isalnum() and before.pos_ not in ("VERB", "AUX"):
        quoted = quoted.removesuffix(".")
    if len(quoted.split()) > 6 or any(c in quoted for c in ".!?"):
        return False
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", quoted) if m.group()[:1].isalpha()]
    if len(words) == 1 and words[0][1].lower() in ("yes", "no"):
        return False

    def small(at: int, word: str) -> bool:
        tok = _token_at(doc, s.start + at)
        return word.lower() in FUNCTION_WORDS or tok is not None and tok.tag_ in TITLE_SMALL_TAGS

    return bool(words) and all(w[:1].isupper() or k and small(at, w)
                               for k, (at, w) in enumerate(words))


def _token_at(doc: Doc, pos: int) -> Token | None:
    """The token covering character `pos`, if any."""
    if pos < 0:
        return None
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _quotations(spans: list[QuoteSpan], pieces: list[_Piece]) -> list[list[_Piece]]:
    """Group the quoted pieces into quotations: a quote running over paragraphs (each paragraph
    opening with a quote mark, only the last one closed) is one quotation, unless a paragraph
    names another speaker (a transcript's next turn, “BERG: …”).

    A quote interrupted by its attribution (“A,” she said, “B.”) stays two quotes, each with the
    speaker: joined, they scored no better on the PolNeAR check half."""
    groups: list[list[_Piece]] = []
    for p in pieces:
        prev = groups[-1][-1] if groups else None
        if prev is not None and p.span == prev.span + 1 and p.speaker in (None, prev.speaker) \
                and spans[prev.span].continues and spans[p.span].continued:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _joined(text: str, group: list[_Piece]) -> Quote:
    """One quote from the pieces of a quotation (a blank line between paragraphs): the first
    speaker found names it all."""
    said = next((p for p in group if p.speaker is not None), group[0])
    return Quote(
        text="\n\n".join(text[p.start:p.end] for p in group),
        speaker=said.speaker,
        speaker_mention=said.mention,
        cue=said.cue,
        paragraph=group[0].paragraph,
        start=group[0].start,
        end=group[-1].end,
        parts=[[p.start, p.end] for p in group],
    )
