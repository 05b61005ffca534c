"""Within-document resolution on the seeds: people, capitals, datelines, one ISIS."""

from __future__ import annotations

import pytest

from wirewatch.ingest.textclean import clean_text
from wirewatch.nlp.document import parse_document, resolve_mentions
from wirewatch.nlp.mentions import Mention
from wirewatch.types import ParsedDocument


@pytest.fixture(scope="module")
def parsed_seeds(seed_texts) -> dict[str, ParsedDocument]:
    return {key: parse_document(clean_text(raw).text, doc_id=key)
            for key, raw in seed_texts.items()}


def _people(parsed: ParsedDocument) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for m in parsed.mentions:
        if m.actor is not None and m.actor.kind == "person":
            found.setdefault(m.text, set()).add(m.actor.name)
    return found


@pytest.mark.parametrize(
    ("seed", "surface", "name"),
    [
        ("05", "de Kerckhove", "Ferry de Kerckhove"),
        ("05", "Kerckhove", "Ferry de Kerckhove"),
        ("05", "Assad", "Bashar al-Assad"),
        ("05", "Putin", "Vladimir Putin"),
        ("02", "Sajjan", "Harjit Sajjan"),
        ("02", "Ash Carter", "Ash Carter"),
        ("02", "Carter", "Ash Carter"),
        ("02", "Trudeau", "Justin Trudeau"),
        ("04", "Filiatrault", "Renee Filiatrault"),
        ("01", "Goodale", "Ralph Goodale"),
    ],
)
def test_document_short_person_mentions_resolve_to_full_names(parsed_seeds, seed, surface, name):
    assert _people(parsed_seeds[seed])[surface] == {name}


def test_document_capital_as_subject_is_a_government_but_dateline_is_a_place(parsed_seeds):
    by_start = {(m.text, m.start): m.actor for m in parsed_seeds["01"].mentions}
    subject = next(a for (text, _), a in by_start.items() if text == "Ottawa")
    assert subject is not None and subject.country == "CAN" and subject.kind == "government_body"
    dateline = next(m for m in parsed_seeds["05"].mentions if m.start == 0)
    assert dateline.text == "OTTAWA" and dateline.actor is None


def test_document_capital_after_locative_preposition_is_a_place():
    parsed = parse_document("Officials met in Ottawa on Monday. Ottawa said it would not go.")
    actors = [(m.text, m.actor.actor_id if m.actor else None) for m in parsed.mentions]
    assert actors == [("Ottawa", None), ("Ottawa", "gov:can")]


def test_document_islamic_state_names_are_one_actor_across_seeds(parsed_seeds):
    names = ("ISIS", "ISIL", "IS", "Islamic State", "Islamic State of Iraq and the Levant",
             "Daesh", "so-called Islamic State")
    ids = {m.actor.actor_id for parsed in parsed_seeds.values() for m in parsed.mentions
           if m.text in names and m.actor is not None}
    surfaces = {m.text for parsed in parsed_seeds.values() for m in parsed.mentions
                if m.text in names}
    assert len(ids) == 1
    assert {"ISIS", "ISIL", "Islamic State"} <= surfaces


def test_document_people_with_the_same_surname_stay_apart():
    parsed = parse_document("John Smith, a farmer, met Jane Smith, a senator. Smith said no. "
                            "J. Smith left early.")
    names = [(m.text, m.actor.name) for m in parsed.mentions if m.label == "PERSON"]
    assert ("John Smith", "John Smith") in names and ("Jane Smith", "Jane Smith") in names
    assert ("Smith", "Smith") in names


def test_document_a_shared_surname_is_the_person_named_last():
    """The London Bridge story (Wikinews, sample corpus) names the mayor and the attacker, both
    Khan; each bare "Khan" is the one named in full last (before: both stayed "Khan")."""
    parsed = parse_document("Mayor Sadiq Khan said London stood together. The attacker, Usman "
                            "Khan, had been released in 2018. Khan was shot by police. Sadiq "
                            "Khan thanked them. Khan said the city would not be divided.")
    names = [(m.text, m.actor.name) for m in parsed.mentions if m.label == "PERSON"]
    assert names == [("Sadiq Khan", "Sadiq Khan"), ("Usman Khan", "Usman Khan"),
                     ("Khan", "Usman Khan"), ("Sadiq Khan", "Sadiq Khan"),
                     ("Khan", "Sadiq Khan")]


