"""Turn the words that point to a quote's speaker into one of the article's entities.

Names go through the people resolution ("Smith" -> "Anna Smith"). Pronouns ("he", "she")
and definite role nouns ("the minister") are this module's job: news prose refers back to the
person named most recently, so we walk back from the mention over the people named outside
quotes, skipping those whose gender contradicts the pronoun. Gender comes from the people module
when it knows, else from evidence in the article itself: titles (Mr, Mrs), gendered role nouns
(spokeswoman) and the pronouns that follow a person's mentions.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Span

from newscrawl.nlp import gazetteer
from newscrawl.nlp.entities.gender import first_name
from newscrawl.nlp.lexicon import (
    FEMALE_ROLE_NOUNS,
    HONORIFICS,
    MALE_PRONOUNS,
    MALE_ROLE_NOUNS,
    PERSON_PRONOUNS,
    SPEECH_VERBS,
    norm_key,
    title_word,
)

MALE_WORDS = {h for h, g in HONORIFICS.items() if g == "m"} | MALE_ROLE_NOUNS
FEMALE_WORDS = {h for h, g in HONORIFICS.items() if g == "f"} | FEMALE_ROLE_NOUNS
"""Titles and role nouns that give a person's gender (the lexicon's lists, looked up through
`title_word`: "Mr." -> "mr")."""
SPEAKER_LABELS = ("PERSON", "ORG")
PARAGRAPH_WINDOW = 4
"""How many paragraphs back a pronoun or role noun may look for the person it refers to."""


def _first_name_gender(entity: Any) -> str | None:
    """'male'/'female' from the given name of the entity's fullest name, if the name says."""
    forms = [getattr(entity, "name", "")] + list(getattr(entity, "aliases", []))
    given = first_name([f for f in forms if f])
    g = gazetteer.first_name_gender(given) if given else None
    return {"m": "male", "f": "female"}.get(g or "")


