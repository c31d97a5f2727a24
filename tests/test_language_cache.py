"""The language identifier's model is read from the user's cache after the first build, and the
cached identifier decides exactly as the library's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import py3langid.langid as langid
import pytest

from newscrawl.extract import language

TEXTS = [
    "The council voted on Tuesday to keep the old library open for two more years.",
    "Der Stadtrat hat am Dienstag beschlossen, die alte Bibliothek zwei Jahre offen zu halten.",
    "Le conseil municipal a voté mardi pour garder la vieille bibliothèque ouverte deux ans.",
    "El ayuntamiento votó el martes mantener abierta la antigua biblioteca dos años más.",
    "Gemeenteraad stemde dinsdag om de oude bibliotheek nog twee jaar open te houden.",
]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    language._identifier.cache_clear()
    yield tmp_path
    language._identifier.cache_clear()


def cached_models(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "newscrawl").glob("py3langid-*.npz"))


def test_first_load_keeps_the_model_in_the_cache(cache_home: Path) -> None:
    language._identifier()
    assert len(cached_models(cache_home)) == 1


def test_cached_identifier_decides_as_the_library(cache_home: Path) -> None:
    language._identifier()
    language._identifier.cache_clear()  # a new worker: now read from the cache
    ours = language._identifier()
    theirs = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE,
                                                       norm_probs=True)
    assert [ours.classify(t) for t in TEXTS] == [theirs.classify(t) for t in TEXTS]


def test_texts_are_told_apart(cache_home: Path) -> None:
    assert [language.detect_language(t)[0] for t in TEXTS] == ["en", "de", "fr", "es", "nl"]


def test_a_torn_cache_file_is_rebuilt(cache_home: Path) -> None:
    language._identifier()
    (path,) = cached_models(cache_home)
    size = path.stat().st_size
    path.write_bytes(path.read_bytes()[: size // 3])
    language._identifier.cache_clear()
    assert language.detect_language(TEXTS[1])[0] == "de"
    assert path.stat().st_size == size


def test_an_unwritable_cache_is_no_error(cache_home: Path) -> None:
    (cache_home / "newscrawl").write_text("a file where the folder should be", encoding="utf-8")
    assert language.detect_language(TEXTS[2])[0] == "fr"
