"""Events read from the five seed articles: the requests, refusals, strikes and talks."""

from __future__ import annotations

import pytest

from wirewatch.extract.event_classifier import EventClassifier
from wirewatch.extract.events import extract_events
from wirewatch.ingest.textclean import clean_text
from wirewatch.nlp.document import parse_document
from wirewatch.types import EventMention, Participant

# Publication dates as the seed texts print them (01 and 04 print none).
PUBLISHED = {"01": None, "02": "2016-01-19", "03": "2021-02-17", "04": None, "05": "2017-06-16"}


@pytest.fixture(scope="module")
def seed_events(seed_texts: dict[str, str]) -> dict[str, tuple[str, list[EventMention]]]:
    classifier = EventClassifier.load()
    out = {}
    for key, raw in seed_texts.items():
        text = clean_text(raw).text
        parsed = parse_document(text, doc_id=key, published=PUBLISHED[key])
        out[key] = (text, extract_events(parsed, classifier=classifier))
    return out


def _codes(parts: list[Participant]) -> set[str]:
    """Actor ids plus their countries, so "gov:usa" and "USA" both read as the US."""
    return {p.actor.actor_id for p in parts} | {p.actor.country for p in parts if p.actor.country}


def _find(events: list[EventMention], kind: str, source: str | None = None,
          target: str | None = None) -> list[EventMention]:
    return [e for e in events if e.type == kind
            and (source is None or source in _codes(e.source))
            and (target is None or target in _codes(e.target))]


@pytest.mark.parametrize(
    ("seed", "kind", "source", "target"),
    [
        ("01", "REQUEST", "USA", "CAN"),  # the U.S. call to take back ISIS fighters
        ("01", "REJECT", "CAN", "USA"),  # Canada will not answer it
        ("04", "REQUEST", "USA", None),  # Carter's letter asking for more
        ("04", "REQUEST", "USA", "DEU"),  # "similar letters ... received by ... Germany
        ("04", "REQUEST", "USA", "AUS"),  # and Australia"
        ("04", "REJECT", "DEU", "USA"),  # Merkel dismissed the American request
        ("05", "CONSULT", "CAN", "RUS"),  # Ottawa hosted Russian counter-terrorism officials
    ],
)
def test_events_seeds_requests_refusals_and_talks(seed_events, seed, kind, source, target):
    _, events = seed_events[seed]
    found = _find(events, kind, source, target)
    assert found, [(e.type, _codes(e.source), _codes(e.target)) for e in events]
    assert all(not e.negated for e in found)


def test_events_seeds_refusal_is_asserted_and_request_emitted_beside_it(seed_events):
    _, events = seed_events["01"]
    reject = _find(events, "REJECT", "CAN", "USA")[0]
    request = next(e for e in _find(events, "REQUEST", "USA", "CAN")
                   if e.evidence == reject.evidence)
    assert reject.modality == request.modality == "asserted"


def test_events_seeds_carter_letter_targets_canada(seed_events):
    _, events = seed_events["04"]
    letter = [e for e in _find(events, "REQUEST", "USA") if "letter" in e.evidence.text]
    assert letter and letter[0].mode == "assist"
    assert "person:harjit-sajjan" in _codes(letter[0].target)


@pytest.mark.parametrize(
    ("seed", "place", "mode", "date"),
    [
        ("04", {"Mosul"}, "aerial", None),  # CF-18s striking northwest of Mosul; no pubdate
        ("03", {"Erbil", "Irbil"}, None, "2021-02-15"),  # rockets on the base by Irbil airport
    ],
)
def test_events_seeds_assaults_have_place_mode_and_date(seed_events, seed, place, mode, date):
    _, events = seed_events[seed]
    assaults = [e for e in events if e.type == "ASSAULT" and e.place and e.place.name in place]
    assert assaults, [(e.type, e.place) for e in events]
    event = assaults[0]
    assert event.place.lat is not None
    assert mode is None or event.mode == mode
    assert event.date == date


def test_events_seeds_nato_expansion_is_mobilize_in_iraq(seed_events):
    _, events = seed_events["03"]
    nato = _find(events, "MOBILIZE", "igo:nato")
    assert nato and nato[0].place is not None and nato[0].place.country == "IRQ"
    assert nato[0].modality == "intended"


def test_events_seeds_talks_dated_and_placed_from_thursday_in_ottawa(seed_events):
    _, events = seed_events["05"]
    talks = [e for e in _find(events, "CONSULT", "CAN", "RUS") if e.place is not None]
    assert any(e.place.name == "Ottawa" and e.date == "2017-06-15" and e.date_precision == "day"
               for e in talks)


def test_events_seeds_promised_withdrawal_is_intended_concession(seed_events):
    _, events = seed_events["04"]
    promised = [e for e in events if "promised to remove" in e.evidence.text
                and e.type == "CONCEDE"]
    assert promised and promised[0].modality == "intended"


@pytest.mark.parametrize("seed", ["01", "02", "03", "04", "05"])
def test_events_seeds_evidence_lies_in_clean_text(seed_events, seed):
    text, events = seed_events[seed]
    assert events
    for event in events:
        ev = event.evidence
        assert text[ev.start : ev.end] == ev.text
        assert ev.start <= event.trigger[0] < event.trigger[1] <= ev.end
        assert "2022" not in ev.text  # the footer's list of 2022 headlines is not article text
