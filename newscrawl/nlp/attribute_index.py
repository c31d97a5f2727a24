"""A faster matcher for spaCy's attribute ruler, giving exactly the matches spaCy's gives.

The English pipelines' `attribute_ruler` maps fine-grained tags to coarse ones (and fixes a few
words) with ~180 one- or two-token patterns run through spaCy's general `Matcher`, which tries
every pattern at every token: about a sixth of the parse time in the profile of a crawl. All those
patterns compare token attributes with plain values, so they can be looked up by the first token's
tag or lower-cased text instead. The ruler itself still applies the matches (same order, same
code); only how they are found changes. A pipeline whose patterns use anything else (sets,
regexes, operators) keeps spaCy's matcher.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

_ATTRS = {
    "TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_,
    "ORTH": lambda t: t.orth_, "IS_SPACE": lambda t: t.is_space, "POS": lambda t: t.pos_,
}
"""Token attributes a pattern may test for the index to handle it."""

Test = Callable[[Any], bool]
Rule = tuple[int, list[list[tuple[str, Test]]]]
"""(rule number in the ruler, per token of the pattern: (attribute name, test) pairs)."""


def _supported(value: Any) -> bool:
    """A plain value, {"IN": [...]}, {"NOT_IN": [...]} or {"REGEX": "..."}, as spaCy's matcher
    reads them."""
    if isinstance(value, str | bool):
        return True
    return isinstance(value, dict) and len(value) == 1 and (
        isinstance(value.get("IN"), list) or isinstance(value.get("NOT_IN"), list)
        or isinstance(value.get("REGEX"), str))


def _test(value: Any) -> Test:
    if isinstance(value, dict) and "IN" in value:
        members = frozenset(value["IN"])
        return members.__contains__
    if isinstance(value, dict) and "NOT_IN" in value:
        excluded = frozenset(value["NOT_IN"])
        return lambda attr: attr not in excluded
    if isinstance(value, dict):
        regex = re.compile(value["REGEX"])
        return lambda text: regex.search(text) is not None
    return value.__eq__


def _keys(value: Any) -> list[str]:
    """The values of the first token's attribute a pattern can match on (to index it)."""
    return list(value["IN"]) if isinstance(value, dict) and "IN" in value else [value]


def _matches(tests: list[list[tuple[str, Test]]], columns: dict[str, list[Any]],
             start: int, length: int) -> bool:
    if start + len(tests) > length:
        return False
    for offset, token_tests in enumerate(tests):
        for key, test in token_tests:
            if not test(columns[key][start + offset]):
                return False
    return True


def _indexable(spec: dict[str, Any], key: str) -> bool:
    value = spec.get(key)
    return isinstance(value, str) or (isinstance(value, dict) and "IN" in value)


class IndexedMatcher:
    """Stands in for `AttributeRuler.match`: the same sorted (rule, match id, start, end) list."""

    def __init__(self, ruler: Any) -> None:
        self.strings = ruler.vocab.strings
        self.by_tag: dict[str, list[Rule]] = defaultdict(list)
        self.by_lower: dict[str, list[Rule]] = defaultdict(list)
        self.everywhere: list[Rule] = []
        self.keys: set[str] = {"TAG", "LOWER"}
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                rule = (number, [[(k, _test(v)) for k, v in spec.items()] for spec in pattern])
                self.keys.update(k for spec in pattern for k in spec)
                first = pattern[0]
                index, key = ((self.by_tag, "TAG") if _indexable(first, "TAG")
                              else (self.by_lower, "LOWER") if _indexable(first, "LOWER")
                              else (None, ""))
                if index is None:
                    self.everywhere.append(rule)
                    continue
                for value in _keys(first[key]):
                    index[value].append(rule)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        tokens = list(doc)  # each Token object made once; the rules read plain columns
        columns = {key: [_ATTRS[key](t) for t in tokens] for key in self.keys}
        found = set()
        for i, (tag, lower) in enumerate(zip(columns["TAG"], columns["LOWER"], strict=True)):
            for number, tests in (*self.by_tag.get(tag, ()), *self.by_lower.get(lower, ()),
                                  *self.everywhere):
                if _matches(tests, columns, i, len(tokens)):
                    found.add((number, self.strings[str(number)], i, i + len(tests)))
        return sorted(found)


def index_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's attribute ruler the indexed matcher, when all its patterns allow."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if all(key in _ATTRS and _supported(value) for entry in ruler.patterns
           for pattern in entry["patterns"] for spec in pattern for key, value in spec.items()):
        ruler.match = IndexedMatcher(ruler)
