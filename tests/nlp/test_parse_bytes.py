"""Stored parses: our format reads back exactly what a DocBin did, and DocBins still read."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

from wirewatch.bench.reuters import read_reuters
from wirewatch.nlp.parse_bytes import MAGIC, parse_from_bytes
from wirewatch.nlp.pipeline import _STORED_ATTRS, doc_from_bytes, doc_to_bytes, load_nlp


def docbin_bytes(doc: Doc) -> bytes:
    """A parse stored the way wirewatch stored them before: a one-Doc DocBin."""
    bin_ = DocBin(attrs=_STORED_ATTRS, store_user_data=False)
    bin_.add(doc)
    return bin_.to_bytes()


def docbin_read(vocab: Vocab, data: bytes) -> Doc:
    (doc,) = DocBin().from_bytes(data).get_docs(vocab)
    return doc


def stored_view(doc: Doc) -> dict[str, Any]:
    """Everything a stored parse keeps, as strings and as the ids spaCy holds."""
    return {
        "tokens": [
            (
                t.orth_, t.whitespace_, t.norm_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.head.i,
                t.dep_, t.ent_iob_, t.ent_type_, t.ent_kb_id_, t.is_sent_start,
                t.orth, t.norm, t.tag, t.pos, t.morph.key, t.lemma, t.dep, t.ent_iob, t.ent_type,
                t.ent_kb_id, t.sent_start,
            )
            for t in doc
        ],
        "text": doc.text,
        "ents": [(e.start, e.end, e.label_, e.kb_id_) for e in doc.ents],
        "sents": [(s.start, s.end) for s in doc.sents] if doc.has_annotation("SENT_START") else [],
        "has_unknown_spaces": doc.has_unknown_spaces,
        "cats": doc.cats,
        "spans": {key: [(s.start, s.end, s.label_) for s in group]
                  for key, group in doc.spans.items()},
    }


def assert_reads_as_docbin(doc: Doc, *, vocab: Vocab | None = None) -> bytes:
    """Our bytes for `doc` read back exactly as its DocBin does; into a fresh vocab too."""
    data = doc_to_bytes(doc)
    target = vocab or doc.vocab
    assert stored_view(parse_from_bytes(target, data)) == stored_view(
        docbin_read(target, docbin_bytes(doc))
    )
    assert stored_view(parse_from_bytes(Vocab(), data)) == stored_view(
        docbin_read(Vocab(), docbin_bytes(doc))
    )
    return data


@pytest.fixture(scope="module")
def reuters_docs(data_path: Callable[..., Path]) -> list[Doc]:
    stories = itertools.islice(read_reuters(data_path("corpus", "reuters21578")), 100)
    return list(load_nlp().pipe(story.body for story in stories))


def test_parse_bytes_seeds_read_back_as_docbin(seed_texts: dict[str, str]) -> None:
    nlp = load_nlp()
    for name, text in seed_texts.items():
        doc = nlp(text)
        data = assert_reads_as_docbin(doc)
        assert data.startswith(MAGIC), name
        assert doc_from_bytes(nlp, data).text == text


def test_parse_bytes_reuters_read_back_as_docbin_and_a_fifth_smaller(
    reuters_docs: list[Doc],
) -> None:
    assert len(reuters_docs) == 100
    new_size = old_size = 0
    for doc in reuters_docs:
        new_size += len(assert_reads_as_docbin(doc))
        old_size += len(docbin_bytes(doc))
    assert new_size < 0.8 * old_size  # docs/performance.md: a third smaller than a DocBin


def test_parse_bytes_docbin_blobs_still_read(seed_texts: dict[str, str],
                                             reuters_docs: list[Doc]) -> None:
    nlp = load_nlp()
    for doc in [nlp(seed_texts["03"]), *reuters_docs[:20]]:
        old = docbin_bytes(doc)
        assert old[0] == 0x78  # a zlib stream, which MAGIC can never be mistaken for
        assert stored_view(doc_from_bytes(nlp, old)) == stored_view(docbin_read(nlp.vocab, old))
        assert stored_view(doc_from_bytes(nlp, old)) == stored_view(
            doc_from_bytes(nlp, doc_to_bytes(doc))
        )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Zürich — 東京 said naïve café owners 😀 lost €3,000 (Ελλάδα, Россия).",
        "Paris, May 3\n\nREUTERS -  Shares  rose.\r\n\tTrading\u00a0was thin.  \n",
        "\n\n\n",
    ],
    ids=["empty", "spaces-only", "unicode", "custom-whitespace", "newlines-only"],
)
def test_parse_bytes_odd_texts_read_back_as_docbin(text: str) -> None:
    nlp = load_nlp()
    doc = nlp(text)
    assert_reads_as_docbin(doc)
    assert doc_from_bytes(nlp, doc_to_bytes(doc)).text == text


def test_parse_bytes_built_doc_with_custom_spaces_and_unicode_words() -> None:
    vocab = load_nlp().vocab
    words = ["Ünïcödé", "\n\n", "ß", "🙂", "\t", "x\u200by", "…"]
    doc = Doc(vocab, words=words, spaces=[True, False, True, False, False, True, False],
              ents=["B-ORG", "O", "B-PERSON", "I-PERSON", "O", "O", "O"])
    doc[2].lemma_ = "ss"
    doc[0].set_morph("Case=Nom|Number=Sing")
    assert_reads_as_docbin(doc)


def test_parse_bytes_unknown_spaces_read_back_as_docbin() -> None:
    doc = Doc(load_nlp().vocab, words=["no", "spaces", "given"])
    assert doc.has_unknown_spaces
    assert assert_reads_as_docbin(doc).startswith(MAGIC)


def test_parse_bytes_wide_indices_and_heads_read_back_as_docbin() -> None:
    # More distinct strings than 2 bytes can index, and heads further than 2 bytes can reach.
    size = 70_000
    doc = Doc(Vocab(), words=[f"w{i}" for i in range(size)], heads=[0] * size,
              deps=["ROOT", *["dep"] * (size - 1)])
    assert_reads_as_docbin(doc)


def test_parse_bytes_doc_with_cats_or_spans_kept_as_docbin() -> None:
    nlp = load_nlp()
    doc = nlp("Reuters reported from London on Monday.")
    doc.cats = {"markets": 1.0}
    doc.spans["places"] = [Span(doc, 3, 4, label="GPE")]
    data = doc_to_bytes(doc)
    assert not data.startswith(MAGIC)
    again = doc_from_bytes(nlp, data)
    assert again.cats == {"markets": 1.0}
    assert [(s.text, s.label_) for s in again.spans["places"]] == [("London", "GPE")]
    assert stored_view(again) == stored_view(docbin_read(nlp.vocab, docbin_bytes(doc)))
