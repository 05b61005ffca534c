"""Merging event mentions across documents: same event within the day tolerance, wire copies."""

from __future__ import annotations

from dataclasses import replace

import pytest

from wirewatch.extract.events_merge import PUBLICATION, merge_events
from wirewatch.types import ActorRef, EventMention, Evidence, Participant, PlaceRef

CANADA = ActorRef("CAN", "Canada", "country", "CAN")
RUSSIA = ActorRef("RUS", "Russia", "country", "RUS")
USA = ActorRef("gov:usa", "United States government", "government_body", "USA", "GOV")


def _mention(doc_id: str, kind: str, source: ActorRef, target: ActorRef | None,
             date: str | None, **extra) -> EventMention:
    # Wording from seed 05 ("The discussions were held Thursday in Ottawa") as the report's text.
    text = "The discussions were held Thursday in Ottawa."
    return EventMention(
        doc_id=doc_id, type=kind, evidence=Evidence(doc_id, 0, len(text), text), trigger=(21, 25),
        source=[Participant(source, 0, 3)],
        target=[Participant(target, 5, 8)] if target else [],
        date=date, date_precision="day" if date and len(date) == 10 else None, **extra,
    )


@pytest.mark.parametrize(
    ("first", "second", "clusters", "n_events", "n_independent"),
    [
        # Two outlets, one and two days apart: one event, two independent reports.
        (("CONSULT", CANADA, RUSSIA, "2017-06-15"), ("CONSULT", CANADA, RUSSIA, "2017-06-16"),
         ("a", "b"), 1, 2),
        # Two wire copies of one Canadian Press story: one event, one independent source.
        (("CONSULT", CANADA, RUSSIA, "2017-06-15"), ("CONSULT", CANADA, RUSSIA, "2017-06-15"),
         ("wire-1", "wire-1"), 1, 1),
        # A month level date still covers a day inside it.
        (("REQUEST", USA, CANADA, "2019-02"), ("REQUEST", USA, CANADA, "2019-02-18"),
         (None, None), 1, 2),
        # A target missing in one report does not split the event.
        (("REQUEST", USA, CANADA, "2019-02-18"), ("REQUEST", USA, None, "2019-02-19"),
         (None, None), 1, 2),
    ],
)
def test_events_merge_same_event_in_two_documents(first, second, clusters, n_events,
                                                  n_independent):
    merged = merge_events([("doc-1", _mention("doc-1", *first), clusters[0]),
                           ("doc-2", _mention("doc-2", *second), clusters[1])])
    assert len(merged) == n_events
    assert merged[0].n_mentions == 2
    assert merged[0].n_independent_sources == n_independent
    assert merged[0].date_precision == "day"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("CONSULT", CANADA, RUSSIA, "2017-06-15"), ("CONSULT", CANADA, RUSSIA, "2017-06-30")),
        (("CONSULT", CANADA, RUSSIA, "2017-06-15"), ("REQUEST", CANADA, RUSSIA, "2017-06-15")),
        (("REQUEST", USA, CANADA, "2019-02-18"), ("REQUEST", RUSSIA, CANADA, "2019-02-18")),
        (("REQUEST", USA, CANADA, "2019-02-18"), ("REQUEST", USA, CANADA, None)),
    ],
)
def test_events_merge_keeps_different_events_apart(first, second):
    merged = merge_events([("doc-1", _mention("doc-1", *first), None),
                           ("doc-2", _mention("doc-2", *second), None)])
    assert len(merged) == 2


def test_events_merge_ids_are_stable_and_negations_skipped():
    mentions = [("doc-1", _mention("doc-1", "CONSULT", CANADA, RUSSIA, "2017-06-15"), None),
                ("doc-2", _mention("doc-2", "CONSULT", CANADA, RUSSIA, "2017-06-15",
                                   negated=True), None)]
    first, again = merge_events(mentions), merge_events(mentions)
    assert [m.id for m in first] == [m.id for m in again]
    assert first[0].n_mentions == 1


def _undated(doc_id: str, published: str) -> EventMention:
    """A report with no date of its own, dated by its publication for matching (as the resolve
    stage does): "Near Ramadi, two strikes destroyed an ISIL mortar position." """
    mention = _mention(doc_id, "ASSAULT", USA, RUSSIA, published)
    return replace(mention, date_precision=PUBLICATION)


def test_events_merge_daily_bulletins_of_one_outlet_stay_apart():
    """One outlet's releases of three days each tell that day's strikes: three events. Another
    outlet's undated report of the same days still joins (the same strikes, told again)."""
    days = ["2016-08-26", "2016-08-27", "2016-08-28"]
    bulletins = [(f"centcom-{day}", _undated(f"centcom-{day}", day), None) for day in days]
    outlets = {f"centcom-{day}": "U.S. Central Command" for day in days}
    assert len(merge_events(bulletins, outlets=outlets)) == 3
    # Without outlets nothing says they are one outlet's bulletins: one event, as before.
    assert len(merge_events(bulletins)) == 1
    other = ("wire-1", _undated("wire-1", "2016-08-27"), None)
    merged = merge_events([*bulletins, other], outlets={**outlets, "wire-1": "Reuters"})
    assert len(merged) == 3
    assert sorted(m.n_mentions for m in merged) == [1, 1, 2]
    # An outlet's own report dated in its text still joins its undated one.
    dated = ("centcom-2016-08-27b", _mention("centcom-2016-08-27b", "ASSAULT", USA, RUSSIA,
                                             "2016-08-26"), None)
    merged = merge_events([bulletins[0], dated],
                          outlets={**outlets, "centcom-2016-08-27b": "U.S. Central Command"})
    assert len(merged) == 1


def _unnamed(doc_id: str, place: str | None, date: str | None) -> EventMention:
    """Seed 04's strike: "two CF-18 Hornets successfully striking an IS fighting position
    northwest of Mosul" names no actor the registry knows, only the place."""
    text = "Two CF-18 Hornets struck an IS fighting position northwest of Mosul."
    where = PlaceRef(place, "IRQ", None, 36.3, 43.1) if place == "Mosul" else (
        PlaceRef(place, "SYR", None, 35.9, 39.0) if place else None)
    return EventMention(doc_id=doc_id, type="ASSAULT",
                        evidence=Evidence(doc_id, 0, len(text), text), trigger=(18, 24),
                        source=[], target=[], place=where, date=date,
                        date_precision="day" if date else None)


def test_events_merge_unnamed_actors_one_place_one_event():
    merged = merge_events([
        ("a", _unnamed("a", "Mosul", "2016-02-07"), None),
        ("b", _unnamed("b", "Mosul", "2016-02-08"), None),  # another outlet, next day
        ("b", _unnamed("b", "Raqqa", "2016-02-08"), None),  # another place
        ("c", _unnamed("c", None, "2016-02-08"), None),  # no place: nothing to tell it by
    ])
    assert sorted(m.n_mentions for m in merged) == [1, 2]
    assert next(m for m in merged if m.n_mentions == 2).n_independent_sources == 2
