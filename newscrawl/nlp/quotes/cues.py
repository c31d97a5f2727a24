"""The words that make a speech verb a quote's cue (the verbs themselves are
`lexicon.SPEECH_VERB_LEMMAS`, looked up in every inflection through `lexicon.SPEECH_VERBS`)."""

from __future__ import annotations

NEEDS_PARTICLE = frozenset({"point", "put", "offer", "begin", "describe"})
"""Verbs that are speech only with a particle or object ("pointed out", "put it")."""
UNAMBIGUOUS = frozenset({"said", "says", "told", "tells"})
"""Speech verb forms that are verbs whatever the tagger says."""
MESSAGE_NOUNS = frozenset({
    "statement", "email", "e-mail", "letter", "memo", "message", "note", "tweet", "post",
    "video", "ad", "advertisement", "release", "column", "op-ed", "editorial", "essay", "blog",
    "speech", "remark", "remarks", "comment", "comments", "reference", "reply", "response",
    "text", "book", "report", "interview", "appeal", "announcement",
})
"""Things that carry someone's words: what one "says" speaks for its author when someone
issued it ("Roe released a statement saying, “…”", "an ad that says “…”" of Roe's campaign)."""
