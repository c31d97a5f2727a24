"""Find quoted spans in text by pairing quote marks (no language model involved).

Why a hand-written scanner: news text mixes curly and straight double quotes, guillemets and
single quotes, and the same character (’ or ') is both a closing single quote and an apostrophe
(don't, Smith's, voters'). A mark's role is decided from its neighbours, quotes are paired per
paragraph, and an opening mark that never closes ends its quote at the paragraph end instead of
swallowing the rest of the article. A paragraph that ends inside a quote and is followed by one
that opens with a quote mark is the newspaper convention for a quote running over paragraphs.
Doubled marks ('' and ``) are not quote marks: they come from tokenised archive text, not from
published pages, and news corpora do not count them as direct speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_PAIRS = {"“": '”"“', "„": '“”"', "‟": '”"', "«": "»", '"': '"”', "”": '”"'}
"""Opening double mark -> the marks that close it (typed text mixes curly and straight, and
sometimes opens with ” or closes with “ by mistake: a “ closes only where it cannot open)."""
SINGLE_PAIRS = {"‘": "’", "‚": "’‘", "‹": "›", "'": "'’"}
"""Opening single mark -> the marks that close it."""
DOUBLE_CLOSERS = "”»"
SINGLE_CLOSERS = "’›"
AMBIGUOUS = "\"'’"
"""Marks whose role (open / close / apostrophe) depends on their neighbours."""
ALL_MARKS = set("“”„‟«»\"‘’‚‹›'")
OPEN_CONTEXT = set("([{—–-/") | ALL_MARKS
CLOSE_CONTEXT = set(".,;:!?)]}—–-/…") | ALL_MARKS
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
DOUBLED = re.compile(r"''|``")
FEET_INCHES = re.compile(r"\d[’'′]\d{1,2}$")
"""Feet and inches before a double mark (he's 6’2”): the mark is the inch sign."""


@dataclass
class QuoteSpan:
    """One quoted stretch of text: `start`/`end` bound the words inside the marks."""

    start: int
    end: int
    open_at: int
    """Offset of the opening mark."""
    close_at: int | None
    """Offset of the closing mark; None when the quote is not closed in its paragraph."""
    paragraph: int
    kind: str
    """"double" or "single"."""
    close_end: int | None = None
    """Offset just past the closing mark."""
    continues: bool = False
    """The quote runs on into the next paragraph (no closing mark, next one opens a quote)."""
    continued: bool = False
    """This span continues a quote from the previous paragraph."""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks separated by blank lines, as `body` is built."""
    spans, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _left_flanking(text: str, i: int, lo: int, hi: int) -> bool:
    """The mark at i looks like an opener: text follows it, a boundary precedes it."""
    nxt = text[i + 1] if i + 1 < hi else " "
    prev = text[i - 1] if i > lo else " "
    return not nxt.isspace() and (prev.isspace() or prev in OPEN_CONTEXT)


def _right_flanking(text: str, i: int, lo: int, hi: int) -> bool:
    """The mark at i looks like a closer: text precedes it, a boundary follows it."""
    nxt = text[i + 1] if i + 1 < hi else " "
    prev = text[i - 1] if i > lo else " "
    return not prev.isspace() and (nxt.isspace() or nxt in CLOSE_CONTEXT)


def _is_apostrophe(text: str, i: int, lo: int, hi: int) -> bool:
    """A single mark inside a word (don't) or before a year ('90s, often typed as ‘90s)."""
    nxt = text[i + 1] if i + 1 < hi else " "
    prev = text[i - 1] if i > lo else " "
    if prev.isalnum() and nxt.isalnum():
        return True
    return (prev.isspace() or i == lo) and nxt.isdigit()


def _role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close', 'either' or 'none' for the mark at i."""
    ch = text[i]
    if ch in "'’‘" and _is_apostrophe(text, i, lo, hi):
        return "none"
    if ch in '”"' and FEET_INCHES.search(text, max(lo, i - 4), i):
        return "none"  # the inch mark of a height (6’2”), not the quote's closer
    left, right = _left_flanking(text, i, lo, hi), _right_flanking(text, i, lo, hi)
    if ch in "“„‟«‘‚‹" and ch not in AMBIGUOUS:
        # “ is also the closer after „ (German style); report it as either then.
        return "either" if ch == "“" and right and not left else "open"
    if ch == "”" and left and not right:
        return "open"  # a closing mark typed where an opening one belongs
    if ch in DOUBLE_CLOSERS + SINGLE_CLOSERS and ch != "’":
        return "close"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either" if ch == '"' else "none"


def _after_sentence_end(text: str, i: int, lo: int) -> bool:
    """Whether the mark at i follows sentence-final punctuation and a space."""
    j = i - 1
    while j >= lo and text[j].isspace():
        j -= 1
    return j < i - 1 and j >= lo and text[j] in ".!?"


def _scan_paragraph(text: str, lo: int, hi: int, disabled: set[int]) -> tuple[list, int | None]:
    """Pair marks in text[lo:hi]; return ([(open_at, close_at|None, kind)], failed single opener).

    A single-quote opener that never closes is returned as `failed` so the caller can rescan
    with it treated as an apostrophe.
    """
    found: list[tuple[int, int | None, str]] = []
    top: tuple[int, str, str] | None = None  # (open_at, opening char, kind)
    nested = 0  # same-family double quotes opened inside the top quote
    for i in range(lo, hi):
        ch = text[i]
        if ch not in ALL_MARKS or i in disabled:
            continue
        role = _role(text, i, lo, hi)
        if role == "none":
            continue
        if top is None:
            if role in ("open", "either") and ch in DOUBLE_PAIRS:
                if ch == "“" and role == "either":
                    continue  # a stray closer-shaped “
                top, nested = (i, ch, "double"), 0
            elif role == "open" and ch in SINGLE_PAIRS:
                top, nested = (i, ch, "single"), 0
            continue
        open_at, opener, kind = top
        pairs = DOUBLE_PAIRS if kind == "double" else SINGLE_PAIRS
        closes = ch in pairs[opener]
        if closes and role in ("close", "either"):
            if nested:
                nested -= 1
                continue
            found.append((open_at, i, kind))
            top = None
        elif kind == "double" and ch in DOUBLE_PAIRS and ch != "”" and role == "open":
            if ch == opener and not nested and _after_sentence_end(text, i, lo):
                # “First sentence. “Second …: the first quote lost its closing mark; a quote
                # nested in the same style would sit inside a sentence, not start one.
                found.append((open_at, None, kind))
                top = (i, ch, kind)
                continue
            nested += 1  # “ inside "…" or “…”: a nested quote in double marks
    failed = None
    if top is not None:
        if top[2] == "single":
            failed = top[0]
        else:
            found.append((top[0], None, top[2]))
    return found, failed


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Shrink [a, b) to drop surrounding whitespace and a closing comma."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def _blank_doubled_marks(text: str) -> str:
    """Blank out '' and `` (same length, so offsets hold): they must neither pair as two
    single quotes nor stand for a double quote."""
    return DOUBLED.sub("  ", text)


def _doubled_regions(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The stretches of text[lo:hi] between doubled marks, paired in order (''…'' or ``…''); a
    last unpaired one runs to the paragraph end. Not quotes themselves, but the single quotes
    inside them are quotes within a quotation (''He said, 'No.' '')."""
    marks = [m.start() for m in DOUBLED.finditer(text, lo, hi)]
    return [(a, marks[k + 1] if k + 1 < len(marks) else hi) for k, a in enumerate(marks)
            if k % 2 == 0]


def find_quotes(text: str) -> list[QuoteSpan]:
    """All top-level quoted spans of `text`, in order; nested quotes stay inside their parent,
    and so do single quotes inside text in doubled marks."""
    original = text
    text = _blank_doubled_marks(text)
    paras = paragraphs(text)
    out: list[QuoteSpan] = []
    prev_open: QuoteSpan | None = None  # unclosed quote at the end of the previous paragraph
    for pi, (lo, hi) in enumerate(paras):
        disabled: set[int] = set()
        for _ in range(50):  # each round disables one unpaired single opener
            found, failed = _scan_paragraph(text, lo, hi, disabled)
            if failed is None:
                break
            disabled.add(failed)
        first_mark = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
        opens_para = bool(found) and found[0][0] == first_mark
        if prev_open is not None and opens_para and found[0][2] == prev_open.kind:
            prev_open.continues = True
        regions = _doubled_regions(original, lo, hi)
        found = [f for f in found if f[2] != "single" or not any(a < f[0] < b for a, b in regions)]
        for k, (open_at, close_at, kind) in enumerate(found):
            end = close_at if close_at is not None else hi
            if close_at is None and k + 1 < len(found):
                end = found[k + 1][0]
            a, b = _trim(original, open_at + 1, end)
            if b <= a:
                continue
            close_end = close_at + 1 if close_at is not None else None
            span = QuoteSpan(a, b, open_at, close_at, pi, kind, close_end)
            if prev_open is not None and prev_open.continues and open_at == first_mark:
                span.continued = True
            out.append(span)
        last = out[-1] if out and out[-1].paragraph == pi else None
        prev_open = last if last is not None and last.close_at is None else None
    return out
