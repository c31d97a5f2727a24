"""The words that introduce speech: speech verbs in every inflection.

The project's spaCy pipeline runs without its lemmatizer, so verbs are matched by their
inflected forms, generated here from base forms (irregular ones listed).
"""

from __future__ import annotations

_SPEECH_VERBS = (
    "say tell add note explain ask write tweet post claim insist argue continue declare state "
    "warn reply respond answer recall remark announce acknowledge admit suggest comment "
    "observe assert contend maintain emphasize emphasise stress predict promise vow joke quip "
    "exclaim shout yell scream whisper mutter chant urge concede conclude testify confirm "
    "deny report complain boast brag lament muse wonder pledge counter retort interject agree "
    "caution charge allege reiterate repeat proclaim recount describe elaborate begin offer "
    "point put tout demand plead implore cry mock chide scoff sneer thunder fume gush marvel "
    "concur recommend advise read told"
)
SPEECH_VERBS = _SPEECH_VERBS.split()
"""Verbs that introduce speech (base forms; inflections are generated below)."""
IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "writes", "writing", "written"],
    "begin": ["began", "begins", "beginning", "begun"],
    "put": ["puts", "putting"],
    "cry": ["cried", "cries", "crying"],
    "deny": ["denied", "denies", "denying"],
    "reply": ["replied", "replies", "replying"],
    "testify": ["testified", "testifies", "testifying"],
    "quip": ["quipped", "quips", "quipping"],
    "admit": ["admitted", "admits", "admitting"],
    "allege": ["alleged", "alleges", "alleging"],
    "plead": ["pleaded", "pled", "pleads", "pleading"],
    "implore": ["implored", "implores", "imploring"],
    "refer": ["referred"],
    "read": ["reads", "reading"],  # “…,” the letter reads.
}
NEEDS_PARTICLE = {"point", "put", "offer", "begin", "describe"}
"""Verbs that are speech only with a particle or object ("pointed out", "put it")."""
UNAMBIGUOUS = {"said", "says", "told", "tells"}
"""Speech verb forms that are verbs whatever the tagger says."""


def _forms(verbs: list[str]) -> dict[str, str]:
    """Map every inflected form of the speech verbs to its base (the model has no lemmatizer)."""
    out: dict[str, str] = {}
    for v in verbs:
        forms = [v] + IRREGULAR.get(v, [])
        if v not in IRREGULAR:
            stem = v[:-1] if v.endswith("e") else v
            forms += [v + "s" if not v.endswith(("s", "sh", "ch")) else v + "es"]
            forms += [stem + "ed" if not v.endswith("e") else v + "d", stem + "ing"]
            if v.endswith("y") and v[-2] not in "aeiou":
                forms += [v[:-1] + "ied", v[:-1] + "ies"]
        for f in forms:
            out.setdefault(f, v)
    out["told"] = "tell"
    return out


SPEECH_FORMS = _forms(SPEECH_VERBS)