class SpeakerResolver:
    """Resolve speaker mentions of one article; built once per article."""

    def __init__(self, doc: Doc, resolution: Any, quoted: list[tuple[int, int]],
                 paragraph_of: Any) -> None:
        self.doc = doc
        self.resolution = resolution
        self.paragraph_of = paragraph_of
        starts = sorted(quoted)
        self._quoted = starts
        self._quoted_starts = [a for a, _ in starts]
        mentions = []  # (start, end, entity) of PERSON/ORG mentions outside quotes
        for ent in getattr(resolution, "entities", []):
            if ent.label not in SPEAKER_LABELS:
                continue
            for a, b in ent.spans:
                if not self.inside_quote(a):
                    mentions.append((a, b, ent))
        mentions.sort(key=lambda m: (m[0], m[1]))
        self.mentions = mentions
        self._mention_starts = [m[0] for m in mentions]
        self._gender: dict[int, str | None] = {}

    def inside_quote(self, pos: int) -> bool:
        """Whether character `pos` lies inside a quoted span."""
        i = bisect_left(self._quoted_starts, pos + 1) - 1
        return i >= 0 and self._quoted[i][0] <= pos < self._quoted[i][1]

    # --- gender -----------------------------------------------------------------------------
    def gender(self, entity: Any) -> str | None:
        """'male', 'female' or None for a PERSON entity: the article's own evidence, else the
        people module's verdict."""
        key = id(entity)
        if key not in self._gender:
            votes = self._gender_votes(entity)
            given = getattr(entity, "gender", None)
            given = {"m": "male", "f": "female"}.get(given, given)
            strong = votes["male_title"] - votes["female_title"]
            if strong:  # a title or gendered role noun in this article outweighs everything
                self._gender[key] = "male" if strong > 0 else "female"
            elif given in ("male", "female"):
                # The people module's verdict (a first name, a title) beats pronoun votes:
                # in a story about a woman, "she" also follows the men's names.
                self._gender[key] = given
            elif votes["male"] != votes["female"]:
                g = "male" if votes["male"] > votes["female"] else "female"
                # The people module found the evidence in conflict: pronouns against the first
                # name. Unknown, then, rather than the pronouns' side.
                name_g = _first_name_gender(entity)
                self._gender[key] = g if name_g in (None, g) else None
            else:
                self._gender[key] = None
        return self._gender[key]

    def _gender_votes(self, entity: Any) -> Counter[str]:
        """Evidence per mention, strongest first: a title or gendered role noun right before
        the name or in an appositive after it; a pronoun the parse ties to the name as subject
        ("Trump said he …", "Clinton … her campaign", "himself"); the subject pronoun of the next
        sentence when the name is the only person in its own. Pronouns merely near a name are
        not evidence: in an article about one woman, "she" follows every man's name too."""
        votes: Counter[str] = Counter()
        doc = self.doc
        for a, b in entity.spans:
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None or self.inside_quote(a):
                continue
            words = [title_word(t) for t in doc[max(0, span.start - 2):span.start]]
            if span.end < len(doc) and doc[span.end].text == ",":
                words += [title_word(t) for t in doc[span.end + 1:min(len(doc), span.end + 4)]]
            if any(w in MALE_WORDS for w in words):
                votes["male_title"] += 1
                continue
            if any(w in FEMALE_WORDS for w in words):
                votes["female_title"] += 1
                continue
            head = span.root
            if head.dep_ not in ("nsubj", "nsubjpass"):
                continue
            verb = head.head
            others = [t for t in verb.subtree
                      if (t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN")
                      and not (span.start <= t.i < span.end) and not self.inside_quote(t.idx)]
            g, weight = None, 0
            for t in verb.subtree:
                if self.inside_quote(t.idx) or t.i in range(span.start, span.end):
                    continue
                low = t.lower_
                if low not in PERSON_PRONOUNS:
                    continue
                tied = not others and (t.dep_ in ("nsubj", "nsubjpass", "poss")
                                       and t.head != verb or low in ("himself", "herself"))
                if tied:
                    g = "male" if low in MALE_PRONOUNS else "female"
                    weight = 1 if t.dep_ == "poss" else 2
                    break
            if g is None and not others:
                sent = head.sent
                if sent.end < len(doc) and "\n\n" not in doc[sent.end - 1:sent.end + 1].text:
                    nxt = doc[sent.end].sent
                    root_subj = [t for t in nxt.root.children if t.dep_ in ("nsubj", "nsubjpass")]
                    if root_subj and root_subj[0].lower_ in ("he", "she") \
                            and not self.inside_quote(root_subj[0].idx) \
                            and not any(t.ent_type_ == "PERSON" for t in nxt):
                        votes["male" if root_subj[0].lower_ == "he" else "female"] += 1
                        continue
            if g is not None:
                votes[g] += weight
        return votes

    # --- resolution -------------------------------------------------------------------------
    def named(self, span: Span) -> Any | None:
        """The PERSON/ORG entity a named mention refers to, if the people module knows it."""
        ent = self.resolution.entity_at(span.start_char, span.end_char)
        if ent is None:
            words = [t.text for t in span if t.pos_ == "PROPN" or t.text[:1].isupper()]
            if words:
                ent = self.resolution.lookup(" ".join(words))
        if ent is not None and ent.label in SPEAKER_LABELS:
            return ent
        return None

    def lookup(self, label: str) -> Any | None:
        """The PERSON/ORG entity a bare name string refers to ("PENCE", "Mr. Smith")."""
        ent = self.resolution.lookup(label)
        words = norm_key(label).split()
        if ent is None and words:  # a surname alone ("PENCE" for "Mike Pence"), if unique
            found = [e for e in getattr(self.resolution, "entities", []) if e.label == "PERSON"
                     and any(norm_key(f).split()[-len(words):] == words
                             for f in [e.name, *e.aliases])]
            ent = found[0] if len(found) == 1 else None
        return ent if ent is not None and ent.label in SPEAKER_LABELS else None

    def pronoun(self, word: str, pos: int) -> Any | None:
        """The entity a speaker pronoun at char `pos` refers to (he/she: a person; it: an org)."""
        low = word.lower()
        if low in PERSON_PRONOUNS:
            want = "male" if low in MALE_PRONOUNS else "female"
            return self._antecedent(pos, want)
        if low == "it":
            return self._recent(pos, lambda e: e.label == "ORG")
        return None

    def _antecedent(self, pos: int, want: str) -> Any | None:
        """The person a he/she at `pos` refers to, among those named outside quotes before it.

        First the latest sentence (in this or the previous paragraph) that names a person who
        fits; within it, and failing it over the whole window, a subject (of a speech verb or a
        main clause) beats anyone named in passing ("Matthews said Trump's numbers …" → he is
        Matthews), the nearer paragraph wins (this and the previous one count as one), the
        subject of a speech verb beats another subject, a person known to have the pronoun's
        gender beats one of unknown gender, and then the most recent wins. At most
        PARAGRAPH_WINDOW paragraphs back; a known gender mismatch is never chosen.
        """
        para = self.paragraph_of(pos)
        cands = []  # (start, entity, sentence start, salience, gender fits, modifier), latest first
        for a, b, ent in self._mentions_before(pos):
            g = self.gender(ent) if ent.label == "PERSON" else "none"
            if g in (want, None):
                span = self.doc.char_span(a, b, alignment_mode="expand")
                sent = span.root.sent.start_char if span is not None else a
                modifier = span is not None and span.root.dep_ == "compound"
                cands.append((a, ent, sent, self._salience(a, b), g == want, modifier))
        if not cands:
            return None
        recent = self._last_sentence(cands, pos, want, para)
        if recent:
            return max(recent, key=lambda c: (c[3], c[4], c[0]))[1]
        return max(cands, key=lambda c: (c[3] > 0, -max(1, para - self.paragraph_of(c[0])),
                                         c[3], c[4], c[0]))[1]

    def _last_sentence(self, cands: list, pos: int, want: str, para: int) -> list:
        """The candidates of the latest sentence before `pos` (this or the previous paragraph)
        that names someone who fits: news names the speaker right before the quote ("…, which
        concerns Henry Crespo. “…,” he said"). A sentence where a fitting subject pronoun comes
        before those names is about someone named earlier (", he said, … lobbying by Joe
        Biden"), so it is passed over."""
        pronoun = "he" if want == "male" else "she"
        by_sent: dict[int, list] = {}
        for c in cands:
            # a name as a modifier ("the Clinton campaign") does not bring its person in
            if para - self.paragraph_of(c[0]) <= 1 and not c[5]:
                by_sent.setdefault(c[2], []).append(c)
        for start in sorted(by_sent, reverse=True):
            group = by_sent[start]
            first = min(c[0] for c in group)
            sent = self.doc.char_span(start, first, alignment_mode="expand")
            if sent is not None and any(
                    t.lower_ == pronoun and t.dep_ in ("nsubj", "nsubjpass") and t.idx < first
                    and not self.inside_quote(t.idx) for t in sent):
                continue
            return group
        return []

    def _salience(self, a: int, b: int) -> int:
        """How likely a later pronoun points back to the mention at [a, b): 2 for the subject
        of a speech verb, 1 for the subject of a main clause, 0 otherwise (news refers back
        to its speakers and subjects, not to people named in passing or in a side clause:
        "While Obama had …, that concerns Crespo. “…,” he said" is Crespo)."""
        if self._speaks(a, b):
            return 2
        span = self.doc.char_span(a, b, alignment_mode="expand")
        if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
            return 0
        verb = span.root.head
        while verb.dep_ == "conj" and verb.head != verb:
            verb = verb.head
        return int(verb.dep_ == "ROOT")

    def _speaks(self, a: int, b: int) -> bool:
        """Whether the mention at [a, b) is the subject of a speech verb ("Fowler said")."""
        span = self.doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass"):
            return root.head.lower_ in SPEECH_VERBS
        return root.dep_ == "pobj" and root.head.lower_ == "to" \
            and root.head.head.lower_ == "according"

    def _recent(self, pos: int, accept: Any) -> Any | None:
        return next((ent for _a, _b, ent in self._mentions_before(pos) if accept(ent)), None)

    def _mentions_before(self, pos: int) -> Iterator[tuple[int, int, Any]]:
        """(start, end, entity) of the mentions before `pos`, latest first, at most
        PARAGRAPH_WINDOW paragraphs back: where a pronoun's antecedent is looked for."""
        para = self.paragraph_of(pos)
        for i in range(bisect_left(self._mention_starts, pos) - 1, -1, -1):
            a, b, ent = self.mentions[i]
            if para - self.paragraph_of(a) > PARAGRAPH_WINDOW:
                return
            yield a, b, ent

    def aged(self, age: str, pos: int) -> Any | None:
        """The person an age stands for ("the 54-year-old"): the latest person named with that
        age beside the name ("Jo Roe, 54," or "54-year-old Jo Roe"). Without such a mention the
        age names no one: news gives the age where it names the person first."""
        doc = self.doc
        for a, b, ent in self._mentions_before(pos):
            if ent.label != "PERSON":
                continue
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None:
                continue
            after = doc[span.end:span.end + 2]
            if len(after) == 2 and after[0].text in (",", "(") and after[1].text == age:
                return ent
            # "54-year-old (grandmother) Jo Roe": the age, then only nouns up to the name
            j = span.start - 1
            while j >= 0 and span.start - j <= 3 and doc[j].pos_ in ("NOUN", "PROPN"):
                j -= 1
            if j >= 4 and doc[j].lower_ == "old" and doc[j - 4].text == age:
                return ent
        return None

    def role(self, head: str, pos: int) -> Any | None:
        """The person a definite role noun ("the minister") refers to: the most recent person
        named with that word as a title ("Defence Minister Jose …") or in an appositive."""
        head = head.lower()
        doc = self.doc
        i = bisect_left(self._mention_starts, pos) - 1
        seen = 0
        while i >= 0 and seen < 200:
            a, b, ent = self.mentions[i]
            i -= 1
            seen += 1
            if ent.label != "PERSON":
                continue
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None:
                continue
            words = []
            j = span.start - 1  # the title run right before the name: "Defence Minister"
            while j >= 0 and span.start - j <= 6 and (
                    doc[j].pos_ in ("PROPN", "NOUN", "ADJ") or doc[j].lower_ == "of"):
                words.append(doc[j].lower_)
                j -= 1
            after = doc[span.end:min(len(doc), span.end + 8)]
            if after and after[0].text == ",":  # an appositive: ", the Portuguese minister,"
                for t in after[1:]:
                    if t.is_punct or t.pos_ in ("VERB", "AUX"):
                        break
                    words.append(t.lower_)
            if head in words:
                return ent
        return None
