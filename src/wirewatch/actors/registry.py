"""The actor registry: countries, their governments, IGOs, armed groups, government bodies, peoples.

Built at load time from packaged sources only: pycountry for every country and the curated
`data/curated_actors.json` for what pycountry lacks (short names, demonyms, seats of government,
organisations and groups with all their names). Nothing is downloaded; the result is cached.

Lookups match aliases after normalisation (case, accents, dots, dashes, a leading "the" and a
possessive "'s" do not matter), so "the U.S." = "US" = "United States".
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pycountry

logger = logging.getLogger(__name__)

KINDS = ("country", "igo", "armed_group", "organization", "government_body", "person")

_CURATED = "curated_actors.json"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"})
_POSSESSIVE = re.compile(r"'s?\b")
_NON_WORD = re.compile(r"[^\w&]+")
# Demonyms that are invariant in the plural ("the Swiss", "the Chinese") or already plural.
_NO_PLURAL = ("sh", "ch", "ese", "ss", "s", "x", "z")


@dataclass(frozen=True)
class ActorEntry:
    """One actor the registry knows. `id` is stable: alpha-3 for countries, a slug otherwise."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]


class UnknownActor(KeyError):
    """Raised by Registry.get for an id the registry does not hold."""


def normalize(surface: str) -> str:
    """The key aliases are matched on: lower case, no accents, dots, dashes or leading article."""
    text = unicodedata.normalize("NFKD", surface.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _POSSESSIVE.sub("", text.replace(".", ""))
    text = _NON_WORD.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


def plural(demonym: str) -> str | None:
    """The plural of a demonym ("Iraqi" -> "Iraqis"), or None when it has none of its own."""
    if "." in demonym or demonym.isupper() or demonym.endswith(_NO_PLURAL):
        return None
    if demonym.endswith("man") and not demonym.endswith("German"):
        return demonym[:-3] + "men"
    return demonym + "s"


class Registry:
    """Lookup of actors by any of their names; use `Registry.load()` for the packaged one."""

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        demonyms: dict[str, str],
        seats: dict[str, str] | None = None,
    ) -> None:
        self._by_id: dict[str, ActorEntry] = {}
        self._by_alias: dict[str, str] = {}
        self._cased: set[str] = set()  # keys that only an acronym spells ("CTS", not "cts")
        for entry in entries:
            if entry.id in self._by_id:
                raise ValueError(f"duplicate actor id {entry.id!r}")
            self._by_id[entry.id] = entry
            for surface in (entry.name, *entry.aliases):
                self._index(normalize(surface), entry.id, surface)
        self._demonyms = dict(demonyms)
        self._seats = dict(seats or {})
        for surface, actor_id in self._demonyms.items():
            self._index(normalize(surface), actor_id, surface)

    def _index(self, key: str, actor_id: str, surface: str) -> None:
        if not key:
            return
        if surface.isupper() and " " not in surface:
            if key not in self._by_alias:
                self._cased.add(key)
        else:
            self._cased.discard(key)
        held = self._by_alias.setdefault(key, actor_id)
        if held != actor_id:
            logger.debug("alias %r kept for %s, not %s", surface, held, actor_id)

    @classmethod
    def load(cls) -> Registry:
        """The registry built from the packaged sources (built once, then cached)."""
        return _packaged_registry()

    def lookup(self, surface: str) -> ActorEntry | None:
        """The actor a surface form names (aliases and demonyms), or None. An acronym is not
        matched in lower case: "cts" (cents) is not Iraq's Counter Terrorism Service."""
        key = normalize(surface)
        if key in self._cased and surface.strip().islower():
            return None
        actor_id = self._by_alias.get(key)
        return self._by_id[actor_id] if actor_id else None

    def get(self, actor_id: str) -> ActorEntry:
        try:
            return self._by_id[actor_id]
        except KeyError:
            raise UnknownActor(f"no actor with id {actor_id!r} in the registry") from None

    def entries(self) -> Iterator[ActorEntry]:
        return iter(self._by_id.values())

    def demonyms(self) -> dict[str, str]:
        """Demonym surface forms (singular and plural) -> actor id."""
        return dict(self._demonyms)

    def seats(self) -> dict[str, str]:
        """Seats of government named as places ("Ottawa") -> the government they stand for."""
        return dict(self._seats)

    def __len__(self) -> int:
        return len(self._by_id)


