"""`wirewatch eval events`: PLOVER event-type classification on PLV `.tsv` or PETR-2 validation.

PLV (Hu et al., ACL 2024) labels 15 roots, with CAMEO's YIELD for PLOVER's CONCEDE ∪ RETREAT, so
predictions are mapped to PLV roots before scoring. The PETR-2 validation file is CAMEO-coded;
its codes are mapped to PLOVER with the CAMEO2PLOVER table, roots 01/02 count as "no event", and
only sentences with exactly one gold PLOVER category are scored.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sklearn.metrics import accuracy_score, f1_score

from wirewatch.extract.event_types import cameo_to_plover, to_plv_root

log = logging.getLogger(__name__)

_TAGS = re.compile(r"</?[st]>")


@dataclass(frozen=True)
class PlvRow:
    """One PLV sentence with actor char spans recovered from its markup, and its gold root."""

    sentence: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    gold_root: str


@dataclass(frozen=True)
class Petr2Sentence:
    """One PETR-2 validation record: its text and the PLOVER categories of its gold events."""

    id: str
    text: str
    gold: tuple[str, ...]


def strip_marks(marked: str) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """Remove <s>/<t> tags; return the sentence and the first source and target char spans.

    Tags may repeat (every occurrence was tagged upstream) or nest; the first pair of each wins.
    """
    plain: list[str] = []
    opened: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    length, pos = 0, 0
    for match in _TAGS.finditer(marked):
        chunk = marked[pos : match.start()]
        plain.append(chunk)
        length += len(chunk)
        pos = match.end()
        tag = match.group()
        name = tag.strip("</>")
        if not tag.startswith("</"):
            opened.setdefault(name, length)
        elif name in opened and name not in spans:
            spans[name] = (opened[name], length)
    plain.append(marked[pos:])
    return "".join(plain), spans.get("s"), spans.get("t")


def _tsv_files(data: Path) -> list[Path]:
    return sorted(data.glob("*.tsv")) if data.is_dir() else [data]


def read_plv(data: Path) -> list[PlvRow]:
    """Every row of every PLV `.tsv` at `data` (a file or a folder), columns selected by name."""
    rows = []
    for path in _tsv_files(data):
        with path.open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle, delimiter="\t"):
                sentence, source, target = strip_marks(record["marked_sentence"])
                rows.append(PlvRow(sentence, source, target, record["gold_root"].strip()))
    return rows


_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)/>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def read_petr2(data: Path) -> list[Petr2Sentence]:
    """Parse PETRARCH's line-oriented validation "XML" (not well-formed; read by regex)."""
    path = next(iter(sorted(data.glob("*.xml")))) if data.is_dir() else data
    out = []
    for match in _SENTENCE.finditer(path.read_text(encoding="utf-8")):
        attrs = dict(_ATTR.findall(match.group(1)))
        body = match.group(2)
        text_match = _TEXT.search(body)
        if text_match is None:
            continue
        text = " ".join(text_match.group(1).split())
        gold = []
        for coding in _CODING.finditer(body):
            code = dict(_ATTR.findall(coding.group(1))).get("eventcode")
            mapping = cameo_to_plover(code) if code else None
            if mapping is not None:
                gold.append(mapping.category)
        out.append(Petr2Sentence(attrs.get("id", ""), text, tuple(dict.fromkeys(gold))))
    return out


def _scores(gold: list[str], pred: list[str]) -> dict[str, Any]:
    labels = sorted(set(gold))
    per_class = f1_score(gold, pred, labels=labels, average=None, zero_division=0)
    return {
        "n": len(gold),
        "accuracy": round(float(accuracy_score(gold, pred)), 4),
        "macro_f1": round(float(f1_score(gold, pred, labels=labels, average="macro",
                                          zero_division=0)), 4),
        "per_class_f1": {lab: round(float(f), 4) for lab, f in zip(labels, per_class, strict=True)},
    }


def _is_petr2(data: Path) -> bool:
    if data.is_dir():
        return any(data.glob("*.xml")) and not any(data.glob("*.tsv"))
    return data.suffix.lower() == ".xml"


def evaluate(data: Path, **options: Any) -> dict[str, Any]:
    """Score the shipped classifier on PLV `.tsv` file(s) or on the PETR-2 validation set.

    Options: `model` (path of another trained artefact), `embeddings` (use the optional MiniLM
    variant when torch is installed).
    """
    from wirewatch.extract.event_classifier import EventClassifier

    classifier = EventClassifier.load(options.get("model"), options.get("embeddings", False))
    model = {k: classifier.meta.get(k) for k in ("name", "train_sha256", "sklearn")}
    if _is_petr2(data):
        return {**_evaluate_petr2(classifier, data), "model": model}
    rows = read_plv(data)
    preds = classifier.predict_many([(r.sentence, r.source, r.target) for r in rows])
    result = _scores([r.gold_root for r in rows], [to_plv_root(p.type) for p in preds])
    if classifier.meta.get("train_sha256") in _file_hashes(data):
        result["note"] = "data includes the model's training file: this is a training-set score"
    return {**result, "model": model}


def _file_hashes(data: Path) -> set[str]:
    from wirewatch.extract.event_classifier import file_sha256

    return {file_sha256(p) for p in _tsv_files(data)}


def _evaluate_petr2(classifier: Any, data: Path) -> dict[str, Any]:
    records = [r for r in read_petr2(data) if len(r.gold) == 1 and r.text]
    preds = classifier.predict_many([(r.text, None, None) for r in records])
    result = _scores([r.gold[0] for r in records], [p.type for p in preds])
    from wirewatch.eval.events_petr import evaluate_petr_end_to_end

    files = sorted(data.glob("*.xml")) if data.is_dir() else [data]
    end_to_end = [evaluate_petr_end_to_end(path) for path in files]
    total = sum(e["n"] for e in end_to_end) or 1
    return {
        **result,
        "source_acc": round(sum(e["source_acc"] * e["n"] for e in end_to_end) / total, 4),
        "target_acc": round(sum(e["target_acc"] * e["n"] for e in end_to_end) / total, 4),
        "end_to_end_accuracy": round(sum(e["accuracy"] * e["n"] for e in end_to_end) / total, 4),
        "end_to_end_n": total,
        "note": "accuracy/macro_f1: the classifier on sentences with one gold PLOVER category; "
        "source_acc/target_acc/end_to_end_accuracy: the full extraction pipeline (parse, "
        "actors, events) against the gold CAMEO actor codes",
    }

