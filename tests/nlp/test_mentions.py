"""Mentions on the seed articles: the people and groups of the reference case, with offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wirewatch.nlp.mentions import LABELS, Mention, find_mentions
from wirewatch.nlp.pipeline import load_nlp


@pytest.fixture(scope="module")
def seed_mentions(seed_texts: dict[str, str]) -> dict[str, list[Mention]]:
    nlp = load_nlp()
    return {key: find_mentions(nlp(text)) for key, text in seed_texts.items()}


CASES = [
    ("02", "Sajjan", "PERSON"),
    ("03", "Sajjan", "PERSON"),
    ("01", "Goodale", "PERSON"),
    ("02", "Carter", "PERSON"),
    ("03", "Stoltenberg", "PERSON"),
    ("02", "Trudeau", "PERSON"),
    ("05", "Trudeau", "PERSON"),
    ("02", "ISIS", "ORG"),
    ("01", "ISIS", "ORG"),
    ("03", "ISIL", "ORG"),
    ("05", "ISIL", "ORG"),
    ("01", "Five Eyes", "ORG"),
    ("03", "NATO", "ORG"),
    ("05", "Kremlin", "ORG"),
    ("04", "Pentagon", "ORG"),
]


@pytest.mark.parametrize(("seed", "name", "label"), CASES)
def test_mentions_every_occurrence_found_with_label(
    seed_texts: dict[str, str], seed_mentions: dict[str, list[Mention]], seed: str, name: str,
    label: str,
) -> None:
    text = seed_texts[seed]
    occurrences = [m.span() for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    assert occurrences, f"{name} not in seed {seed}"
    for start, end in occurrences:
        covering = [m for m in seed_mentions[seed] if m.start <= start and end <= m.end]
        assert [m.label for m in covering] == [label], (name, start, covering)


@pytest.mark.parametrize("seed", ["01", "02", "03", "04", "05"])
def test_mentions_offsets_index_the_text(
    seed_texts: dict[str, str], seed_mentions: dict[str, list[Mention]], seed: str
) -> None:
    text = seed_texts[seed]
    mentions = seed_mentions[seed]
    assert mentions
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.label in LABELS
        assert not mention.text.lower().startswith("the ")
        assert not mention.text.endswith(("'s", "’s"))
        assert "\n" not in mention.text
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("seed", "surface"),
    [("05", "Canadian"), ("05", "Russian"), ("03", "Iraqi"), ("01", "Kurdish"), ("02", "British")],
)
def test_mentions_demonyms_are_norp(
    seed_mentions: dict[str, list[Mention]], seed: str, surface: str
) -> None:
    labels = {m.label for m in seed_mentions[seed] if m.text == surface}
    assert labels == {"NORP"}


def test_mentions_registry_name_spans_replace_fragments(
    seed_mentions: dict[str, list[Mention]],
) -> None:
    texts = {(m.text, m.label) for m in seed_mentions["03"]}
    assert ("Islamic State of Iraq and the Levant", "ORG") in texts
    assert not any(text == "Levant" for text, _ in texts)


def test_mentions_sentence_index_points_at_containing_sentence(
    seed_texts: dict[str, str], seed_mentions: dict[str, list[Mention]]
) -> None:
    doc = load_nlp()(seed_texts["02"])
    sentences = list(doc.sents)
    for mention in seed_mentions["02"]:
        sentence = sentences[mention.sentence]
        assert sentence.start_char <= mention.start < sentence.end_char


def test_mentions_work_on_a_parse_without_parser(seed_texts: dict[str, str]) -> None:
    nlp = load_nlp(disable=("parser", "lemmatizer"))
    mentions = find_mentions(nlp(seed_texts["03"]))
    assert {m.sentence for m in mentions} == {0}
    assert ("Stoltenberg", "PERSON") in {(m.text, m.label) for m in mentions}


def test_mentions_strike_report_places_are_not_people() -> None:
    """Coalition strike reports list "Near Ar Raqqah, one strike destroyed … an ISIL pump
    jack": spaCy reads "Near Palmyra" and "jack" as people (a CENTCOM release of the shipped
    sample corpus, US federal public domain)."""
    sample = Path(__file__).resolve().parents[2] / "src" / "wirewatch" / "sample" / "articles"
    text = (sample / "centcom" / "release-2016-10-15.txt").read_text(encoding="utf-8")
    mentions = find_mentions(load_nlp()(text))
    assert not [m.text for m in mentions if m.text.lower().startswith("near ")]
    assert not [m.text for m in mentions if m.label == "PERSON"]
    places = {m.text for m in mentions if m.label == "GPE"}
    assert {"Palmyra", "Ar Raqqah", "Al Shadaddi"} <= places
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # After a preposition of place.
        ("A car bomb exploded at a hospital in Maidan Shahr on Monday.", "Maidan Shahr", "GPE"),
        ("Coalition aircraft struck targets near Al Hasakah.", "Al Hasakah", "GPE"),
        # A possessive after the name is a person's: kept.
        ("The program renews interest in Warhol's photographs.", "Warhol", "PERSON"),
        ("Reporters met Sajjan in Ottawa.", "Sajjan", "PERSON"),
        # Sample-corpus sentences (Wikinews) where spaCy reads a place as a person.
        ("Yemen has been at war since the capital, Sanaa, fell under Houthi control.", "Sanaa",
         "GPE"),
        ("The town of Jolo voted against the measure.", "Jolo", "GPE"),
        ("The base lies in Afghanistan's Maidan Wardak province.", "Maidan Wardak", "GPE"),
        ("Sharif Hotak, of the Maidan Wardak provincial council, counted 35 bodies.",
         "Maidan Wardak", "GPE"),
        ("He died from his injuries at John Radcliffe Hospital.", "John Radcliffe Hospital",
         "FAC"),
        ("The contract went to Vedelmi Ipari Kft last year.", "Vedelmi Ipari Kft", "ORG"),
        ("The planned EastMed gas pipeline would cross Turkish waters.", "EastMed", "FAC"),
        ("The Khalilzad plan was rejected.", "Khalilzad", "PERSON"),
        # An abbreviation is no name at all.
        ("The crash happened around 8:30 p.m. BST on Sunday.", "BST", None),
        # People stay people.
        ("Sharif Hotak, of the provincial council, counted 35 bodies.", "Sharif Hotak", "PERSON"),
        ("Warren said the city would pay for the repairs.", "Warren", "PERSON"),
        ("The capital's mayor, Sadiq Khan, said London stood together.", "Sadiq Khan", "PERSON"),
    ],
)
def test_mentions_person_read_from_the_words_around_it(text: str, name: str,
                                                       label: str | None) -> None:
    """A "person" after a preposition of place, beside a word for a place ("the capital,
    Sanaa", "Maidan Wardak province"), ending in a company's or a building's word, modifying a
    thing, or an abbreviation, is read as what it is. spaCy's small model reads such names as
    people; the entities are set here as it reads them, so the test pins our correction, not
    the model."""
    doc = load_nlp()(text)
    start = text.index(name)
    doc.ents = [doc.char_span(start, start + len(name), label="PERSON")]
    found = [m.label for m in find_mentions(doc) if m.text == name]
    assert found == ([label] if label else [])


def test_mentions_a_name_read_as_a_thing_once_is_no_person_elsewhere():
    """ "The EastMed pipeline" shows EastMed is no person; "EastMed is open" then is not either
    (Wikinews, sample corpus: it was the 4th most named person)."""
    text = "The EastMed pipeline is planned. Mitsotakis said EastMed is open to others."
    doc = load_nlp()(text)
    first, second = (text.index("EastMed"), text.rindex("EastMed"))
    doc.ents = [doc.char_span(first, first + 7, label="PERSON"),
                doc.char_span(second, second + 7, label="PERSON")]
    assert [m.label for m in find_mentions(doc) if m.text == "EastMed"] == ["FAC", "FAC"]
