"""`wirewatch eval actors`: are Wikipedia-linked people, organisations and places found and
resolved to an actor of the right kind? Scored on GUM (WebAnno TSV 3.2 with Wikification).

For every gold mention that has a Wikipedia identity and GUM type person, organization or
place, we take our mention overlapping it most and the kind it resolves to: the registry's
kind when it knows the name, else the kind a new actor would get from the mention label
(PERSON -> person, ORG -> organization; GPE/LOC/FAC are places). Right kinds: person ->
person; place -> country or a place mention; organization -> igo, armed_group, organization or
government_body. accuracy = right / gold.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirewatch.actors.registry import Registry
from wirewatch.eval.ner import ConllDocument, document_text
from wirewatch.nlp.mentions import Mention, find_mentions
from wirewatch.nlp.pipeline import load_nlp, model_info, parse_stream

logger = logging.getLogger(__name__)

GUM_TYPES = ("person", "organization", "place")
PLACE_LABELS = ("GPE", "LOC", "FAC")
ORG_KINDS = ("igo", "armed_group", "organization", "government_body")
# Gold mentions made only of these (and lower-case words) are pronouns or descriptions, which
# need coreference rather than naming; `named_accuracy` leaves them out.
_NOT_NAMES = frozenset({"I", "He", "She", "It", "We", "They", "You", "His", "Her", "Its",
                        "Our", "Their", "The", "This", "That", "These", "Those", "A", "An"})
_STACKED = re.compile(r"^(?P<value>.*?)(?:\[(?P<id>\d+)\])?$")


@dataclass
class GoldMention:
    kind: str
    identity: str
    tokens: list[tuple[int, int]]  # (sentence index, token index)
    words: list[str]

    @property
    def is_named(self) -> bool:
        return any(w[:1].isupper() and w not in _NOT_NAMES for w in self.words)


@dataclass
class GumDocument:
    name: str
    sentences: list[list[str]]
    mentions: list[GoldMention]


def _stacked(cell: str) -> list[tuple[str, str | None]]:
    """ "organization[1]|place[3]" -> [("organization", "1"), ("place", "3")]."""
    if cell in ("_", ""):
        return []
    values = []
    for part in cell.split("|"):
        match = _STACKED.match(part)
        values.append((match["value"], match["id"]))
    return values


def read_gum_tsv(file: Path) -> GumDocument:
    """Tokens by sentence and the mentions that carry a Wikipedia identity."""
    sentences: list[list[str]] = []
    by_key: dict[str, GoldMention] = {}
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        sentence_number = int(cells[0].split("-")[0])
        while len(sentences) < sentence_number:
            sentences.append([])
        sentences[sentence_number - 1].append(cells[2])
        position = (sentence_number - 1, len(sentences[sentence_number - 1]) - 1)
        entities = _stacked(cells[3])
        identities = dict((ref, title) for title, ref in _stacked(cells[6]))
        for kind, ref in entities:
            if ref not in identities:
                continue
            key = ref if ref is not None else f"{cells[0]}:{kind}"
            mention = by_key.setdefault(key, GoldMention(kind, identities[ref], [], []))
            mention.tokens.append(position)
            mention.words.append(cells[2])
    return GumDocument(file.stem, sentences, list(by_key.values()))


def read_gum(path: Path) -> list[GumDocument]:
    """A TSV file, or every `*.tsv` under a folder (the GUM corpus root works)."""
    files = sorted(path.rglob("*.tsv")) if path.is_dir() else [path]
    return [read_gum_tsv(f) for f in files]


def _resolved_kind(mention: Mention, registry: Registry) -> str | None:
    entry = registry.lookup(mention.text)
    if entry is not None:
        return entry.kind
    if mention.label == "PERSON":
        return "person"
    if mention.label == "ORG":
        return "organization"
    return None


def _is_right(gold_kind: str, mention: Mention, kind: str | None) -> bool:
    if gold_kind == "person":
        return kind == "person"
    if gold_kind == "place":
        return kind == "country" or mention.label in PLACE_LABELS
    return kind in ORG_KINDS


def evaluate(data: Path, *, model: str | None = None) -> dict[str, Any]:
    documents = read_gum(Path(data))
    registry = Registry.load()
    nlp = load_nlp(model)
    gold_by_kind: Counter[str] = Counter()
    right_by_kind: Counter[str] = Counter()
    found = from_registry = named = named_right = 0
    items = []
    for document in documents:
        as_conll = ConllDocument([[(t, "O") for t in s] for s in document.sentences])
        text, offsets = document_text(as_conll)
        items.append((text, (document, offsets)))
    for doc, (document, offsets) in parse_stream(items, nlp=nlp):
        mentions = find_mentions(doc, registry)
        for gold in document.mentions:
            if gold.kind not in GUM_TYPES:
                continue
            gold_by_kind[gold.kind] += 1
            named += gold.is_named
            start = min(offsets[s][t][0] for s, t in gold.tokens)
            end = max(offsets[s][t][1] for s, t in gold.tokens)
            best = max(
                (m for m in mentions if m.start < end and start < m.end),
                key=lambda m: min(end, m.end) - max(start, m.start),
                default=None,
            )
            if best is None:
                continue
            found += 1
            kind = _resolved_kind(best, registry)
            from_registry += registry.lookup(best.text) is not None
            right = _is_right(gold.kind, best, kind)
            right_by_kind[gold.kind] += right
            named_right += right and gold.is_named
    n = sum(gold_by_kind.values())
    result: dict[str, Any] = {
        "n": n,
        "accuracy": round(sum(right_by_kind.values()) / n, 4) if n else 0.0,
        "found": round(found / n, 4) if n else 0.0,
        "registry_resolved": round(from_registry / n, 4) if n else 0.0,
        "named_n": named,
        "named_accuracy": round(named_right / named, 4) if named else 0.0,
        "n_documents": len(documents),
    }
    for kind in GUM_TYPES:
        total = gold_by_kind[kind]
        result[f"{kind}_n"] = total
        result[f"{kind}_accuracy"] = round(right_by_kind[kind] / total, 4) if total else 0.0
    info = model_info(nlp)
    result["model"] = f"{info['name']} {info['version']}"
    logger.info("actors eval: %s", result)
    return result
