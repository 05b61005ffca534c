"""Attribution relations found in the seed articles: the right speaker, cue and content."""

from __future__ import annotations

import math

import pytest

from wirewatch.extract.quotes import (
    Attribution,
    attributions_from_labels,
    find_attributions,
    tag_roles,
)
from wirewatch.extract.quotes_content import content_features, cue_window
from wirewatch.extract.quotes_cues import CueScorer, candidates, cue_span
from wirewatch.extract.quotes_ends import EndScorer, end_candidates, end_features
from wirewatch.extract.quotes_features import quote_depths, sentence_numbers
from wirewatch.nlp.pipeline import load_nlp


@pytest.fixture(scope="module")
def seed_attributions(seed_texts: dict[str, str]) -> dict[str, tuple[str, list[Attribution]]]:
    nlp = load_nlp()
    return {key: (text, find_attributions(nlp(text))) for key, text in seed_texts.items()}


def _relation_quoting(text: str, found: list[Attribution], words: str) -> Attribution:
    """The relation whose content covers `words`."""
    start = text.index(words)
    for relation in found:
        spans = [relation.content] + ([relation.content2] if relation.content2 else [])
        if any(s <= start < e for s, e in spans):
            return relation
    raise AssertionError(f"no attribution covers {words!r}")


@pytest.mark.parametrize(
    ("seed", "words", "speaker", "cue"),
    [
        ("01", "the proposition is too risky", "Goodale", "says"),
        ("01", "We have heard the request", "Goodale", "said"),
        ("02", "Each of these nations has a significant stake", "Carter", "said"),
        ("02", "Meetings happen all the time", "Sajjan", "said"),
        ("02", "I was very fortunate on actually two occasions", "Sajjan", "said"),
        ("02", "Canada had not been invited", "A spokesperson for Minister Sajjan", "confirmed"),
        ("02", "This development demonstrates", "Bezan", "said"),
        ("02", "Whatever decisions are taken there", "Perry", "said"),
        ("03", "I expect ministers will agree", "Stoltenberg", "said"),
        ("03", "the Canadian military is heavily involved", "Momani", "notes"),
        ("03", "It's a small force", "she", "said"),
        ("04", "Canada has an important role to play", "Sajjan", "said"),
        ("05", "The Russians have a lot of expertise", "de Kerckhove", "said"),
        ("05", "How many (ISIL) people will be returning", "de Kerckhove", "said"),
        ("05", "terrorism is a real concern for Russia", "de Kerckhove", "said"),
    ],
)
def test_quotes_seed_speaker_and_cue(seed_attributions, seed, words, speaker, cue):
    text, found = seed_attributions[seed]
    relation = _relation_quoting(text, found, words)
    assert relation.source is not None
    assert speaker in text[slice(*relation.source)]
    assert relation.cue is not None and text[slice(*relation.cue)].startswith(cue)


@pytest.mark.parametrize(
    ("seed", "words", "kind"),
    [
        ("02", "Meetings happen all the time", "direct"),
        ("04", "Canada has an important role to play", "direct"),
        ("01", "the proposition is too risky", "indirect"),
        ("05", "terrorism is a real concern for Russia", "indirect"),
    ],
)
def test_quotes_seed_kind_direct_or_indirect(seed_attributions, seed, words, kind):
    text, found = seed_attributions[seed]
    assert _relation_quoting(text, found, words).kind == kind


def test_quotes_carter_not_attributed_to_previous_paragraph_speaker(seed_attributions):
    text, found = seed_attributions["02"]
    relation = _relation_quoting(text, found, "I will not hesitate to engage")
    assert relation.source is not None
    assert "Sajjan" not in text[slice(*relation.source)]


