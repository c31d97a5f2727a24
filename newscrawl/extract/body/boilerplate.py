"""Line rules: which paragraphs are datelines, bylines, boilerplate or teaser runs.

These rules look at one line of text (and its neighbours for teaser runs), never at the page:
share/follow/newsletter/contributor/copyright lines, "Updated at ..." stamps, date and reading-
time lines, and a "Related" / "Don't miss" label with the teaser headlines under it. They are
multilingual where news sites commonly are (en, pt, es, fr, de, it).
"""

from __future__ import annotations

import re

from newscrawl.extract.authors import BY_WORDS
from newscrawl.extract.body.text import SENTENCE_END, WORD

_MONTHS = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july"
    " august september october november december"
    # pt, es, fr, de, it: common languages of European news sites
    " janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"
    " enero febrero marzo mayo junio julio septiembre octubre noviembre diciembre"
    " janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    " januar februar märz juni juli oktober dezember"
    " gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre"
)
_DAYS = (
    "mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday"
    " segunda terça quarta quinta sexta sábado domingo feira lunes martes miércoles jueves viernes"
    " lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag"
    " freitag samstag sonntag"
)
_DATE_WORDS = frozenset((_MONTHS + " " + _DAYS + " am pm a m p gmt utc est edt pst pdt cet cest bst"
                         " ist updated published posted").split())
_YEAR_OR_TIME = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d\b")
_BYLINE = re.compile(
    r"^" + BY_WORDS + r"\s+\w|^(?:published|updated|posted|publicado|"
    r"atualizado|publié|mis à jour|veröffentlicht|aktualisiert|pubblicato)\b",
    re.IGNORECASE,
)
_READING_TIME = re.compile(
    r"\b(?:min(?:ute)?s?|minutos?)\s+(?:read|de leitura|de lectura|lesezeit|lecture)\b|"
    r"\b(?:reading time|read time|tempo de leitura|tiempo de lectura|lesezeit|temps de lecture)\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"|".join(
        (
            # calls to action open a sentence: "Sign up for ...", "Follow us on ..."
            r"(?:^|[.!?…]\s+)\W*(?:sign up (?:for|to|now|today|here)|subscribe (?:to|now|today|"
            r"here|for)|click (?:here|to|the)|follow (?:us|@|\w+'s? (?:full )?coverage)|"
            r"get (?:the|our)|download (?:the|our)|listen (?:to|live|here)|"
            r"watch (?:the|our|live|here)|read more|tell us)\b",
            r"\bfollow (?:[\w'’@]+ ){1,6}on (?:twitter|facebook|instagram|youtube)\b",
            r"\bsubscribe to\b|\bsubscribing to our\b",
            r"contributed (?:to )?(?:this )?report",
            r"^\W*(?:with )?additional reporting\b",
            r"^\W*(?:reporting|writing|editing) by\b",
            r"^(?:source|sources|filed under|tags?|comments?|categor(?:y|ies))\b\s*(?:[:|]|$)",
            r"^\d*\s*comments?$",
            r"\byou (?:may|might) also like\b",
            r"\btell us what you think\b|\bleave a (?:comment|reply)\b",
            r"^\W*(?:©|\(c\)|copyright\b)|\ball rights reserved\b",
            r"\bshare (?:this|it) with\b|\blike this (?:story|article)\b",
            r"\bclick here\b",
            r"\bif you (?:enjoyed|liked) this\b",
            r"\b(?:email|e-mail|write to|reach|contact)\b.*\S+@\S+\.\w+",
            r"^\S+@\S+\.\w+$",
            r"^(?:https?://|www\.|twitter\.com/)\S+$",
        )
    ),
    re.IGNORECASE,
)
_SHORT_BOILERPLATE = re.compile(r"\bnewsletters?\b|\bsign up\b", re.IGNORECASE)
"""Words that make a boilerplate line only in a short line (a heading, a button)."""
_LABEL = re.compile(
    r"^\W*(?:related(?: \w+)?|read more|read also|also read|more|see more|see also|also|"
    r"also on \S+|don'?t miss|most (?:read|popular|viewed)(?: \w+){0,3}|more from \S+|"
    r"recommended(?: for you)?|you (?:may|might) also like|tags?|topics?|comments?|"
    r"share (?:this|it)(?: \w+)?|follow us|trending(?: now)?|latest news|top stories)\W*$",
    re.IGNORECASE,
)


def strip_teaser_runs(paras: list[str]) -> list[str]:
    """Drop a "Don't miss" / "Related" label and the teaser headlines that follow it."""
    kept: list[str] = []
    i = 0
    while i < len(paras):
        if _is_label(paras[i]):
            if len(paras) - i <= 3:
                break  # "Tags" / "Comments" near the end: what follows is not the article
            j = i + 1
            while j < len(paras) and j - i <= 8 and _is_teaser(paras[j]):
                j += 1
            if j == len(paras) or j > i + 1 or len(paras) - i <= 6:
                i = j  # a label at the end, or one followed by teasers
                continue
        kept.append(paras[i])
        i += 1
    return kept


def _is_label(para: str) -> bool:
    return len(WORD.findall(para)) <= 6 and bool(_LABEL.match(para.strip()))


def _is_teaser(para: str) -> bool:
    """A short headline-like line: few words, no sentence end."""
    return len(WORD.findall(para)) <= 25 and not para.rstrip().endswith(SENTENCE_END)


def strip_trailing(paras: list[str]) -> list[str]:
    """Drop share/follow/newsletter/contributor/copyright lines at the end of the text."""
    end = len(paras)
    while end > 0 and len(paras) - end < 8 and (
        is_boilerplate(paras[end - 1]) or _is_stamp(paras[end - 1])
    ):
        end -= 1
    return paras[:end]


def is_boilerplate(para: str) -> bool:
    """A share/follow/subscribe/contributor/copyright line (only short ones qualify)."""
    words = len(WORD.findall(para))
    if words <= 8 and _SHORT_BOILERPLATE.search(para):
        return True
    return words <= 40 and bool(_BOILERPLATE.search(para.strip()))


def _is_stamp(para: str) -> bool:
    """A short "Updated at 1:23 p.m." / "Published ..." line."""
    return len(WORD.findall(para)) <= 12 and bool(_BYLINE.search(para.strip()))


def is_dateline(para: str) -> bool:
    """A short line made of a date/time, a byline or a reading time, not a sentence."""
    words = WORD.findall(para.lower())
    if not words or len(words) > 15:
        return False
    if _READING_TIME.search(para):
        return True
    if _BYLINE.search(para.strip()) and not para.rstrip().endswith("."):
        return True
    datey = sum(1 for w in words if w.isdigit() or w in _DATE_WORDS)
    return bool(_YEAR_OR_TIME.search(para)) and datey >= 3 and datey * 2 >= len(words) - 2
