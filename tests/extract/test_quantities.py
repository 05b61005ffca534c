"""Quantities in news sentences, pinned on the seed articles and on hand-made cases."""

from __future__ import annotations

import pytest

from wirewatch.extract.quantities import Quantity, find_quantities

# (seed, sentence fragment, value, low, high, qualifier, noun) for figures an analyst must get.
SEED_CASES = [
    ("01", "Canadian extremists abroad at about 190", 190, None, None, "approximately", None),
    ("01", "about 60 people suspected", 60, None, None, "approximately", "people"),
    ("01", "four Canadian men, three women and seven children", 4, None, None, "exact", "man"),
    ("01", "four Canadian men, three women and seven children", 3, None, None, "exact", "woman"),
    ("01", "four Canadian men, three women and seven children", 7, None, None, "exact", "child"),
    ("01", "approximately 30,000 ISIS fighters", 30_000, None, None, "approximately", "fighter"),
    ("02", "adding to the 69 trainers", 69, None, None, "exact", "trainer"),
    ("03", "only 17 Canadian troops", 17, None, None, "exact", "troop"),
    ("03", "involved around 500 troops", 500, None, None, "approximately", "troop"),
    ("03", "Canada contributed 200 of those initial troops", 200, None, None, "exact", "troop"),
    ("03", "withdrawn nearly 200 over", 200, None, None, "approximately", None),
    ("03", "fewer than 400 troops in the region", 400, None, None, "upper_bound", "troop"),
    ("03", "a high of more than 850 several years", 850, None, None, "lower_bound", None),
    ("03", "between 8,000 and 16,000 extremist fighters", None, 8_000, 16_000, "range",
     "fighter"),
    ("04", "Canada's six CF-18s", 6, None, None, "exact", "CF-18"),
    ("05", "saw 16 people killed", 16, None, None, "exact", "people"),
]


def _in_fragment(text: str, fragment: str) -> list[Quantity]:
    start = text.index(fragment)
    end = start + len(fragment)
    return [q for q in find_quantities(text) if start <= q.start and q.end <= end + 40
            and q.start < end]


@pytest.mark.parametrize(("seed", "fragment", "value", "low", "high", "qualifier", "noun"),
                         SEED_CASES)
def test_quantities_find_quantities_reads_seed_figures(
    seed_texts: dict[str, str], seed: str, fragment: str, value: float | None,
    low: float | None, high: float | None, qualifier: str, noun: str | None,
) -> None:
    text = seed_texts[seed]
    found = [q for q in _in_fragment(text, fragment)
             if (q.value, q.low, q.high) == (value, low, high)]
    assert found, f"no quantity {value or (low, high)} in {fragment!r}"
    quantity = found[0]
    assert quantity.qualifier == qualifier
    assert quantity.noun == noun
    assert text[quantity.start : quantity.end] == quantity.text
    if noun is not None:
        assert quantity.noun_span is not None
        assert quantity.start <= quantity.noun_span[0] < quantity.noun_span[1] <= quantity.end


@pytest.mark.parametrize(
    ("seed", "fragment"),
    [
        ("03", "first published Feb. 17, 2021"),
        ("03", "The current NATO mission was launched in 2018"),
        ("02", "Jan. 19"),
    ],
)
def test_quantities_find_quantities_skips_seed_dates(
    seed_texts: dict[str, str], seed: str, fragment: str
) -> None:
    assert _in_fragment(seed_texts[seed], fragment) == []


@pytest.mark.parametrize(
    ("text", "value", "unit", "noun"),
    [
        ("It pledged $1.2 billion in aid.", 1.2e9, "USD", None),
        ("It pledged C$1.2 billion in aid.", 1.2e9, "CAD", None),
        ("Ottawa will spend $1.2 billion, in Canadian dollars, on aid.", 1.2e9, "CAD", None),
        ("The index rose 4.1 per cent on Monday.", 4.1, "percent", None),
        ("Unemployment hit 7% in March.", 7, "percent", None),
        ("The convoy drove 30 km north.", 30, "km", None),
        ("Officials said 16 were killed.", 16, None, None),
        ("The base trained 69 trainers.", 69, None, "trainer"),
        ("A fine of 10.5 million Australian dollars was imposed.", 10.5e6, "AUD", None),
        ("Prices rose by £5m last year.", 5e6, "GBP", None),
        ("Nine NATO allies agreed.", 9, None, "ally"),
        ("Four Canadian men were held.", 4, None, "man"),
    ],
)
def test_quantities_find_quantities_normalises_units(
    text: str, value: float, unit: str | None, noun: str | None
) -> None:
    (quantity,) = find_quantities(text)
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit
    assert quantity.noun == noun


@pytest.mark.parametrize(
    "text",
    [
        "The attack happened in 2014.",
        "The mission ended in 2016 after a vote.",
        "It happened on the 17th of the month.",
        "The report was published Feb. 17.",
        "The meeting starts at 10:45 p.m. local time.",
        "Canada flew its CF-18 jets over Iraq.",
        "The Five Eyes share intelligence.",
        "Five Eyes partners met in Ottawa.",
        "Leaders met at the G7 summit.",
        "The council adopted Resolution 2178 unanimously.",
    ],
)
def test_quantities_find_quantities_skips_years_dates_and_names(text: str) -> None:
    assert find_quantities(text) == []


def test_quantities_find_quantities_joins_ranges_with_units_on_both_ends() -> None:
    (quantity,) = find_quantities("Fees range from 1 per cent to 1.5 per cent a year.")
    assert (quantity.low, quantity.high, quantity.qualifier) == (1, 1.5, "range")
    assert quantity.unit == "percent"


def test_quantities_find_quantities_reads_vague_plurals_as_order_of_magnitude() -> None:
    (quantity,) = find_quantities("Hundreds of fighters crossed the border.")
    assert (quantity.value, quantity.low, quantity.high) == (None, 100, 1000)
    assert quantity.qualifier == "approximately"
    assert quantity.noun == "fighter"
