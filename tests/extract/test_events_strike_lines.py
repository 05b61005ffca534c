"""Strike summaries ("- Near Kisik, one strike suppressed an ISIL mortar position.") and
one-sentence reports: place, target, and one mention per reported event."""

from __future__ import annotations

import pytest

from wirewatch.extract.events import extract_events
from wirewatch.nlp.document import parse_document

RELEASE = (
    "Military airstrikes continue against ISIL terrorists in Syria and Iraq\n\n"
    "August 26, 2016\n\nIraq\n\n"
    "- Near Kisik, one strike suppressed an ISIL mortar position.\n\n"
    "- Near Mosul, one strike engaged an ISIL tactical unit and destroyed a fighting "
    "position.\n\n"
    "- Near Ramadi, three strikes destroyed an ISIL mortar system.\n\n"
    "Syria\n\n"
    "- Near Ayn Isa, one strike engaged an ISIL tactical unit.\n"
)


@pytest.fixture(scope="module")
def strike_events():
    parsed = parse_document(RELEASE, published="2016-08-26")
    return {RELEASE[e.evidence.start:e.evidence.end].split(",")[0].strip("- \n"): e
            for e in extract_events(parsed) if "Near" in e.evidence.text}


@pytest.mark.parametrize("town", ["Kisik", "Ayn Isa"])
def test_events_strike_line_names_its_town_even_when_the_gazetteer_lacks_it(strike_events, town):
    """Kisik is in no gazetteer; "Ayn" of Ayn Isa is only an alternate spelling of Anyang, China
    (a country the release does not name), which the sample corpus showed on the map."""
    place = strike_events[f"Near {town}"].place
    assert place is not None and place.name == town
    assert place.lat is None  # no coordinates rather than another town's


@pytest.mark.parametrize(("line", "town", "country"),
                         [("Near Mosul", "Mosul", "IRQ"), ("Near Ramadi", "Ramadi", "IRQ")])
def test_events_strike_line_place_is_resolved(strike_events, line, town, country):
    place = strike_events[line].place
    assert (place.name, place.country) == (town, country)


@pytest.mark.parametrize("line", ["Near Kisik", "Near Mosul", "Near Ramadi"])
def test_events_strikes_hit_what_their_verb_hits(strike_events, line):
    event = strike_events[line]
    assert event.type == "ASSAULT"
    assert [p.actor.actor_id for p in event.target] == ["group:isis"]


def test_events_one_mention_per_reported_assault():
    text = ("On Saturday evening in Forbury Gardens in Reading, Berkshire, UK, a mass stabbing "
            "killed three people and injured three others.")
    events = extract_events(parse_document(text, published="2020-06-22"))
    assert len(events) == 1
    assert events[0].type == "ASSAULT"
    assert (events[0].place.name, events[0].place.country) == ("Reading", "GBR")


def test_events_arabic_article_is_not_a_place_of_its_own():
    text = ("Syria\n\n- Near Al Shadaddi, five strikes engaged five separate ISIL tactical "
            "units.\n")
    events = extract_events(parse_document(text, published="2016-08-26"))
    assert events and all(e.place is None or e.place.country != "USA" for e in events)


@pytest.mark.parametrize(("text", "source", "target"), [
    ("The European Union imposed sanctions on Russia in 2014.", "igo:eu", "RUS"),
    ("In 2007, the United States government levied sanctions against Iran.", "USA", "IRN"),
])
def test_events_imposed_sanctions_are_the_subjects_sanction(text, source, target):
    events = extract_events(parse_document(text, published="2020-01-03"))
    assert [(e.type, [p.actor.actor_id for p in e.source], [p.actor.actor_id for p in e.target])
            for e in events] == [("SANCTION", [source], [target])]
