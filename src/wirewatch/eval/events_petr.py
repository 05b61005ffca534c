"""End-to-end event scoring on the PETR-2 validation set: type, source and target per sentence.

Each validation sentence goes through the whole pipeline (parse, actor resolution, event
extraction), dated by its record's date. As in `wirewatch.eval.events`, gold CAMEO codes map to
PLOVER through the CAMEO2PLOVER table, and only sentences with exactly one gold PLOVER category
are scored. Our answer for a sentence is its most confident extracted event (an event with a
source preferred); a sentence with none counts as wrong on all three scores.

Actors compare as CAMEO codes: the country part (first three letters, "---" for none, "IGO"
for international organisations) must match, and the sector ("GOV" in "USAGOV") too when the
gold code has one. `source_acc` / `target_acc` are over the scored sentences whose gold event
names a source / target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirewatch.extract.event_classifier import EventClassifier
from wirewatch.extract.event_types import cameo_to_plover
from wirewatch.extract.events import extract_events
from wirewatch.nlp.document import parse_document
from wirewatch.types import ActorRef, EventMention, Participant

_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)/>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


@dataclass(frozen=True)
class GoldEvent:
    """One PETR-2 sentence with a single gold PLOVER category and its CAMEO actor codes."""

    id: str
    text: str
    published: str | None
    type: str
    source: str | None
    target: str | None


def read_gold(path: Path) -> list[GoldEvent]:
    """Sentences with exactly one gold PLOVER category (PETRARCH's XML is read by regex)."""
    if path.is_dir():
        path = next(iter(sorted(path.glob("*.xml"))))
    out = []
    for match in _SENTENCE.finditer(path.read_text(encoding="utf-8")):
        attrs = dict(_ATTR.findall(match.group(1)))
        text_match = _TEXT.search(match.group(2))
        if text_match is None:
            continue
        codings = []
        for coding in _CODING.finditer(match.group(2)):
            fields = dict(_ATTR.findall(coding.group(1)))
            mapping = cameo_to_plover(fields.get("eventcode", "")) if fields.get("eventcode") \
                else None
            if mapping is not None:
                codings.append((mapping.category, fields))
        if len({category for category, _ in codings}) != 1:
            continue
        category, fields = codings[0]
        out.append(GoldEvent(attrs.get("id", ""), " ".join(text_match.group(1).split()),
                             _iso(attrs.get("date")), category,
                             fields.get("sourcecode") or None, fields.get("targetcode") or None))
    return out


def _iso(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def cameo_country(actor: ActorRef) -> str:
    if actor.kind == "igo":
        return "IGO"
    return actor.country or "---"


def actor_matches(gold: str, parts: list[Participant]) -> bool:
    """Whether any participant matches a gold CAMEO code on country and, if given, sector."""
    country, sector = gold[:3], gold[3:6]
    for part in parts:
        if cameo_country(part.actor) != country:
            continue
        if not sector or country == "IGO" or (part.actor.sector or "") == sector:
            return True
    return False


def _best(events: list[EventMention]) -> EventMention | None:
    """The sentence's event as a CAMEO coder codes it: dyadic first (a source and a target),
    then the main clause's over one it reports ("The US claimed that ISIL had attacked Iraq"
    is the claim), then the most confident."""
    if not events:
        return None
    return max(events, key=lambda e: (bool(e.source), bool(e.target), e.modality != "reported",
                                      e.confidence))


def evaluate_petr_end_to_end(path: Path | str) -> dict[str, Any]:
    """Type accuracy and source/target accuracy of the full pipeline on PETR-2 validation."""
    gold = read_gold(Path(path))
    classifier = EventClassifier.load()
    correct = with_source = source_ok = with_target = target_ok = 0
    for item in gold:
        parsed = parse_document(item.text, doc_id=item.id, published=item.published)
        event = _best(extract_events(parsed, classifier=classifier))
        correct += event is not None and event.type == item.type
        if item.source:
            with_source += 1
            source_ok += event is not None and actor_matches(item.source, event.source)
        if item.target:
            with_target += 1
            target_ok += event is not None and actor_matches(item.target, event.target)
    return {
        "task": "events_petr_end_to_end",
        "n": len(gold),
        "accuracy": round(correct / len(gold), 4) if gold else None,
        "source_acc": round(source_ok / with_source, 4) if with_source else None,
        "target_acc": round(target_ok / with_target, 4) if with_target else None,
    }
