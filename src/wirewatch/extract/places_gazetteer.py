"""The packaged offline gazetteer: place records and name lookup.

The artefact (data/gazetteer/places.tsv.gz + names.tsv.gz) is built by
scripts/build_gazetteer.py from GeoNames extracts that PyPI packages carry; it is read once per
process, on first use.
"""

from __future__ import annotations

import gzip
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

log = logging.getLogger(__name__)

ARTEFACT = ("data", "gazetteer")
# "approximate" is never stored: the resolver gives it to a feature the gazetteer lacks, placed
# at the place it lies in (see places_fallback).
KINDS = ("country", "admin1", "admin2", "city", "region", "feature", "approximate")

_ABBREVIATIONS = (
    (re.compile(r"^st\.? "), "saint "),
    (re.compile(r"^ft\.? "), "fort "),
    (re.compile(r"^mt\.? "), "mount "),
)
_POSSESSIVE = re.compile(r"(?:'s|')$")
# "Borno State", "Oaxaca state", "Cavan County": the unit word is often not part of the name the
# extracts store, and says the name is an administrative unit, not a town.
_UNIT_WORD = re.compile(
    r"^(.*\S) (?:state|province|county|region|district|governorate|oblast|prefecture"
    r"|department|municipality|parish|local government area|lga)$")
UNIT_KINDS = frozenset({"admin1", "admin2", "region"})


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. `country` is ISO 3166 alpha-3; `kind` is one of KINDS."""

    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    kind: str
    population: int
    geonameid: int | None = None


def normalise(name: str) -> str:
    """The lookup key of a name: case, accents, quotes, hyphens and spacing do not matter."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[\s\-‐–]+", " ", text).strip(" ,;:")
    return text


def variants(name: str) -> list[str]:
    """Keys to try, best first: the name itself, then the forms news writing bends it into."""
    key = normalise(name)
    out = [key]
    bare = key[4:] if key.startswith("the ") else key
    bare = _POSSESSIVE.sub("", bare)
    out.append(bare)
    out.append(_expand(bare))
    if "." in bare:
        out.append(bare.replace(".", ""))
    if bare.endswith("s") and len(bare) > 4:
        out.append(bare[:-1])  # plural demonyms: "Syrians" -> "Syrian"
    return list(dict.fromkeys(out))


class Gazetteer:
    """Name -> candidate places, over the packaged artefact.

    Rows stay raw text until a lookup needs them: most of the 150k places are never asked for,
    and parsing them all would cost seconds at start-up.
    """

    def __init__(self, rows: list[str], keys: dict[str, str]) -> None:
        self._rows = rows
        self._keys = keys
        self._capitals: dict[str, Place] | None = None

    @classmethod
    def load(cls) -> Gazetteer:
        """The packaged gazetteer, read once per process (no network, no download)."""
        return _load_packaged()

    def candidates(self, name: str) -> list[Place]:
        """Every place the name may denote, most populous first; [] when none is known."""
        return [place for place, _, _ in self.lookup(name)]

    def lookup(self, name: str) -> list[tuple[Place, bool, bool]]:
        """Candidates with two flags: matched by its primary name, and is a national capital.

        "St. Petersburg" and "Saint Petersburg" are the same name: both spellings' places are
        candidates, and either spelling counts as a place's own name. An unknown name ending in
        a unit word ("Borno State") gets the units of the name without it.
        """
        for key in variants(name):
            hits = self._keys.get(key)
            if not hits:
                continue
            spellings = {key, _expand(key)}
            numbers = dict.fromkeys(hits.split(","))
            for other in spellings - {key}:
                numbers.update(dict.fromkeys(self._keys.get(other, "").split(",")))
            out = []
            for number in filter(None, numbers):
                place, capital = _parse(self._rows[int(number)])
                out.append((place, normalise(place.name) in spellings, capital))
            return sorted(out, key=lambda c: -c[0].population)
        unit = _UNIT_WORD.match(normalise(name))
        if unit:
            return [c for c in self.lookup(unit.group(1)) if c[0].kind in UNIT_KINDS]
        return []

    def capital(self, country: str | None) -> Place | None:
        """The national capital of an ISO alpha-3 country, if the gazetteer flags one."""
        if self._capitals is None:
            flagged = (_parse(row)[0] for row in self._rows if row.endswith("\t1"))
            self._capitals = {place.country: place for place in flagged if place.country}
        return self._capitals.get(country or "")


def _expand(key: str) -> str:
    for pattern, full in _ABBREVIATIONS:
        if pattern.match(key):
            return pattern.sub(full, key)
    return key


@lru_cache(maxsize=65536)
def _parse(row: str) -> tuple[Place, bool]:
    gid, name, kind, country, admin1, lat, lon, pop, capital = row.split("\t")
    place = Place(name, country or None, admin1 or None, float(lat), float(lon), kind, int(pop),
                  int(gid) if gid else None)
    return place, bool(capital)


def _read(name: str) -> list[str]:
    path = resources.files("wirewatch").joinpath(*ARTEFACT, name)
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        return handle.read().splitlines()


@cache
def _load_packaged() -> Gazetteer:
    rows = _read("places.tsv.gz")
    keys = dict(line.split("\t", 1) for line in _read("names.tsv.gz"))
    log.debug("gazetteer loaded: %d places, %d names", len(rows), len(keys))
    return Gazetteer(rows, keys)
