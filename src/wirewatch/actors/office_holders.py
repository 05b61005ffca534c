"""Office holders known by name alone: "Obama" is a United States actor, and its government
while he held office.

A news sentence often names a leader with no title ("Obama said he would not provide
support to Israel"); event coders read the country and the part of the state from who the
person was at the time. `data/office_holders.json` lists heads of state and government and a
few ministers with the terms of their offices; a person found there carries the country always
and the sector of the office held on the article's date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from wirewatch.actors.registry import normalize

__all__ = ["OfficeHolder", "Term", "find_office_holder"]


@dataclass(frozen=True)
class Term:
    office: str
    sector: str
    start: str  # ISO date or its year / month prefix
    end: str | None  # None: in office now

    def covers(self, day: str) -> bool:
        return self.start[: len(day)] <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class OfficeHolder:
    name: str
    country: str
    terms: tuple[Term, ...]

    def sector_on(self, day: str | None) -> str | None:
        """The sector of the office held on `day` (YYYY[-MM[-DD]]), None outside every term or
        when the day is unknown."""
        if not day:
            return None
        return next((t.sector for t in self.terms if t.covers(day)), None)


@cache
def _holders() -> dict[str, OfficeHolder]:
    source = resources.files("wirewatch.actors").joinpath("data", "office_holders.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    by_name: dict[str, OfficeHolder] = {}
    for person in data["people"]:
        holder = OfficeHolder(person["name"], person["country"], tuple(
            Term(t["office"], t["sector"], t["from"], t["to"]) for t in person["terms"]))
        for name in (person["name"], *person["aliases"]):
            by_name[normalize(name)] = holder
    return by_name


def find_office_holder(name: str) -> OfficeHolder | None:
    """The office holder `name` (a full name or a listed spelling) names, else None."""
    return _holders().get(normalize(name))
