"""Toponym resolution pins: the seed articles' places, and the context rules that choose them."""

from __future__ import annotations

import pytest

from wirewatch.extract.places import Gazetteer, Place, distance_km, resolve_toponyms

# (seed, surface string, expected (lat, lon), expected country) — found by string search.
SEED_PLACES = [
    ("01", "Raqqa", (35.95, 39.01), "SYR"),
    ("01", "Aleppo", (36.20, 37.16), "SYR"),
    ("01", "Kobani", (36.89, 38.35), "SYR"),
    ("03", "Mosul", (36.34, 43.12), "IRQ"),
    ("03", "Irbil", (36.19, 44.01), "IRQ"),
    ("03", "Kuwait", (29.5, 47.75), "KWT"),
    ("02", "Paris", (48.85, 2.35), "FRA"),
    ("02", "Fort Campbell", (36.65, -87.46), "USA"),
    ("01", "Ottawa", (45.41, -75.70), "CAN"),
    ("05", "St. Petersburg", (59.94, 30.31), "RUS"),
]
SEED_NAMES = sorted({name for _, name, _, _ in SEED_PLACES} | {"Syria", "Iraq", "Canada", "Russia"})


def _seed_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for name in SEED_NAMES:
        start = text.find(name)
        while start >= 0:
            spans.append((start, start + len(name)))
            start = text.find(name, start + len(name))
    return sorted(spans)


@pytest.mark.parametrize(("seed", "name", "point", "country"), SEED_PLACES)
def test_places_resolves_seed_place(seed_texts, seed, name, point, country):
    text = seed_texts[seed]
    spans = _seed_spans(text)
    places = dict(zip((text[s:e] for s, e in spans), resolve_toponyms(text, spans), strict=False))
    place = places[name]
    assert place is not None
    assert place.country == country
    assert distance_km((place.lat, place.lon), point) < 50


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        ("He grew up in Paris, Texas, near Dallas.", "Paris", "USA", "Texas"),
        ("Talks in Paris, France ended on Friday.", "Paris", "FRA", None),
        ("Troops returned to Fort Campbell, Ky., on Monday.", "Fort Campbell", "USA", "Kentucky"),
        ("The mayor of London, Ontario, spoke.", "London", "CAN", "Ontario"),
    ],
)
def test_places_qualifier_picks_the_named_region(text, name, country, admin1):
    start = text.index(name)
    (place,) = resolve_toponyms(text, [(start, start + len(name))])
    assert place is not None and place.country == country
    if admin1:
        assert place.admin1 == admin1


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [("Irbil", "IRQ", "city"), ("Erbil", "IRQ", "city"), ("Kiev", "UKR", "city"),
     ("Kobane", "SYR", "city"), ("Halab", "SYR", "city"), ("Anbar", "IRQ", "admin1"),
     ("Donbas", "UKR", "region"), ("Gaza Strip", "PSE", "region"), ("Iraqi", "IRQ", "country"),
     ("U.S.", "USA", "country"), ("Borno State", "NGA", "admin1"), ("Saudi", "SAU", "country"),
     ("Kent", "GBR", "admin2"), ("NSW", "AUS", "admin1"), ("Himalayas", None, "feature")],
)
def test_places_gazetteer_knows_news_spellings(name, country, kind):
    assert any(p.country == country and p.kind == kind for p in Gazetteer.load().candidates(name))


def test_places_one_place_per_name_per_article():
    text = "Paris, Texas is quiet. Later, Paris celebrated."
    spans = [(0, 5), (30, 35)]
    first, second = resolve_toponyms(text, spans)
    assert first == second and first.admin1 == "Texas"


def test_places_unknown_name_gives_none():
    text = "They met at Zzyzzxqv Hall."
    assert resolve_toponyms(text, [(12, 20)]) == [None]


def test_places_demonym_and_hint_choose_the_country():
    text = "Georgian officials met in Tbilisi."
    (place,) = resolve_toponyms(text, [(26, 33)], countries_hint=("GEO",))
    assert isinstance(place, Place) and place.country == "GEO"


