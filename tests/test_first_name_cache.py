"""The first-name and place tables are built once and then read from the user's cache (worker
start-up)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.nlp import gazetteer


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gazetteer._first_names.cache_clear()
    yield tmp_path
    gazetteer._first_names.cache_clear()


def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the (slow) builds from the package's table, and make them return a small table."""
    calls: list[int] = []

    def build() -> dict[str, str]:
        calls.append(1)
        return {"aurelia": "f", "bastian": "m", "robin": ""}

    monkeypatch.setattr(gazetteer, "_filtered_first_names", build)
    return calls


def test_built_once_then_read_from_the_cache(cache_home: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    calls = builds(monkeypatch)
    assert gazetteer.first_name_gender("Aurelia") == "f"
    gazetteer._first_names.cache_clear()  # a new worker process
    assert gazetteer.is_first_name("Robin")
    assert len(calls) == 1
    assert gazetteer._first_names_cache().is_relative_to(cache_home)


def test_a_torn_cache_file_is_rebuilt(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = builds(monkeypatch)
    path = gazetteer._first_names_cache()
    path.parent.mkdir(parents=True)
    path.write_text('{"aurel', encoding="utf-8")
    assert gazetteer.first_name_gender("Bastian") == "m"
    assert len(calls) == 1
    assert gazetteer._first_names_cache().read_text(encoding="utf-8").startswith('{"aurelia"')


def test_an_unwritable_cache_is_no_error(cache_home: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    builds(monkeypatch)
    (cache_home / "newscrawl").write_text("a file where the folder should be", encoding="utf-8")
    assert gazetteer.first_name_gender("Aurelia") == "f"


@pytest.fixture
def fresh_places(cache_home: Path) -> Iterator[Path]:
    """No place table in this process (a new worker) and none in the (empty) user cache."""
    clear = (gazetteer._places.cache_clear, gazetteer.lookup_place.cache_clear)
    for fn in clear:
        fn()
    yield cache_home
    for fn in clear:
        fn()


def test_place_table_read_back_from_the_cache_is_the_same(fresh_places: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    built = _probe()
    assert gazetteer._places_cache().is_relative_to(fresh_places)
    gazetteer._places.cache_clear()  # a new worker process
    gazetteer.lookup_place.cache_clear()

    def no_build() -> None:
        raise AssertionError("the place table was built again")

    monkeypatch.setattr(gazetteer, "_built_places", no_build)
    assert _probe() == built
    assert built == (gazetteer.Place("United States", "country", "GPE"),
                     gazetteer.Place("Lagos", "city", "GPE"), True)


def _probe() -> tuple:
    """A country by an alias, a city, a smaller town."""
    return (gazetteer.lookup_place("U.S."), gazetteer.lookup_place("Lagos"),
            gazetteer.is_town("Paramus"))