def _read_curated() -> dict[str, Any]:
    source = resources.files("wirewatch.actors").joinpath("data", _CURATED)
    return json.loads(source.read_text(encoding="utf-8"))


def _comma_reordered(name: str) -> str | None:
    """pycountry's "Korea, Republic of" -> "Republic of Korea"."""
    head, sep, tail = name.partition(", ")
    return f"{tail} {head}" if sep else None


def _unique(names: Iterable[str | None], exclude: str) -> tuple[str, ...]:
    seen = {exclude}
    kept = []
    for name in names:
        if name and name not in seen:
            seen.add(name)
            kept.append(name)
    return tuple(kept)


def _with_plurals(demonyms: Iterable[str]) -> list[str]:
    forms = []
    for demonym in demonyms:
        forms.append(demonym)
        if many := plural(demonym):
            forms.append(many)
    return forms


def _countries(curated: dict[str, dict[str, Any]]) -> Iterator[ActorEntry]:
    known = set()
    for country in pycountry.countries:
        code = country.alpha_3
        known.add(code)
        extra = curated.get(code, {})
        common = getattr(country, "common_name", None)
        name = common or country.name
        official = getattr(country, "official_name", None)
        names = [*extra.get("names", []), country.name, common, official]
        names += [_comma_reordered(n) for n in (country.name, official) if n]
        yield ActorEntry(code, name, "country", code, None, _unique(names, name))
    for code, extra in curated.items():
        if code not in known:
            name, *rest = extra["names"]
            yield ActorEntry(code, name, "country", code, None, _unique(rest, name))


def _governments(
    countries: list[ActorEntry], curated: dict[str, Any]
) -> Iterator[ActorEntry]:
    """One executive per country with a seat of government: its capital and metonyms name it."""
    metonyms = curated["government_metonyms"]
    for country in countries:
        extra = curated["countries"].get(country.id, {})
        capital = extra.get("capital")
        if not capital and country.id not in metonyms:
            continue
        names = [country.name, *extra.get("names", [])]
        described = [f"{d} government" for d in extra.get("demonyms", [])]
        described += [f"government of {n}" for n in names] + [f"{n} government" for n in names]
        aliases = [capital, *metonyms.get(country.id, []), *described]
        name = f"Government of {country.name}"
        yield ActorEntry(
            f"gov:{country.id.lower()}", name, "government_body", country.id, "GOV",
            _unique(aliases, name),
        )


def _curated_actors(curated: dict[str, Any]) -> Iterator[ActorEntry]:
    for item in curated["actors"]:
        if item["kind"] not in KINDS:
            raise ValueError(f"actor {item['id']!r} has unknown kind {item['kind']!r}")
        yield ActorEntry(
            item["id"], item["name"], item["kind"], item.get("country"), item.get("sector"),
            _unique(item["aliases"], item["name"]),
        )


def _demonyms(curated: dict[str, Any]) -> dict[str, str]:
    table = {}
    for code, extra in curated["countries"].items():
        for form in _with_plurals(extra.get("demonyms", [])):
            table.setdefault(form, code)
    for item in curated["actors"]:
        for form in _with_plurals(item.get("demonyms", [])):
            table.setdefault(form, item["id"])
    return table


@cache
def _packaged_registry() -> Registry:
    curated = _read_curated()
    countries = list(_countries(curated["countries"]))
    # Curated organisations come first so that their names win over generated aliases.
    entries = [*_curated_actors(curated), *countries, *_governments(countries, curated)]
    seats = {
        extra["capital"]: f"gov:{code.lower()}"
        for code, extra in curated["countries"].items()
        if "capital" in extra
    }
    registry = Registry(entries, _demonyms(curated), seats)
    logger.debug("actor registry loaded: %d actors", len(registry))
    return registry