@pytest.mark.parametrize(
    ("sentence", "labels", "expected"),
    [
        (
            "“It is late,” he said. “We go.”",
            "B-CONT I-CONT I-CONT I-CONT I-CONT I-CONT B-SRC B-CUE O "
            "B-CONT I-CONT I-CONT I-CONT I-CONT",
            [("he", "said", "“It is late,”", "“We go.”", "direct")],
        ),
        (
            "Goodale says the plan is risky.",
            "B-SRC B-CUE B-CONT I-CONT I-CONT I-CONT O",
            [("Goodale", "says", "the plan is risky", None, "indirect")],
        ),
        (
            "Sources said nothing. Ann told him it was late.",
            "O O O O B-SRC B-CUE O B-CONT I-CONT I-CONT O",
            [("Ann", "told", "it was late", None, "indirect")],
        ),
        (
            "“It is late,” he said. “We go now.”",
            "B-CONT I-CONT I-CONT I-CONT I-CONT I-CONT B-SRC B-CUE O O O O O O O",
            [("he", "said", "“It is late,”", "“We go now.”", "direct")],
        ),
        (
            "“It is late,” he said, and left the room.",
            "B-CONT I-CONT I-CONT I-CONT I-CONT I-CONT B-SRC B-CUE O O B-CONT I-CONT I-CONT O",
            [("he", "said", "“It is late,”", None, "direct")],
        ),
        (
            "He said: “It is late. We go now.”",
            "B-SRC B-CUE O B-CONT I-CONT I-CONT I-CONT I-CONT O O O O O",
            [("He", "said", "“It is late. We go now.”", None, "direct")],
        ),
        # A cue set off inside its content: one clause in two pieces (seed 01).
        (
            "Instead, Goodale says, Ottawa will work with its allies.",
            "B-CONT O B-SRC B-CUE O B-CONT I-CONT I-CONT I-CONT I-CONT I-CONT O",
            [("Goodale", "says", "Instead", "Ottawa will work with its allies", "indirect")],
        ),
        # Words before the cue that are no part of its complement's clause (seed 02).
        (
            "As part of a promise he said Canada will leave Iraq.",
            "O O O O B-CONT B-SRC B-CUE B-CONT I-CONT I-CONT I-CONT O",
            [("he", "said", "Canada will leave Iraq", None, "indirect")],
        ),
        # A participle cue without a tagged source is said by its verb's subject (seed 05).
        (
            "Nystrom played down the meeting, saying officials engage often.",
            "O O O O O O B-CUE B-CONT I-CONT I-CONT O",
            [("Nystrom", "saying", "officials engage often", None, "indirect")],
        ),
    ],
)
def test_quotes_labels_grouped_around_cues(sentence, labels, expected):
    doc = load_nlp()(sentence)
    tags = labels.split()
    assert len(tags) == len(doc), [t.text for t in doc]
    found = attributions_from_labels(doc, tags)
    text = doc.text
    got = [
        (
            text[slice(*r.source)] if r.source else None,
            text[slice(*r.cue)] if r.cue else None,
            text[slice(*r.content)],
            text[slice(*r.content2)] if r.content2 else None,
            r.kind,
        )
        for r in found
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("seed", "words", "source"),
    [
        ("01", "the proposition is too risky", "Public Safety Minister Ralph Goodale"),
        ("02", "Each of these nations has a significant stake", "Carter"),
        ("02", "Canada had not been invited", "A spokesperson for Minister Sajjan"),
        ("04", "Canada has an important role to play", "Sajjan"),
    ],
)
def test_quotes_seed_source_span_is_the_speaker_only(seed_attributions, seed, words, source):
    text, found = seed_attributions[seed]
    relation = _relation_quoting(text, found, words)
    assert relation.source is not None and text[slice(*relation.source)] == source


@pytest.mark.parametrize("text", ["", "Rain fell on Ottawa on Tuesday.", "\n\n"])
def test_quotes_none_in_text_without_attribution(text):
    assert find_attributions(load_nlp()(text)) == []


def test_quotes_cue_window_is_the_cue_sentence():
    doc = load_nlp()("Rain fell. Ann said it was late. Bob left.")
    said = next(t.i for t in doc if t.text == "said")
    start, end = cue_window(sentence_numbers(doc), (said, said + 1))
    assert doc[start:end].text == "Ann said it was late."


