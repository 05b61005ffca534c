"""`wirewatch eval ner`: our mentions scored against CoNLL-2003 (IOB1, 2- or 4-column files).

Each document's text is rebuilt from its tokens (sentences on their own lines, light
detokenisation so spaCy sees something close to newswire), parsed by our pipeline, and the
predicted character spans are mapped back onto the gold tokens. Scoring is exact match of
token spans and types; the headline numbers are micro P/R/F1 over PER, ORG and LOC.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirewatch.nlp.mentions import find_mentions
from wirewatch.nlp.pipeline import load_nlp, model_info, parse_stream

logger = logging.getLogger(__name__)

# How our labels read in CoNLL terms; labels not listed (dates, numbers…) are not entities there.
CONLL_LABEL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
               "NORP": "MISC"}
SCORED = ("PER", "ORG", "LOC")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ve",
                    "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$"}
_SKIPPED_FILES = (".md", ".txt", ".json", ".yaml")

Span = tuple[int, int, int, str]  # sentence index in the document, first token, end token, type


@dataclass
class ConllDocument:
    sentences: list[list[tuple[str, str]]] = field(default_factory=list)


def read_conll(path: Path) -> list[ConllDocument]:
    """Documents from a CoNLL-2003 file or every data file in a folder (tag = last column)."""
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    documents: list[ConllDocument] = []
    for file in files:
        if file.suffix.lower() in _SKIPPED_FILES or file.name.upper().startswith("README"):
            continue
        documents.extend(_read_file(file))
    return [d for d in documents if d.sentences]


def _read_file(file: Path) -> Iterator[ConllDocument]:
    document = ConllDocument()
    sentence: list[tuple[str, str]] = []
    for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if not fields:
            if sentence:
                document.sentences.append(sentence)
                sentence = []
        elif fields[0] == "-DOCSTART-":
            if sentence:
                document.sentences.append(sentence)
                sentence = []
            yield document
            document = ConllDocument()
        else:
            sentence.append((fields[0], fields[-1]))
    if sentence:
        document.sentences.append(sentence)
    yield document


def gold_spans(sentence: list[tuple[str, str]], index: int) -> set[Span]:
    """Entity spans of one IOB1 sentence (I- continues a same-type run, B- starts a new one)."""
    spans = set()
    start, kind = None, None
    for position, (_, tag) in enumerate([*sentence, ("", "O")]):
        prefix, _, tag_type = tag.partition("-")
        continues = prefix == "I" and tag_type == kind
        if start is not None and not continues:
            spans.add((index, start, position, kind))
            start, kind = None, None
        if prefix in ("I", "B") and start is None:
            start, kind = position, tag_type
    return spans


def document_text(document: ConllDocument) -> tuple[str, list[list[tuple[int, int]]]]:
    """The document as text, one sentence per line, with each token's (start, end) offsets."""
    parts: list[str] = []
    offsets: list[list[tuple[int, int]]] = []
    cursor = 0
    for sentence in document.sentences:
        if parts:
            parts.append("\n")
            cursor += 1
        sentence_offsets = []
        previous = None
        for token, _ in sentence:
            if previous is not None and token not in _NO_SPACE_BEFORE and (
                previous not in _NO_SPACE_AFTER
            ):
                parts.append(" ")
                cursor += 1
            parts.append(token)
            sentence_offsets.append((cursor, cursor + len(token)))
            cursor += len(token)
            previous = token
        offsets.append(sentence_offsets)
    return "".join(parts), offsets


def predicted_spans(doc: Any, offsets: list[list[tuple[int, int]]]) -> set[Span]:
    """Our mentions as gold-token spans: every token a mention overlaps belongs to it."""
    spans = set()
    for mention in find_mentions(doc):
        kind = CONLL_LABEL.get(mention.label)
        if kind is None:
            continue
        for index, sentence in enumerate(offsets):
            inside = [
                i for i, (s, e) in enumerate(sentence) if s < mention.end and mention.start < e
            ]
            if inside:
                spans.add((index, inside[0], inside[-1] + 1, kind))
                break
    return spans


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def evaluate(data: Path, *, model: str | None = None, batch_size: int = 32) -> dict[str, Any]:
    documents = read_conll(Path(data))
    nlp = load_nlp(model)
    texts = (document_text(d) for d in documents)
    gold: set[tuple[int, ...]] = set()
    predicted: set[tuple[int, ...]] = set()
    items = ((text, (number, offsets)) for number, (text, offsets) in enumerate(texts))
    for doc, (number, offsets) in parse_stream(items, nlp=nlp, batch_size=batch_size):
        document = documents[number]
        for index, sentence in enumerate(document.sentences):
            gold.update((number, *span) for span in gold_spans(sentence, index))
        predicted.update((number, *span) for span in predicted_spans(doc, offsets))
    scored_gold = {s for s in gold if s[-1] in SCORED}
    scored_pred = {s for s in predicted if s[-1] in SCORED}
    result: dict[str, Any] = {"n": len(scored_gold), "n_documents": len(documents)}
    tp = len(scored_gold & scored_pred)
    precision, recall, f1 = _prf(tp, len(scored_pred), len(scored_gold))
    result.update(precision=precision, recall=recall, f1=f1)
    for kind in (*SCORED, "MISC"):
        kind_gold = {s for s in gold if s[-1] == kind}
        kind_pred = {s for s in predicted if s[-1] == kind}
        p, r, f = _prf(len(kind_gold & kind_pred), len(kind_pred), len(kind_gold))
        result.update({f"{kind}_precision": p, f"{kind}_recall": r, f"{kind}_f1": f,
                       f"{kind}_n": len(kind_gold)})
    info = model_info(nlp)
    result["model"] = f"{info['name']} {info['version']}"
    logger.info("ner eval: %s", result)
    return result
