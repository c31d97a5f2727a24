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
Rule = tuple[int, list[list[tuple[str, Test]]] | None, int]
"""(rule number in the ruler, per token of the pattern its (attribute name, test) pairs or None
when finding the rule under its index key is the match, pattern length)."""


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
    """Stands in for `AttributeRuler.match`: the same sorted (rule, match id, start, end) list.

    A pattern is filed under the values its first token must have: its tag and lower-cased
    text when it tests both, else the one it tests, else it is tried everywhere. A one-token
    pattern that tests nothing more than what it is filed under matches wherever it is looked
    up; only the others are checked token by token.
    """

    def __init__(self, ruler: Any) -> None:
        self.match_ids = [ruler.vocab.strings[str(n)] for n in range(len(ruler.patterns))]
        self.by_tag: dict[Any, list[Rule]] = defaultdict(list)
        self.by_pair: dict[tuple[Any, Any], list[Rule]] = defaultdict(list)
        self.by_lower: dict[Any, list[Rule]] = defaultdict(list)
        self.everywhere: list[Rule] = []
        self.keys: set[str] = {"TAG", "LOWER"}
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = [[(k, _test(v)) for k, v in spec.items()] for spec in pattern]
                self.keys.update(k for spec in pattern for k in spec)
                first = pattern[0]
                filed = [k for k in ("TAG", "LOWER") if _indexable(first, k)]
                certain = len(pattern) == 1 and set(first) == set(filed)
                rule = (number, None if certain else tests, len(pattern))
                if filed == ["TAG", "LOWER"]:
                    for tag in _keys(first["TAG"]):
                        for lower in _keys(first["LOWER"]):
                            self.by_pair[tag, lower].append(rule)
                elif filed == ["TAG"]:
                    for tag in _keys(first["TAG"]):
                        self.by_tag[tag].append(rule)
                elif filed == ["LOWER"]:
                    for lower in _keys(first["LOWER"]):
                        self.by_lower[lower].append(rule)
                else:
                    self.everywhere.append(rule)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        tokens = list(doc)  # each Token object made once; the rules read plain columns
        columns = {key: [_ATTRS[key](t) for t in tokens] for key in self.keys}
        length = len(tokens)
        found = set()
        match_ids = self.match_ids
        candidates: dict[tuple[str, str], tuple[Rule, ...]] = {}  # words repeat: look up once
        for i, pair in enumerate(zip(columns["TAG"], columns["LOWER"], strict=True)):
            rules = candidates.get(pair)
            if rules is None:
                rules = candidates[pair] = (*self.by_tag.get(pair[0], ()),
                                            *self.by_pair.get(pair, ()),
                                            *self.by_lower.get(pair[1], ()), *self.everywhere)
            for number, tests, width in rules:
                if tests is None or _matches(tests, columns, i, length):
                    found.add((number, match_ids[number], i, i + width))
        return sorted(found)


def index_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's attribute ruler the indexed matcher, when all its patterns allow."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if all(key in _ATTRS and _supported(value) for entry in ruler.patterns
           for pattern in entry["patterns"] for spec in pattern for key, value in spec.items()):
        ruler.match = IndexedMatcher(ruler)
