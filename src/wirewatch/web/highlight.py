"""Cutting an article's sentence into highlighted pieces: every mention, figure, quote and event
span becomes classes on the text it covers, overlaps included. The pieces stay plain text; the
template escapes them, so untrusted article text never becomes markup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wirewatch.views.documents import Reader


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    css: str  # m (mention) | f (figure) | q (quote) | ev (event trigger)
    label: str


@dataclass
class Piece:
    text: str
    classes: str
    labels: str


def spans(view: Reader) -> list[Span]:
    found = [Span(m["start"], m["end"], "m", f"{m['label']}: {m['actor_name'] or m['text']}")
             for m in view.mentions]
    found += [Span(f["span_start"], f["span_end"], "f",
                   f"figure: {f['measure']} {f['value']}") for f in view.figures]
    found += [Span(q["content_start"], q["content_end"], "q",
                   f"quote by {q['speaker'] or 'unknown'}") for q in view.quotes]
    found += [Span(e["trigger_start"], e["trigger_end"], "ev", f"event: {e['type']}")
              for e in view.events if e["trigger_start"] is not None]
    return found


def pieces(text: str, start: int, end: int, found: list[Span]) -> list[Piece]:
    """The text between start and end cut at every span boundary inside it."""
    inside = [s for s in found if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(s.start, start) for s in inside),
                   *(min(s.end, end) for s in inside)})
    result = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in inside if s.start <= a and s.end >= b]
        result.append(Piece(text[a:b], " ".join(sorted({s.css for s in covering})),
                            "; ".join(s.label for s in covering)))
    return result


def sentences(view: Reader) -> list[dict[str, Any]]:
    """The reader's sentences, each with its pieces and the ids of the facts in it."""
    text = view.document["text"]
    found = spans(view)
    return [{**s, "pieces": pieces(text, s["start"], s["end"], found)} for s in view.sentences]
