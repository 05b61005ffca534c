"""Quotes as users read them: the words said (without the cue and speaker between a split
content's pieces) and the speaker, resolved from the source span."""

from __future__ import annotations

import pytest

from wirewatch.actors.roles import extract_roles
from wirewatch.extract.quote_speakers import (
    ELLIPSIS,
    SpeakerResolver,
    extract_quotes,
    quoted_text,
)
from wirewatch.nlp.document import parse_document
from wirewatch.types import QuoteMention


@pytest.fixture(scope="module")
def seed_quotes(seed_texts: dict[str, str]) -> dict[str, tuple[str, list[QuoteMention]]]:
    quotes = {}
    for key in ("01", "02", "04", "05"):
        parsed = parse_document(seed_texts[key], doc_id=key)
        quotes[key] = (parsed.text, extract_quotes(parsed))
    return quotes


def _quote_holding(quotes: list[QuoteMention], words: str) -> QuoteMention:
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_quote_text_joins_the_pieces_of_a_content_without_what_lies_between():
    text = "“It is late,” he said at the door. “We go.”"
    pieces = [(text.index("“We"), len(text)), (0, text.index(" he"))]
    assert quoted_text(text, pieces) == f"“It is late,”{ELLIPSIS}“We go.”"
    assert quoted_text(text, [(0, 12)]) == "“It is late,"


@pytest.mark.parametrize(
    ("seed", "words", "said", "between"),
    [
        # A cue set off inside an indirect content (PolNeAR: discontinuous content).
        ("01", "Ottawa will continue to work", ["Instead", "Ottawa will continue to work"],
         "Goodale says"),
        # Split direct quotes: the cue and what follows it sit between the quotations.
        ("04", "ISIL leaders cannot hide", ['"As we squeeze its heart', '"ISIL leaders cannot'],
         "he said at the Pentagon"),
        ("04", "We are currently reviewing", ['"Canada has an important role', '"We are currently'],
         "said Sajjan in an email"),
    ],
)
def test_quote_text_of_a_split_content_leaves_out_the_cue(seed_quotes, seed, words, said,
                                                          between):
    text, quotes = seed_quotes[seed]
    quote = _quote_holding(quotes, words)
    first, second = quote.text.split(ELLIPSIS)
    assert first.startswith(said[0]) and second.startswith(said[1])
    assert between not in quote.text
    # The content span is the one span from the first piece to the end of the last.
    start, end = quote.content
    assert text[start:end].startswith(first) and text[start:end].endswith(second)
    assert between in text[start:end]


def test_quote_indirect_content_is_the_cue_complement_not_the_words_before(seed_quotes):
    """Seed 02: "As part of an election promise he said Canada will withdraw …"."""
    _, quotes = seed_quotes["02"]
    quote = _quote_holding(quotes, "Canada will withdraw fighter jets")
    assert quote.text == ("Canada will withdraw fighter jets and instead increase training "
                          "operations")


@pytest.mark.parametrize(
    ("seed", "words", "speaker", "role"),
    [
        ("04", "he has received a letter", "Renee Filiatrault",
         "spokesperson for Canadian Defense Minister Harjit Sajjan"),
        ("05", "closer co-operation between his country and the West", "Vladimir Putin",
         "President"),
        ("05", "Canadian officials", "Natasha Nystrom", "Spokeswoman"),
    ],
)
def test_quote_speakers_in_the_seeds(seed_quotes, seed, words, speaker, role):
    _, quotes = seed_quotes[seed]
    quote = _quote_holding(quotes, words)
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert quote.speaker_role == role


@pytest.mark.parametrize(
    ("text", "source", "speaker"),
    [
        ("Russian President Vladimir Putin met officials in Moscow. The Russian leader has also"
         " asked for closer co-operation.", "The Russian leader", "Vladimir Putin"),
        ("German Chancellor Angela Merkel met U.S. President Barack Obama in Berlin. The U.S."
         " president said the talks went well.", "The U.S. president", "Barack Obama"),
        # Two Russian leaders fit: the country speaks, as written.
        ("Russian President Vladimir Putin met Russian Prime Minister Dmitry Medvedev in Moscow."
         " The Russian leader has also asked for closer co-operation.", "The Russian leader",
         "Russian Federation"),
        # No German in the text.
        ("Russian President Vladimir Putin met officials in Moscow. The German chancellor has"
         " also asked for closer co-operation.", "The German chancellor", "Germany"),
    ],
)
def test_quote_speaker_named_by_title_is_the_one_person_whose_title_and_country_fit(
    text, source, speaker
):
    parsed = parse_document(text, published="2017-12-01")
    roles = {r.person_id: r.title for r in extract_roles(parsed) if r.person_id and r.title}
    start = text.index(source)
    found, _ = SpeakerResolver(parsed, roles).resolve((start, start + len(source)))
    assert found is not None and found.name == speaker
