"""The body fingerprint is trafilatura's SimHash, bit for bit, whatever the text."""

import random

import pytest
from trafilatura.deduplication import Simhash

from newscrawl.extract.fingerprint import fingerprint, simhash

TEXTS = [
    "The council voted on Tuesday to close the old harbour bridge for repairs until spring.",
    "Rain, rain and more rain: the river rose by two metres overnight, rain again tomorrow.",
    "Ça va? Die Brücke über den Fluss wird im Frühling für Reparaturen geschlossen.",
    "市议会周二投票决定关闭旧港桥进行维修。",
    "a b c",
    "!!! ... ???",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_simhash_is_trafilaturas(text: str) -> None:
    assert simhash(text) == Simhash(text).hash


def test_simhash_is_trafilaturas_on_long_random_texts() -> None:
    rng = random.Random(7)
    vocabulary = [f"word{i}" for i in range(400)] + ["harbour", "bridge", "council", "the"]
    for _ in range(20):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(50, 2000)))
        assert simhash(text) == Simhash(text).hash


def test_fingerprint_is_sixteen_hex_digits_or_none() -> None:
    assert fingerprint("") is None
    value = fingerprint(TEXTS[0])
    assert value is not None and len(value) == 16 and int(value, 16) == Simhash(TEXTS[0]).hash
