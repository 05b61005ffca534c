"""Approximate places for names the gazetteer lacks: streets, venues, institutions, rivers.

A span the caller says names a place, but that no gazetteer entry matches, is mostly a feature
inside a place the article names anyway ("Royal Street" in a New Orleans story, "Barclays
Center" in a Brooklyn one). Pointing it at that place is right at city scale, which is the
scale news is read at; leaving it unresolved is wrong at every scale. Such a span gets a copy of
that place (its name and point) marked kind="approximate":

- a place named inside it ("Manila Cathedral", "Delhi High Court", "Bank of England"); a
  country named by an institution of its state ("Bank of Japan", "Mexican Senate") stands for
  its capital, but an embassy stands where the article is, not in the country it represents;
- else the nearest city named before it in the same paragraph;
- else the article's most named city, region or country, in that order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import replace

from wirewatch.extract.places_gazetteer import Gazetteer, Place

APPROXIMATE = "approximate"
CITY_KINDS = frozenset({"city", "admin2"})
REGION_KINDS = frozenset({"admin1", "region"})
# A place named inside a longer name is trusted when it is a country, or a sizeable place in a
# country the article is about (any, when it names none): "South" in "South Kilburn Estate" is
# not Iceland's South Region, and "Royal" in "Royal Street" is not Royal City, Washington.
SIZEABLE_KINDS = frozenset({"admin1", "admin2", "region", "feature"})
SIZEABLE_POPULATION = 50000
# Institutions of a state, found in its capital ("Bank of Mexico", "Russian Foreign Ministry").
_STATE_INSTITUTION = re.compile(
    r"\b(?:Ministry|Ministers?|Bank|Senate|Parliament|Congress|Government|Cabinet|Court|"
    r"Assembly|Academy|School|Council|Police|Army|Navy|Palace|Duma|Kremlin|Supreme)\b")
# Missions stand in the host city, not in the country they represent.
_MISSION = re.compile(r"\b(?:Embassy|Consulate|Mission|High Commission)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Z][\w'’.-]*")
# Articles and particles of names, never a place on their own: "Al" in "Al Shadaddi" is not
# Alabama.
_CONNECTIVES = frozenset({"of", "the", "de", "du", "des", "la", "le", "di", "del", "and", "&",
                          "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn",
                          "abu"})

# A direction alone is no place either: "Eastern" in "Eastern Mediterranean" is not Egypt's
# Eastern (al-Sharqia) Province.
_DIRECTIONS = frozenset("north south east west northern southern eastern western central "
                        "northeast northwest southeast southwest upper lower greater inner outer "
                        "middle near far".split())

Resolver = Callable[[str], Place | None]


def inner_names(name: str) -> list[str]:
    """Capitalised runs inside a multi-word name, longest first, earlier first on ties."""
    words = name.replace("’", "'").split()
    if len(words) < 2:
        return []
    runs = []
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            run = words[start:start + size]
            if run[0].lower() in _CONNECTIVES or run[-1].lower() in _CONNECTIVES:
                continue
            if all(w.lower() in _DIRECTIONS for w in run):
                continue
            if not all(_WORD.fullmatch(w) or w.lower() in _CONNECTIVES for w in run):
                continue
            runs.append(" ".join(run))
    return runs


def approximate_place(
    gazetteer: Gazetteer,
    text: str,
    span: tuple[int, int],
    resolved: list[tuple[int, Place]],
    resolve_inner: Resolver,
    countries: Collection[str],
) -> Place | None:
    """The place an unknown name most likely lies in (see the module docstring), or None when
    the article names no place at all. `resolved` holds (start, place) of the article's other
    resolved spans; `resolve_inner` resolves a name in the article's context; `countries` are
    the ISO alpha-3 codes of the countries the article is about."""
    name = text[span[0]:span[1]]
    anchor = _named_inside(gazetteer, name, resolve_inner, countries)
    if anchor is None:
        anchor = _preceding_city(text, span[0], resolved) or _dominant(resolved)
    if anchor is None:
        return None
    return replace(anchor, kind=APPROXIMATE, population=0, geonameid=None)


def _named_inside(gazetteer: Gazetteer, name: str, resolve_inner: Resolver,
                  countries: Collection[str]) -> Place | None:
    for inner in inner_names(name):
        place = resolve_inner(inner)
        if place is None or not _trusted(place, countries):
            continue
        if place.kind == "country":
            if _MISSION.search(name):
                return None
            if _STATE_INSTITUTION.search(name):
                return gazetteer.capital(place.country) or place
        return place
    return None


def _trusted(place: Place, countries: Collection[str]) -> bool:
    if place.kind == "country":
        return True
    sizeable = place.kind in SIZEABLE_KINDS or place.population >= SIZEABLE_POPULATION
    return sizeable and (place.country in countries or not countries)


def _preceding_city(text: str, start: int, resolved: list[tuple[int, Place]]) -> Place | None:
    paragraph_start = text.rfind("\n", 0, start) + 1
    before = [(at, place) for at, place in resolved
              if paragraph_start <= at < start and place.kind in CITY_KINDS]
    return max(before, key=lambda item: item[0])[1] if before else None


def _dominant(resolved: list[tuple[int, Place]]) -> Place | None:
    for kinds in (CITY_KINDS, REGION_KINDS, frozenset({"country"})):
        counts = Counter(place for _, place in resolved if place.kind in kinds)
        if counts:
            return counts.most_common(1)[0][0]
    return None
