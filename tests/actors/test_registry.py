"""The packaged actor registry: one id per actor whatever it is called, kinds and sectors right."""

from __future__ import annotations

import pytest

from wirewatch.actors.registry import KINDS, Registry, UnknownActor, normalize


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


@pytest.mark.parametrize(
    "surface", ["ISIS", "ISIL", "IS", "Islamic State", "Daesh", "the so-called Islamic State",
                "Islamic State of Iraq and the Levant", "Da’esh"]
)
def test_registry_isis_names_share_one_id(registry: Registry, surface: str) -> None:
    entry = registry.lookup(surface)
    assert entry is not None and entry.id == "group:isis" and entry.kind == "armed_group"


@pytest.mark.parametrize(
    ("surface", "country", "sector", "kind"),
    [
        ("Ottawa", "CAN", "GOV", "government_body"),
        ("Washington", "USA", "GOV", "government_body"),
        ("the Kremlin", "RUS", "GOV", "government_body"),
        ("Moscow", "RUS", "GOV", "government_body"),
        ("the Pentagon", "USA", "MIL", "government_body"),
        ("Downing Street", "GBR", "GOV", "government_body"),
        ("Bundestag", "DEU", "LEG", "government_body"),
        ("RCMP", "CAN", "COP", "government_body"),
        ("CSIS", "CAN", "SPY", "government_body"),
        ("Canadian", "CAN", None, "country"),
        ("Canadians", "CAN", None, "country"),
        ("Iraqi", "IRQ", None, "country"),
        ("the U.S.", "USA", None, "country"),
        ("US", "USA", None, "country"),
        ("United States of America", "USA", None, "country"),
        ("Britain", "GBR", None, "country"),
        ("U.K.", "GBR", None, "country"),
        ("South Korea", "KOR", None, "country"),
        ("North Korea", "PRK", None, "country"),
        ("the Netherlands", "NLD", None, "country"),
        ("Türkiye", "TUR", None, "country"),
        ("Turkey", "TUR", None, "country"),
    ],
)
def test_registry_lookup_country_and_sector(
    registry: Registry, surface: str, country: str, sector: str | None, kind: str
) -> None:
    entry = registry.lookup(surface)
    assert entry is not None
    assert (entry.country, entry.sector, entry.kind) == (country, sector, kind)


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [("Five Eyes", "igo:five-eyes"), ("NATO", "igo:nato"), ("U.N.", "igo:un"),
     ("US-led coalition", "igo:global-coalition"), ("European Union", "igo:eu")],
)
def test_registry_igos(registry: Registry, surface: str, actor_id: str) -> None:
    entry = registry.lookup(surface)
    assert entry is not None and entry.id == actor_id and entry.kind == "igo"


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [("al-Qaida", "group:al-qaeda"), ("al Qaeda", "group:al-qaeda"),
     ("Hizballah", "group:hezbollah"), ("Hashd al-Shaabi", "group:pmf"),
     ("Iranian-backed militias", "group:pmf"),
     ("Ansar Allah", "group:houthis"), ("PKK", "group:pkk")],
)
def test_registry_armed_group_aliases(registry: Registry, surface: str, actor_id: str) -> None:
    entry = registry.lookup(surface)
    assert entry is not None and entry.id == actor_id


def test_registry_kurdish_is_a_people_not_a_country(registry: Registry) -> None:
    entry = registry.lookup("Kurdish")
    assert entry is not None and entry.kind != "country" and entry.id == "people:kurds"
    assert registry.demonyms()["Kurds"] == "people:kurds"


def test_registry_every_country_has_an_entry_and_ids_are_stable(registry: Registry) -> None:
    import pycountry

    for country in pycountry.countries:
        assert registry.get(country.alpha_3).kind == "country"
    assert all(entry.kind in KINDS for entry in registry.entries())


def test_registry_demonyms_cover_the_countries(registry: Registry) -> None:
    targets = set(registry.demonyms().values())
    countries = {e.id for e in registry.entries() if e.kind == "country"}
    assert len(targets & countries) >= 220


def test_registry_get_unknown_id_raises(registry: Registry) -> None:
    with pytest.raises(UnknownActor):
        registry.get("group:nonexistent")


@pytest.mark.parametrize(
    ("left", "right"),
    [("the U.S.", "US"), ("Canada's", "Canada"), ("al-Qaida", "Al Qaida"), ("Élysée", "Elysee")],
)
def test_registry_normalize_ignores_case_punctuation_and_articles(left: str, right: str) -> None:
    assert normalize(left) == normalize(right)


@pytest.mark.parametrize(("surface", "actor_id"), [
    ("CTS", "gov:irq-isf"), ("cts", None),      # "13 cts a share" is cents
    ("NATO", "igo:nato"), ("Nato", "igo:nato"),  # the British press writes "Nato"
    ("ISIS", "group:isis"), ("isis", None),
])
def test_registry_acronym_is_not_matched_in_lower_case(surface, actor_id):
    entry = Registry.load().lookup(surface)
    assert (entry.id if entry else None) == actor_id


@pytest.mark.parametrize(("surface", "actor_id", "sector"), [
    ("Rudaw", "org:rudaw", "MED"), ("Kathimerini", "org:kathimerini", "MED"),
    ("Fars", "org:fars", "MED"), ("Twitter", "org:twitter", "BUS"),
    ("Mahan", "org:mahan-air", "BUS"), ("Burisma", "org:burisma", "BUS"),
])
def test_registry_knows_the_outlets_and_companies_news_cites(surface, actor_id, sector):
    """Outlets and companies the sample corpus (Wikinews) cites, which spaCy read as people."""
    entry = Registry.load().lookup(surface)
    assert entry is not None and (entry.id, entry.kind, entry.sector) == (
        actor_id, "organization", sector)


def test_mentions_a_company_the_registry_knows_is_no_person():
    from wirewatch.nlp.document import parse_document

    parsed = parse_document("Mahan has been the subject of United States sanctions since 2011. "
                            "Trump wrote on Twitter that the deal was over.")
    kinds = {m.text: m.actor.kind for m in parsed.mentions if m.actor is not None}
    assert kinds["Mahan"] == kinds["Twitter"] == "organization"


def test_mentions_an_outlet_named_after_a_place_needs_its_own_words():
    """ "Fars" is a province as well as a news agency: only "Fars news agency", or a name spaCy
    itself reads as an organisation, is the agency."""
    from wirewatch.nlp.document import parse_document

    agency = parse_document("Fars news agency reported the arrests.").mentions
    assert [m.actor.actor_id for m in agency if m.actor] == ["org:fars"]
    province = parse_document("The earthquake struck Fars province in southern Iran.").mentions
    assert "org:fars" not in {m.actor.actor_id for m in province if m.actor}
