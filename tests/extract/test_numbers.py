"""Reading numbers as news writes them."""

from __future__ import annotations

import pytest

from wirewatch.extract.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17", 17),
        ("30,000", 30_000),
        ("1.2 billion", 1.2e9),
        ("six", 6),
        ("a dozen", 12),
        ("two hundred", 200),
        ("8,000", 8_000),
        ("1,500", 1_500),
        ("twenty-five", 25),
        ("two hundred and fifty thousand", 250_000),
        ("5bn", 5e9),
        ("a million", 1e6),
    ],
)
def test_numbers_parse_number_reads_digits_words_and_scales(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "troops", "one two", "the", "CF"])
def test_numbers_parse_number_refuses_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "surface", "value", "low", "high", "qualifier"),
    [
        ("estimated at about 190.", "about 190", 190, None, None, "approximately"),
        ("after withdrawing nearly 200 over", "nearly 200", 200, None, None, "approximately"),
        ("it had fewer than 400 troops", "fewer than 400", 400, None, None, "upper_bound"),
        ("a high of more than 850 several", "a high of more than 850", 850, None, None,
         "lower_bound"),
        ("estimates of between 8,000 and 16,000 fighters", "between 8,000 and 16,000", None,
         8_000, 16_000, "range"),
        ("some 8,000-16,000 fighters", "some 8,000-16,000", None, 8_000, 16_000, "range"),
        ("from 89 to 93 billion", "from 89 to 93 billion", None, 89e9, 93e9, "range"),
        ("over the past three or four years", "three or four", None, 3, 4, "range"),
        ("dozens of people were killed", "dozens", None, 12, 120, "approximately"),
        ("tens of thousands of students", "tens of thousands", None, 1e4, 1e5, "approximately"),
        ("about a dozen soldiers", "about a dozen", 12, None, None, "approximately"),
        ("50 or more fighters", "50 or more", 50, None, None, "lower_bound"),
        ("down to minus 233 Celsius", "minus 233", -233, None, None, "exact"),
        ("the door is 2 1/2 in thick", "2 1/2", 2.5, None, None, "exact"),
        ("a factor of 2.48×10−5 here", "2.48×10−5", 2.48e-5, None, None, "exact"),
        ("an 8- to 16-meter telescope", "8- to 16", None, 8, 16, "range"),
    ],
)
def test_numbers_find_numbers_folds_hedges_and_ranges(
    text: str, surface: str, value: float | None, low: float | None, high: float | None,
    qualifier: str,
) -> None:
    (mention,) = find_numbers(text)
    assert text[mention.start : mention.end] == surface
    assert mention.value == (None if value is None else pytest.approx(value))
    assert mention.low == (None if low is None else pytest.approx(low))
    assert mention.high == (None if high is None else pytest.approx(high))
    assert mention.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    ["Canada's CF-18 jets", "the G7 summit", "COVID-19 cases", "call 613-288-2529 now",
     "the score was 2-2", "new COVID -19 tests"],
)
def test_numbers_find_numbers_skips_codes_phones_and_scores(text: str) -> None:
    assert find_numbers(text) == []


def test_numbers_find_numbers_keeps_a_change_by_x_to_y_apart() -> None:
    mentions = find_numbers("increased by $43.6 billion to $419.2 billion")
    assert [m.value for m in mentions] == [pytest.approx(43.6e9), pytest.approx(419.2e9)]


@pytest.mark.parametrize(("text", "value"), [("3.5E10 joules", 35_000_000_000.0),
                                             ("4e14 units", 4e14)])
def test_numbers_scientific_notation_either_case(text, value):
    assert [n.value for n in find_numbers(text)] == [value]


def test_numbers_power_no_float_holds_is_no_number():
    assert find_numbers("checksum 1e100000") == []