def test_document_a_shared_surname_stays_with_the_person_the_story_is_about():
    """The same story names the mayor in passing after ten mentions of the attacker: "Mayor of
    London Sadiq Khan (no relation). … Khan was convicted of terrorism years ago" is the
    attacker (named more often so far), not the mayor (named last)."""
    parsed = parse_document("The attacker, Usman Khan, was shot by police. Khan had been "
                            "released. Khan lived in Staffordshire. Mayor of London Sadiq Khan "
                            "(no relation) thanked the police. Khan was convicted of terrorism "
                            "years ago.")
    names = [(m.text, m.actor.name) for m in parsed.mentions if m.label == "PERSON"]
    assert names[-1] == ("Khan", "Usman Khan")
    assert ("Sadiq Khan", "Sadiq Khan") in names


def test_document_a_lone_first_name_is_the_person_named_in_full():
    """Wikinews (sample corpus) calls the Christchurch attacker "Brenton" after naming him."""
    parsed = parse_document("An Australian, Brenton Tarrant, aged 28, appeared in court. "
                            "According to Prime Minister Jacinda Ardern, Brenton had a licence "
                            "for the five firearms.")
    names = [(m.text, m.actor.name) for m in parsed.mentions if m.label == "PERSON"]
    assert ("Brenton", "Brenton Tarrant") in names


@pytest.mark.parametrize(
    ("surface", "start", "name"),
    # a bare surname of a known office holder is that person ("Obama" is Barack Obama)
    [("President Obama", 10, "Barack Obama"), ("Mr. Goodale's", 4, "Ralph Goodale"),
     ("Prime Minister Justin Trudeau", 15, "Justin Trudeau")],
)
def test_document_titles_and_possessives_are_not_part_of_a_name(surface, start, name):
    mention = Mention(0, len(surface), surface, "PERSON", 0)
    (resolved,) = resolve_mentions([mention])
    assert resolved.actor is not None and resolved.actor.name == name
    assert resolved.start == start and resolved.text == surface[start:]


def test_document_surname_mislabelled_as_a_place_is_the_person_named_before():
    text = ("Iranian general Qasem Soleimani was killed on Friday. In 2007, the United States "
            "labeled Soleimani as a terrorist.")
    parsed = parse_document(text)
    later = [m for m in parsed.mentions if m.text == "Soleimani"]
    assert later and all(m.actor is not None and m.actor.actor_id == "person:qasem-soleimani"
                         and m.label == "PERSON" for m in later)


def test_document_place_named_like_nobody_in_the_article_stays_a_place():
    parsed = parse_document("Qasem Soleimani was killed near Baghdad airport.")
    baghdad = [m for m in parsed.mentions if m.text.startswith("Baghdad")]
    assert baghdad and all(m.actor is None or m.actor.kind != "person" for m in baghdad)


@pytest.mark.parametrize(("text", "published", "actor", "country", "sector"), [
    ("Obama said he would not provide support to Israel.", "2013-05-01",
     "person:barack-obama", "USA", "GOV"),
    ("Obama said he would not provide support to Israel.", "2019-05-01",
     "person:barack-obama", "USA", None),  # out of office: still a US actor, no longer its GOV
    ("The prisoners were released yesterday by Putin himself.", "2015-01-01",
     "person:vladimir-putin", "RUS", "GOV"),
])
def test_document_office_holder_named_alone_carries_country_and_sector_of_the_day(
        text, published, actor, country, sector):
    parsed = parse_document(text, published=published)
    (person,) = [m.actor for m in parsed.mentions if m.actor and m.actor.kind == "person"]
    assert (person.actor_id, person.country, person.sector) == (actor, country, sector)
