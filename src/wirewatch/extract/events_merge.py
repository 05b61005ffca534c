"""One event, many reports: merge event mentions across documents.

Two mentions report the same event when they have the same PLOVER type, share a source and a
target actor (or, when one side names no source or no target, agree on the side both name), and
their dates lie within `days` of each other, and they do not name different places. A report
naming no actor but a place ("two CF-18 Hornets striking an IS fighting position northwest of
Mosul") is an event of that place, and joins only other such reports of the same place; one
naming neither is no event one could tell from another. A mention without a date joins only an
event of the same document: an unknown date is not a match (the caller may date an undated
report by its publication, as resolve.events does).

A report dated only by its publication (the caller's "publication" precision) does not join
a report of another document of the same outlet dated that way: an outlet's daily bulletin
("Near Ramadi, two strikes destroyed…" every day) tells a new event each day, while another
outlet's undated report of the same days may well be the same event.

Wire copies of one story (documents in one duplicate cluster) are one source, not many:
`n_independent_sources` counts distinct clusters, each unclustered document being its own.
Ids are hashes of the merged mentions' keys, stable across re-runs of the same input.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from wirewatch.extract.timex import to_interval
from wirewatch.types import EventMention

# The precision the caller gives a report it dated by its publication, for matching only.
PUBLICATION = "publication"
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4}


@dataclass
class MergedEvent:
    """An event as all its reports tell it; `mention_keys` name each report (see mention_key)."""

    id: str
    type: str
    source_ids: list[str]
    target_ids: list[str]
    date: str | None
    date_precision: str | None
    mention_keys: list[str] = field(default_factory=list)
    n_mentions: int = 0
    n_independent_sources: int = 0


@dataclass
class _Group:
    type: str
    sources: set[str]
    targets: set[str]
    interval: tuple[date, date] | None
    date: str | None
    precision: str | None
    keys: list[str] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    origins: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    # outlet -> its documents whose reports here are dated by publication only
    undated: dict[str, set[str]] = field(default_factory=dict)


def mention_key(doc_id: str, mention: EventMention) -> str:
    """One report of one event: two events told by one trigger differ by their actors."""
    sources = ",".join(sorted(p.actor.actor_id for p in mention.source))
    targets = ",".join(sorted(p.actor.actor_id for p in mention.target))
    return (f"{doc_id}:{mention.trigger[0]}-{mention.trigger[1]}:{mention.type}"
            f":{sources}>{targets}")


def _interval(mention: EventMention) -> tuple[date, date] | None:
    return None if mention.date is None else to_interval(mention.date)


def _close(a: tuple[date, date] | None, b: tuple[date, date] | None, days: int) -> bool:
    if a is None or b is None:
        return False
    gap = max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)
    return gap <= days


def _same_actors(group: _Group, sources: set[str], targets: set[str], place: str | None
                 ) -> bool:
    if not (sources or targets or group.sources or group.targets):
        return place is not None and place in group.places  # unnamed actors, one place
    shared_source = bool(group.sources & sources)
    shared_target = bool(group.targets & targets)
    if group.sources and sources and not shared_source:
        return False
    if group.targets and targets and not shared_target:
        return False
    return shared_source or shared_target


def _place_key(mention: EventMention) -> str | None:
    place = mention.place
    if place is None:
        return None
    return f"{place.lat:.1f},{place.lon:.1f}" if place.lat is not None else place.name.lower()


def _same_place(group: _Group, place: str | None) -> bool:
    """Strikes near Mosul and near Raqqa on one day are two events, even with one attacker."""
    return place is None or not group.places or place in group.places


def _another_bulletin(group: _Group, doc_id: str, outlet: str | None,
                      mention: EventMention) -> bool:
    """Both dated by publication only, from two documents of one outlet (see module doc)."""
    if outlet is None or mention.date_precision != PUBLICATION:
        return False
    return bool(group.undated.get(outlet, set()) - {doc_id})


def merge_events(
    mentions: Iterable[tuple[str, EventMention, str | None]], *, days: int = 3,
    outlets: Mapping[str, str | None] | None = None,
) -> list[MergedEvent]:
    """Group (doc_id, mention, duplicate_cluster_id | None) triples into events, in first-seen
    order. Asserted and reported mentions merge; negated ones and hypotheticals stay apart,
    since "X did not attack" and "X may attack" do not report an attack. `outlets` maps a
    document to its outlet, when known."""
    outlets = outlets or {}
    groups: list[_Group] = []
    for doc_id, mention, cluster in mentions:
        outlet = outlets.get(doc_id)
        if mention.negated or mention.modality == "hypothetical":
            continue
        sources = {p.actor.actor_id for p in mention.source}
        targets = {p.actor.actor_id for p in mention.target}
        interval = _interval(mention)
        place = _place_key(mention)
        if not sources and not targets and place is None:
            continue  # "ASSAULT" alone: nothing to tell it from any other
        group = next(
            (g for g in groups if g.type == mention.type
             and _same_actors(g, sources, targets, place)
             and _same_place(g, place) and not _another_bulletin(g, doc_id, outlet, mention)
             and (_close(g.interval, interval, days) or (doc_id in g.docs and interval is None))),
            None,
        )
        if group is None:
            group = _Group(mention.type, set(), set(), interval, mention.date,
                           mention.date_precision)
            groups.append(group)
        elif interval is not None and _finer(mention.date_precision, group.precision):
            group.interval, group.date, group.precision = (interval, mention.date,
                                                           mention.date_precision)
        group.sources |= sources
        group.targets |= targets
        group.keys.append(mention_key(doc_id, mention))
        group.docs.add(doc_id)
        if place is not None:
            group.places.add(place)
        if outlet is not None and mention.date_precision == PUBLICATION:
            group.undated.setdefault(outlet, set()).add(doc_id)
        group.origins.add(f"cluster:{cluster}" if cluster else f"doc:{doc_id}")
    return [_merged(g) for g in groups]


def _finer(candidate: str | None, current: str | None) -> bool:
    if current is None:
        return True
    return _PRECISION_RANK.get(candidate or "", 9) < _PRECISION_RANK.get(current, 9)


def _merged(group: _Group) -> MergedEvent:
    digest = hashlib.sha256("|".join(sorted(group.keys)).encode()).hexdigest()[:16]
    return MergedEvent(
        id=f"event:{digest}",
        type=group.type,
        source_ids=sorted(group.sources),
        target_ids=sorted(group.targets),
        date=group.date,
        date_precision=group.precision,
        mention_keys=list(group.keys),
        n_mentions=len(group.keys),
        n_independent_sources=len(group.origins),
    )