def test_quotes_content_features_place_words_relative_to_the_cue():
    doc = load_nlp()("Ann said the plan was risky and suggested a delay.")
    said = next(t.i for t in doc if t.text == "said")
    window = cue_window(sentence_numbers(doc), (said, said + 1))
    features = content_features(doc, (said, said + 1), window, quote_depths(doc), {"say": 0.9})
    by_word = {t.text: f for t, f in zip(doc[window[0] : window[1]], features, strict=True)}
    assert by_word["Ann"]["att"] == "L:sub:nsubj"
    assert by_word["plan"]["att"] == "R:sub:ccomp"
    assert by_word["the"]["att_first"] == "R:sub:ccomp"
    assert by_word["said"]["side"] == "cue"
    assert by_word["said"]["+1:att"] == "R:sub:ccomp"
    assert by_word["said"]["-1:att"] == "L:sub:nsubj"
    assert by_word["Ann"]["-1:att"] == "^"


def test_quotes_written_speaker_names_a_source_but_not_a_pronoun():
    from wirewatch.extract.quote_speakers import written_speaker

    assert written_speaker("  The Daily\nTelegraph ") == "The Daily Telegraph"
    assert written_speaker("associates of Navalny") == "associates of Navalny"
    assert [written_speaker(p) for p in ("he", "It", "they", " ")] == [None] * 4


@pytest.mark.parametrize(
    ("text", "source", "speaker", "role"),
    [
        # The named spokesperson speaks; the role is the span without the name (Wikinews).
        ("German Chancellor Angela Merkel's spokesperson, Steffen Seibert, said it was possible.",
         "German Chancellor Angela Merkel's spokesperson, Steffen Seibert,", "Steffen Seibert",
         "German Chancellor Angela Merkel's spokesperson"),
        # The spokesperson named before the role speaks (seed 04), or before a possessive
        # (seed 02); a spokesperson named after the title has the title as the role (seed 03).
        ("Renee Filiatrault, spokesperson for Canadian Defense Minister Harjit Sajjan, confirmed"
         " it.", "Renee Filiatrault, spokesperson for Canadian Defense Minister Harjit Sajjan,",
         "Renee Filiatrault", "spokesperson for Canadian Defense Minister Harjit Sajjan"),
        ("“He is in contact,” said Renée Filiatrault, Sajjan’s director of communications.",
         "Renée Filiatrault, Sajjan’s director of communications", "Renée Filiatrault",
         "Sajjan’s director of communications"),
        ("Defence Department spokeswoman Jessica Lamirande said all were safe.",
         "Defence Department spokeswoman Jessica Lamirande", "Jessica Lamirande",
         "Defence Department spokeswoman"),
        # An unnamed spokesperson speaks for the one named (seed 02).
        ("A spokesperson for Minister Harjit Sajjan confirmed it.",
         "A spokesperson for Minister Harjit Sajjan", "Harjit Sajjan",
         "A spokesperson for Minister Harjit Sajjan"),
        # The office speaks for its principal; the role starts at the principal (Wikinews).
        ("According to a statement released by Erdogan's office, \"the aim is peace.\"",
         "a statement released by Erdogan's office", "Recep Tayyip Erdoğan", "Erdogan's office"),
    ],
)
def test_quotes_spokesperson_speaker_and_role(text, source, speaker, role):
    from wirewatch.extract.quote_speakers import SpeakerResolver
    from wirewatch.nlp.document import build_parsed

    parsed = build_parsed(load_nlp()(text), "d", published="2019-01-23")
    start = text.index(source)
    found, found_role = SpeakerResolver(parsed).resolve((start, start + len(source)))
    assert found is not None and found.name == speaker
    assert found_role == role


def _roles(text: str, relation: Attribution) -> tuple[str | None, str | None, str]:
    return (
        text[slice(*relation.source)] if relation.source else None,
        text[slice(*relation.cue)] if relation.cue else None,
        text[slice(*relation.content)],
    )


def test_quotes_second_look_adds_an_unquoted_cue_the_tagger_missed():
    doc = load_nlp()("Wages have fallen, several studies have shown.")
    assert attributions_from_labels(doc, tag_roles(doc), redraw_content=True) == []
    found = find_attributions(doc)
    assert [_roles(doc.text, r) for r in found] == [
        ("several studies", "have shown", "Wages have fallen")
    ]


