"""Sources, targets and modality read from the parse of real seed and PETR-2 sentences."""

from __future__ import annotations

import pytest

from wirewatch.extract import events_modality as modal
from wirewatch.extract.events_roles import MentionIndex, verb_roles
from wirewatch.nlp.document import parse_document

# (sentence as printed in a seed article or the PETR-2 validation set, predicate, sources, targets)
ROLE_CASES = [
    ("The Canadian government hosted talks with counter-terrorism officials from Russia this "
     "week despite persistent tensions between the two countries.", "hosted", {"CAN"}, {"RUS"}),
    ("Putin and U.S. President Donald Trump also agreed during a telephone call in May to work "
     "more closely in the fight against terrorism.", "agreed",
     {"person:vladimir-putin", "person:donald-trump"}, set()),
    ("German Chancellor Angela Merkel publicly dismissed the American request on Sunday.",
     "dismissed", {"person:angela-merkel"}, {"USA"}),
    ("Similar letters were reportedly received by other members of the US-led anti-IS "
     "coalition, including Germany and Australia.", "received", {"DEU", "AUS"}, set()),
    ("The civilians imprisoned for acting against Moscow were released yesterday by Putin "
     "himself", "released", {"person:vladimir-putin"}, set()),
    ("The United States fired anti-aircraft batteries at Russia this week.", "fired",
     {"USA"}, {"RUS"}),
]


def _ids(parts) -> set[str]:
    return {p.actor.actor_id for p in parts}


@pytest.fixture(scope="module")
def parsed_cases():
    return {text: parse_document(text, doc_id="case") for text, *_ in ROLE_CASES}


@pytest.mark.parametrize(("text", "verb", "sources", "targets"), ROLE_CASES)
def test_events_roles_subjects_agents_objects_and_coordination(parsed_cases, text, verb,
                                                               sources, targets):
    parsed = parsed_cases[text]
    token = next(t for t in parsed.doc if t.text == verb)
    found_sources, found_targets = verb_roles(token, MentionIndex(parsed.doc, parsed.mentions))
    assert _ids(found_sources) == sources
    assert _ids(found_targets) >= targets


MODALITY_CASES = [
    ("During his campaign, newly-elected Prime Minister Trudeau promised to remove Canada's six "
     "CF-18s from the region.", "promised", "remove", "intended", False),
    ("Canada is expected to face pressure this week to reverse a recent drawdown of troops.",
     "expected", "face", "hypothetical", False),
    ("Canada will not answer a call by Washington that U.S. allies bring ISIS volunteers home to "
     "face prosecution.", "answer", "answer", "intended", True),
    ("Similar letters were reportedly received by other members of the US-led anti-IS "
     "coalition, including Germany and Australia.", "received", "received", "reported", False),
    ("German Chancellor Angela Merkel publicly dismissed the American request on Sunday.",
     "dismissed", "dismissed", "asserted", False),
]


@pytest.mark.parametrize(("text", "verb", "content", "modality", "negated"), MODALITY_CASES)
def test_events_roles_modality_and_negation(text, verb, content, modality, negated):
    doc = parse_document(text, doc_id="case").doc
    token = next(t for t in doc if t.text == verb)
    carrier = modal.content_verb(token)
    assert carrier.text == content
    assert modal.modality(carrier) == modality
    assert modal.is_negated(carrier) is negated


def test_events_roles_refusal_of_a_request_names_the_request():
    doc = parse_document(MODALITY_CASES[2][0], doc_id="case").doc
    answer = next(t for t in doc if t.text == "answer")
    assert modal.is_refusal(answer, negated=True)
    assert modal.refused_request(answer).text == "call"


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Georgian demonstrators launched missiles at the Georgian government.",
     ("GEO", "OPP"), ("GEO", "GOV")),
    ("Syrian rebels attacked Filipino peacekeepers in the Golan Heights on Saturday.",
     ("SYR", "REB"), ("PHL", "MIL")),
    ("Ukrainian lawmakers attacked the European Union.", ("UKR", "LEG"), ("igo:eu", "IGO")),
])
def test_events_roles_collective_head_names_a_part_of_the_country(text, source, target):
    parsed = parse_document(text, doc_id="case")
    verb = next(t for t in parsed.doc if t.dep_ == "ROOT")
    sources, targets = verb_roles(verb, MentionIndex(parsed.doc, parsed.mentions))
    assert [(p.actor.actor_id, p.actor.sector) for p in sources] == [source]
    assert [(p.actor.actor_id, p.actor.sector) for p in targets] == [target]
