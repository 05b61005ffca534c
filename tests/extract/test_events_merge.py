"""Merging event mentions across documents: same event within the day tolerance, wire copies."""

from __future__ import annotations

import pytest

from wirewatch.extract.events_merge import merge_events
from wirewatch.types import ActorRef, EventMention, Evidence, Participant

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
