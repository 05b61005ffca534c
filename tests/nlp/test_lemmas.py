"""Lemmas remembered: the model's lemmatizer's own answers, token for token.

The same lemmas as stock spaCy on the seeds and Reuters are pinned, with every other attribute,
by test_attributes_same_annotations_as_stock_spacy_on_seeds_and_reuters."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from wirewatch.nlp.lemmas import LEMMAS, Lemmas
from wirewatch.nlp.pipeline import load_nlp

WORDS = ["The", "banks", "were", "closing", "their", "doors", ",", "banks", "said", "."]
POS = ["DET", "NOUN", "AUX", "VERB", "PRON", "NOUN", "PUNCT", "NOUN", "VERB", "PUNCT"]


def _doc(vocab: spacy.vocab.Vocab, lemmas: list[str] | None = None) -> Doc:
    return Doc(vocab, words=WORDS, pos=POS, lemmas=lemmas)


def _rule_lemmatizer(overwrite: bool = False) -> tuple[spacy.language.Language, Lemmatizer]:
    """A rule lemmatizer with small hand-made tables (no lookups package needed)."""
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("lemmatizer", config={"mode": "rule", "overwrite": overwrite})
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["ing", ""], ["ed", ""]]})
    lookups.add_table("lemma_index", {"noun": ["bank", "door"], "verb": ["close"]})
    lookups.add_table("lemma_exc", {"verb": {"said": ["say"]}, "aux": {"were": ["be"]}})
    stock.initialize(lookups=lookups)
    return nlp, stock


def test_lemmas_take_the_lemmatizers_place_and_name_in_load_nlp() -> None:
    nlp = load_nlp()
    component = nlp.get_pipe("lemmatizer")
    assert isinstance(component, Lemmas)
    assert isinstance(component.lemmatizer, Lemmatizer)
    assert nlp.get_pipe_meta("lemmatizer").factory == LEMMAS
    assert nlp.pipe_names.index("lemmatizer") == nlp.pipe_names.index("ner") - 1


def test_lemmas_are_the_lemmatizers_own_answers() -> None:
    nlp, stock = _rule_lemmatizer()
    ours = Lemmas(stock)
    expected = [t.lemma_ for t in stock(_doc(nlp.vocab))]
    first = [t.lemma_ for t in ours(_doc(nlp.vocab))]
    again = [t.lemma_ for t in ours(_doc(nlp.vocab))]  # answered from memory this time
    assert first == again == expected
    assert first[:4] == ["the", "bank", "be", "clos"]  # "clos" is what these toy rules give
    assert first[8] == "say"


def test_lemmas_keep_a_lemma_already_set_unless_overwriting() -> None:
    nlp, stock = _rule_lemmatizer()
    preset = ["", "BANK", "", "", "", "", "", "", "", ""]
    got = Lemmas(stock)(_doc(nlp.vocab, preset))
    assert got[1].lemma_ == "BANK" and got[7].lemma_ == "bank"
    nlp, stock = _rule_lemmatizer(overwrite=True)
    assert Lemmas(stock)(_doc(nlp.vocab, preset))[1].lemma_ == "bank"


def test_lemmas_without_tables_fail_like_spacy() -> None:
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    with pytest.raises(ValueError, match="lemma_rules"):
        Lemmas(stock)(_doc(nlp.vocab))


class _ContextLemmatizer(Lemmatizer):
    """A mode whose answer could depend on the neighbours: not something to remember."""

    def context_lemmatize(self, token: spacy.tokens.Token) -> list[str]:
        return [token.nbor(1).text if token.i + 1 < len(token.doc) else token.text]


def test_lemmas_refuse_a_mode_that_reads_more_than_the_word() -> None:
    stock = _ContextLemmatizer(spacy.blank("en").vocab, None, mode="context")
    with pytest.raises(ValueError, match="context"):
        Lemmas(stock)


def test_lemmas_empty_doc() -> None:
    nlp, stock = _rule_lemmatizer()
    assert len(Lemmas(stock)(Doc(nlp.vocab, words=[]))) == 0


def test_lemmas_saved_pipeline_loads_with_its_tables(tmp_path: Path,
                                                     seed_texts: dict[str, str]) -> None:
    nlp = load_nlp()
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert isinstance(again.get_pipe("lemmatizer"), Lemmas)
    text = next(iter(seed_texts.values()))[:3000]
    assert [t.lemma_ for t in again(text)] == [t.lemma_ for t in nlp(text)]
    copy = Lemmas(Lemmatizer(nlp.vocab, None, mode="rule"))
    copy.from_bytes(nlp.get_pipe("lemmatizer").to_bytes())
    assert copy.lemmatizer.lookups.tables == nlp.get_pipe("lemmatizer").lemmatizer.lookups.tables


@pytest.mark.parametrize(
    ("sentence", "verb", "lemma"),
    [
        ("The group staged a protest.", "staged", "stage"),
        ("They are staging protests.", "staging", "stage"),
        ("She hopes it ends.", "hopes", "hope"),
        ("They waged war.", "waged", "wage"),
        ("The EU fined Google.", "fined", "fine"),
        # a short consonant-vowel-consonant verb doubles its consonant: the rules were right
        ("He hopped on.", "hopped", "hop"),
        ("They planned it.", "planned", "plan"),
        # no such pattern: the rules' answer stays
        ("The rebels were routed.", "routed", "rout"),
    ],
)
def test_lemmas_verbs_in_e_are_not_their_shorter_neighbours(sentence, verb, lemma) -> None:
    doc = load_nlp()(sentence)
    assert next(t.lemma_ for t in doc if t.text == verb) == lemma
