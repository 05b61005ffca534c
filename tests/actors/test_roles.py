"""Role observations read from the seeds: titles before names and appositives."""

from __future__ import annotations

import pytest

from wirewatch.actors.roles import RoleObservation, extract_roles
from wirewatch.ingest.textclean import clean_text
from wirewatch.nlp.document import parse_document


@pytest.fixture(scope="module")
def seed_roles(seed_texts) -> dict[str, list[RoleObservation]]:
    roles = {}
    for key, raw in seed_texts.items():
        roles[key] = extract_roles(parse_document(clean_text(raw).text, doc_id=key))
    return roles


def _role(roles: list[RoleObservation], person: str, title: str) -> RoleObservation:
    found = [r for r in roles if r.person_name == person and r.title == title]
    assert found, f"no {title!r} for {person!r} in {[(r.person_name, r.title) for r in roles]}"
    return found[0]


@pytest.mark.parametrize(
    ("seed", "person", "title", "organization", "country", "sectors"),
    [
        ("02", "Harjit Sajjan", "Defence Minister", None, "CAN", ("GOV", "MIL")),
        ("04", "Harjit Sajjan", "Defense Minister", None, "CAN", ("GOV", "MIL")),
        ("01", "Ralph Goodale", "Public Safety Minister", None, "CAN", ("GOV",)),
        ("04", "Ashton Carter", "Defense Secretary", None, "USA", ("GOV", "MIL")),
        ("02", "Ash Carter", "Secretary of Defence", None, "USA", ("GOV", "MIL")),
        ("03", "Jens Stoltenberg", "Secretary General", "NATO", None, ("IGO",)),
        ("02", "Justin Trudeau", "Prime Minister", None, "CAN", ("GOV",)),
        ("02", "James Bezan", "Defence Critic", "Conservative", "CAN", ("OPP", "LEG")),
        ("02", "Michael Fallon", "Defence Secretary", None, "GBR", ("GOV", "MIL")),
        ("04", "Angela Merkel", "Chancellor", None, "DEU", ("GOV",)),
        ("05", "Vladimir Putin", "President", None, "RUS", ("GOV",)),
        ("05", "Natasha Nystrom", "Spokeswoman", "Global Affairs Canada", "CAN", ("GOV",)),
        ("04", "Renee Filiatrault", "Spokesperson", None, "CAN", ("GOV",)),
        ("03", "Jessica Lamirande", "Spokeswoman", "Department of National Defence", "CAN",
         ("GOV",)),
        ("03", "Bessma Momani", "Middle East Expert", "University of Waterloo", None, ("EDU",)),
        ("02", "Dave Perry", "Analyst", "Global Affairs Institute", None, ("NGO", "EDU")),
        ("01", "Amarnath Amarasingham", "Research Fellow", "Institute for Strategic Dialogue",
         None, ("NGO", "EDU")),
    ],
)
def test_roles_titles_and_appositives_give_title_organization_country_sector(
    seed_roles, seed, person, title, organization, country, sectors
):
    role = _role(seed_roles[seed], person, title)
    assert (role.organization, role.country, role.sectors) == (organization, country, sectors)
    assert role.sector == sectors[0]


@pytest.mark.parametrize(
    ("seed", "person", "title"),
    [("04", "Barack Obama", "President"), ("05", "Bashar al-Assad", "President")],
)
def test_roles_national_office_without_support_has_no_country(seed_roles, seed, person, title):
    assert _role(seed_roles[seed], person, title).country is None


def test_roles_evidence_spans_cover_title_and_name(seed_texts, seed_roles):
    text = clean_text(seed_texts["03"]).text
    role = _role(seed_roles["03"], "Jens Stoltenberg", "Secretary General")
    assert text[role.start : role.end] == "NATO secretary-general Jens Stoltenberg"
    assert role.person_id == "person:jens-stoltenberg"


@pytest.mark.parametrize(
    ("text", "person", "title", "organization", "country", "sectors"),
    [
        ("Canada's Defence Minister Harjit Sajjan spoke on Monday.", "Harjit Sajjan",
         "Defence Minister", None, "CAN", ("GOV", "MIL")),
        ("The Pentagon's top spokesman, John Kirby, said the strikes worked.", "John Kirby",
         "Spokesman", "Pentagon", "USA", ("GOV",)),
        ("Gen. Jonathan Vance, the chief of defence staff, said the mission would end.",
         "Jonathan Vance", "Chief of Defence Staff", None, None, ("MIL",)),
    ],
)
def test_roles_possessive_owner_and_portfolio_after_of(
    text, person, title, organization, country, sectors
):
    role = _role(extract_roles(parse_document(text)), person, title)
    assert (role.organization, role.country, role.sectors) == (organization, country, sectors)
