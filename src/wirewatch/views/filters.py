"""The filters every view shares (q, actor, type, outlet, from, to, place), as SQL conditions.

Each condition is a fragment with `?` placeholders and its parameters, so views compose them
without ever formatting a value into SQL. Bad input (a malformed date, a query with no words, an
unknown actor) raises `BadFilter` or `ActorNotFound` before any query runs.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace

from wirewatch.store.base import BaseStore as Store
from wirewatch.store.dialect import Dialect
from wirewatch.views.actors import ActorNotFound, find_actor
from wirewatch.views.search import BadQuery, fts_query

__all__ = ["ActorNotFound", "BadFilter", "Filters", "Condition"]

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                "ASSAULT")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
Condition = tuple[str, list[object]]


class BadFilter(ValueError):
    """A filter value that cannot be used (the message says which and why)."""


def _checked_date(value: str | None, name: str, *, upper: bool) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD bound; an upper bound widens to the end of its period so
    that `to=2021` keeps everything dated in 2021."""
    if value is None or value == "":
        return None
    match = _DATE.match(value.strip())
    if not match:
        raise BadFilter(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        raise BadFilter(f"{name} has no month {month}: {value!r}")
    if day and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        raise BadFilter(f"{name} has no day {day} in {year}-{month}: {value!r}")
    if not upper:
        return value.strip()
    if day:
        return f"{year}-{month}-{day}"
    if month:
        return f"{year}-{month}-{calendar.monthrange(int(year), int(month))[1]:02d}"
    return f"{year}-12-31"


@dataclass(frozen=True)
class Filters:
    q: str | None = None
    actor: str | None = None
    type: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None

    def checked(self, store: Store) -> Filters:
        """Validated filters: dates normalised, the query checked, the actor resolved to its id."""
        blank = {k: (v or None) for k, v in self.__dict__.items()}
        checked = replace(self, **blank)
        date_from = _checked_date(checked.date_from, "from", upper=False)
        date_to = _checked_date(checked.date_to, "to", upper=True)
        if date_from and date_to and date_from > date_to:
            raise BadFilter(f"from ({date_from}) is after to ({date_to})")
        if checked.q is not None:
            try:
                fts_query(checked.q)
            except BadQuery as exc:
                raise BadFilter(f"q: {exc}") from exc
        actor = find_actor(store, checked.actor)["id"] if checked.actor else None
        kind = checked.type.strip().upper() if checked.type else None
        if kind and kind not in PLOVER_TYPES:
            raise BadFilter(f"type must be a PLOVER event type ({', '.join(PLOVER_TYPES)}),"
                            f" not {checked.type!r}")
        return replace(checked, actor=actor, type=kind, date_from=date_from, date_to=date_to)

    def documents(self, dialect: Dialect, alias: str = "d") -> list[Condition]:
        """Conditions on a `documents` row: query, outlet, publication dates, actor, place."""
        conditions: list[Condition] = []
        if self.q:
            conditions.append((dialect.fts_filter(alias), [fts_query(self.q)]))
        if self.outlet:
            conditions.append((f"{alias}.outlet = ?", [self.outlet]))
        if self.date_from:
            conditions.append((f"{alias}.published >= ?", [self.date_from]))
        if self.date_to:
            conditions.append((f"{alias}.published <= ?", [self.date_to]))
        if self.actor:
            conditions.append((f"EXISTS (SELECT 1 FROM mentions fm WHERE fm.doc_id = {alias}.id"
                               " AND fm.actor_id = ?)", [self.actor]))
        if self.place:
            conditions.append((
                f"(EXISTS (SELECT 1 FROM events fe WHERE fe.doc_id = {alias}.id AND"
                f" {_place_is(dialect, 'fe.place')})"
                f" OR EXISTS (SELECT 1 FROM figures ff WHERE ff.doc_id = {alias}.id AND"
                f" {_place_is(dialect, 'ff.place')}))",
                [self.place] * 4))
        return conditions

    def facts(self, dialect: Dialect, date_sql: str, *, actor_sql: Condition | None = None,
              place_sql: str | None = None, type_sql: str | None = None,
              doc_alias: str = "d") -> list[Condition]:
        """Conditions on a fact joined to its document: the fact's own date (`date_sql`), actor,
        place and type where the fact has them; query and outlet through its document."""
        conditions = Filters(q=self.q, outlet=self.outlet).documents(dialect, doc_alias)
        if self.date_from:
            conditions.append((f"{date_sql} >= ?", [self.date_from]))
        if self.date_to:
            conditions.append((f"{date_sql} <= ?", [self.date_to]))
        if self.actor and actor_sql is not None:
            sql, params = actor_sql
            conditions.append((sql, [*params, self.actor]))
        if self.place and place_sql is not None:
            conditions.append((_place_is(dialect, place_sql), [self.place, self.place]))
        if self.type and type_sql is not None:
            conditions.append((f"{type_sql} = ?", [self.type]))
        return conditions


def _place_is(dialect: Dialect, place_sql: str) -> str:
    """The JSON place column names the place (two `?`: by name, by ISO3 country)."""
    return (f"({dialect.json_text(place_sql, 'name')} = ?"
            f" OR {dialect.json_text(place_sql, 'country')} = ?)")


def where(conditions: list[Condition]) -> Condition:
    """`WHERE a AND b ...` (or nothing) and the parameters in order."""
    if not conditions:
        return "", []
    params: list[object] = []
    for _, p in conditions:
        params.extend(p)
    return " WHERE " + " AND ".join(sql for sql, _ in conditions), params


# "No limit" that both SQLite (which has no LIMIT ALL) and PostgreSQL (which refuses -1) take.
NO_LIMIT = 2**63 - 1


def page(limit: int | None, offset: int) -> Condition:
    """LIMIT/OFFSET as parameters; no limit means every row (exports)."""
    return " LIMIT ? OFFSET ?", [NO_LIMIT if limit is None else limit, offset]


def sentence_start_sql(doc_col: str, offset_col: str) -> str:
    """SQL for the start of the sentence holding an offset (the `#s<start>` anchor of the reader);
    the offset itself when the document was never split into sentences."""
    return (f"COALESCE((SELECT MAX(s.start) FROM sentences s WHERE s.doc_id = {doc_col}"
            f" AND s.start <= {offset_col}), {offset_col})")