@pytest.mark.parametrize(
    ("score", "cues"),
    [(0.99, ["says"]), (0.01, [])],
)
def test_quotes_second_look_keeps_or_drops_a_tagged_cue_by_its_score(score, cues):
    doc = load_nlp()("Goodale says the plan is risky.")
    labels = "B-SRC B-CUE B-CONT I-CONT I-CONT I-CONT O".split()
    found = attributions_from_labels(doc, labels, cue_scores={1: score})
    assert [doc.text[slice(*r.cue)] for r in found if r.cue] == cues


def test_quotes_second_look_gives_an_added_cue_its_content_and_source():
    doc = load_nlp()("Goodale says the plan is risky.")
    labels = ["O"] * len(doc)
    found = attributions_from_labels(doc, labels, redraw_content=True, cue_scores={1: 0.99})
    assert [_roles(doc.text, r) for r in found] == [("Goodale", "says", "the plan is risky")]


@pytest.mark.parametrize(
    ("text", "head", "cue"),
    [
        ("Ann has also said it was late.", "said", "has also said"),
        ("According to Ann, it was late.", "According", "According to"),
        ("Ann called for calm.", "called", "called for"),
        ("Ann said it was late.", "said", "said"),
    ],
)
def test_quotes_cue_span_takes_auxiliaries_and_known_particles(text, head, cue):
    doc = load_nlp()(text)
    i = next(t.i for t in doc if t.text == head)
    start, end = cue_span(doc, i, frozenset({"accord to", "call for"}))
    assert doc[start:end].text == cue


def test_quotes_cue_candidates_are_judged_by_their_head_word():
    doc = load_nlp()("Ann has also said it was late.")
    rates = {"have": 0.16, "also": 0.37, "say": 0.86, "be": 0.08}
    assert [doc[i].text for i in candidates(doc, rates)] == ["said"]


def test_quotes_cue_scorer_is_a_logistic_regression():
    scorer = CueScorer(
        weights={"a": 2.0, "b": -1.0},
        bias=-1.0,
        add_threshold=0.7,
        drop_threshold=0.3,
        particles=frozenset(),
    )
    assert scorer.probability({}) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert scorer.probability({"a": 1.0, "b": 1.0, "unseen": 5.0}) == pytest.approx(0.5)


def test_quotes_content_is_neither_its_cue_nor_its_source():
    """Wikinews (sample corpus): the content was the source itself, or the whole sentence with
    source and cue in it; it is the quotation after the cue."""
    text = ('A source within the central Interior Ministry reportedly said "I have been told not '
            'to make the death toll figures public. It is frustrating to hide the facts."')
    (found,) = find_attributions(load_nlp()(text))
    assert text[found.source[0]:found.source[1]] == (
        "A source within the central Interior Ministry")
    assert text[found.content[0]:found.content[1]].startswith('"I have been told')
    assert found.content[0] >= found.cue[1]


def test_quotes_end_scorer_moves_the_tagged_end_only_by_more_than_the_margin():
    doc = load_nlp()("Ann said the plan was late, and it rained.")
    depths = quote_depths(doc)
    # One weight: ending at the sentence's end (nothing after the edge) scores 3.
    bold = EndScorer(weights={"next=$": 3.0}, bias=0.0, margin=1.0)
    timid = EndScorer(weights={"next=$": 3.0}, bias=0.0, margin=5.0)
    assert bold.best_end(doc, 2, 6, len(doc), depths) == len(doc)
    assert timid.best_end(doc, 2, 6, len(doc), depths) == 6


def test_quotes_end_features_count_the_dependencies_an_edge_cuts():
    doc = load_nlp()("Ann said the plan was late, and it rained.")
    depths = quote_depths(doc)
    subject_only = end_features(doc, 2, 4, 6, len(doc), depths)
    whole_clause = end_features(doc, 2, 6, 6, len(doc), depths)
    assert subject_only["cut_before=1"] == 1.0  # "plan" hangs from "was", left out
    assert whole_clause["cut_before=0"] == 1.0 and whole_clause["tagged=True"] == 1.0
    assert end_candidates(doc, 2, len(doc)) == list(range(3, len(doc) + 1))
