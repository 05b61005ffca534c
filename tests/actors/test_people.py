"""Name splitting and agreement: particles, Arabic articles, titles, nicknames, initials."""

from __future__ import annotations

import pytest

from wirewatch.actors.people import clean_name, given_agrees, parse_name, same_person_name


@pytest.mark.parametrize(
    ("surface", "given", "surname", "key"),
    [
        ("Ferry de Kerckhove", ("Ferry",), "de Kerckhove", "kerckhove"),
        ("de Kerckhove", (), "de Kerckhove", "kerckhove"),
        ("Bashar al-Assad", ("Bashar",), "al-Assad", "assad"),
        ("Abu Bakr al-Baghdadi", ("Abu", "Bakr"), "al-Baghdadi", "baghdadi"),
        ("Ludwig van der Berg", ("Ludwig",), "van der Berg", "berg"),
        ("President Barack Obama", ("Barack",), "Obama", "obama"),
        ("Mr. Goodale", (), "Goodale", "goodale"),
        ("Broadcaster Piers Morgan", ("Piers",), "Morgan", "morgan"),
        ("Superintendent Graciano", (), "Graciano", "graciano"),
        ("Sajjan’s", (), "Sajjan", "sajjan"),
    ],
)
def test_people_parse_name_splits_given_names_and_surname(surface, given, surname, key):
    name = parse_name(surface)
    assert (name.given, name.surname, name.key) == (given, surname, key)


@pytest.mark.parametrize(
    ("a", "b", "agrees"),
    [("Ash", "Ashton", True), ("Bill", "William", True), ("Dave", "David", True),
     ("Jim", "James", True), ("J.", "John", True), ("John", "Jane", False),
     ("Mike", "Mark", False), ("Renée", "Renee", True)],
)
def test_people_given_agrees_on_nicknames_and_initials(a, b, agrees):
    assert given_agrees(a, b) is agrees
    assert given_agrees(b, a) is agrees


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("Ash Carter", "Ashton Carter", True), ("John Smith", "Jane Smith", False),
     ("Carter", "Ashton Carter", False), ("Bashar al-Assad", "Bashar Assad", True)],
)
def test_people_same_person_name_needs_surname_and_first_name(a, b, same):
    assert same_person_name(parse_name(a), parse_name(b)) is same


def test_people_clean_name_keeps_a_lone_title_word_name():
    assert clean_name("General") == "General"