def test_places_dateline_breaks_ties():
    text = "Officials in Victoria said the ferry resumed."
    start = text.index("Victoria")
    (place,) = resolve_toponyms(text, [(start, start + 8)], dateline="VANCOUVER, British Columbia")
    assert place is not None and place.country == "CAN"


def _resolve_names(text: str, names: list[str], **options) -> dict[str, Place | None]:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return dict(zip(names, resolve_toponyms(text, spans, **options), strict=True))


def test_places_unknown_feature_lies_in_the_preceding_city():
    text = "In New Orleans, the parade left Royal Street at noon."
    places = _resolve_names(text, ["New Orleans", "Royal Street"])
    street = places["Royal Street"]
    assert street is not None and street.kind == "approximate"
    assert street.name == "New Orleans"
    assert distance_km((street.lat, street.lon), (29.95, -90.07)) < 30


def test_places_unknown_feature_named_after_a_place_lies_there():
    text = "Protesters gathered outside Manila Cathedral on Sunday."
    (place,) = _resolve_names(text, ["Manila Cathedral"]).values()
    assert place is not None and place.kind == "approximate" and place.country == "PHL"


@pytest.mark.parametrize(
    ("text", "name", "point"),
    [
        ("The Bank of Mexico raised rates.", "Bank of Mexico", (19.43, -99.13)),
        ("He flew from Paris to Moscow. The British Embassy said little.", "British Embassy",
         (55.75, 37.62)),
    ],
)
def test_places_state_institution_in_capital_but_embassy_in_host_city(text, name, point):
    places = _resolve_names(text, [n for n in ("Paris", "Moscow", name) if n in text])
    place = places[name]
    assert place is not None and distance_km((place.lat, place.lon), point) < 50


def test_places_unknown_name_stays_none_when_not_approximating():
    text = "In New Orleans, the parade left Royal Street at noon."
    places = _resolve_names(text, ["New Orleans", "Royal Street"], approximate=False)
    assert places["Royal Street"] is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Fans lined the streets of New York on Sunday.", "city"),
        ("She moved to Buffalo, New York last year.", "admin1"),
        ("The New York Gov. signed the bill.", "admin1"),
        ("Voters in New York, New Jersey and Connecticut went to the polls.", "admin1"),
    ],
)
def test_places_new_york_is_the_city_unless_states_are_meant(text, kind):
    names = [n for n in ("Buffalo", "New York", "New Jersey", "Connecticut") if n in text]
    place = _resolve_names(text, names)["New York"]
    assert place is not None and place.kind == kind


def test_places_state_beats_a_small_town_named_after_it():
    text = "Officials in Maryland and California announced new rules."
    place = _resolve_names(text, ["Maryland", "California"])["California"]
    assert place is not None and place.kind == "admin1" and place.admin1 == "California"


def test_places_stray_hamlet_yields_to_the_article_city():
    text = "In New Orleans, the bars on Bourbon were full after the parade."
    place = _resolve_names(text, ["New Orleans", "Bourbon"])["Bourbon"]
    assert place is not None and place.kind == "approximate" and place.name == "New Orleans"


def test_places_lone_small_town_is_kept():
    text = "Officials in Bourbon said the road reopened."
    (place,) = _resolve_names(text, ["Bourbon"]).values()
    assert place is not None and place.kind == "city"


def test_places_bare_direction_is_no_foreign_region():
    text = "Fans in Denver cheered as storms moved across the West."
    place = _resolve_names(text, ["Denver", "West"])["West"]
    assert place is not None and place.country == "USA"


def test_places_a_direction_inside_a_name_is_no_place():
    """Wikinews (sample corpus): a Cairo story's "Eastern Mediterranean" is not Egypt's
    Eastern (al-Sharqia) Province, the province named "Eastern"."""
    text = "Ministers met in Cairo. Turkey called for cooperation in the Eastern Mediterranean."
    place = _resolve_names(text, ["Cairo", "Eastern Mediterranean"])["Eastern Mediterranean"]
    assert place is None or "Eastern" not in place.name
