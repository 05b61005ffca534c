"""Read PolNeAR (brat standoff) attribution relations: one annotator per article.

Shared by `wirewatch eval quotes` (scoring) and `scripts/train_quotes.py` (training labels), so
both read the corpus the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

Fragments = tuple[tuple[int, int], ...]

# A brat record starts a line with T/E/A/#, a number and a tab. A span crossing a paragraph break
# keeps its newlines in the covered-text field, so records are split only before such a start.
_RECORD_START = re.compile(r"\n(?=[TEA#]\d+\t)")
_ROLE_LABELS = ("Source", "Cue", "Content", "Content2")


@dataclass(frozen=True)
class GoldAttribution:
    """One `E` relation: each role as its text fragments (normalised, see `normalise`)."""

    source: Fragments | None
    cue: Fragments | None
    content: Fragments | None


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def normalise(text: str, fragments: list[tuple[int, int]]) -> Fragments | None:
    """Fragments in text order, whitespace trimmed, touching fragments joined.

    Annotators list fragments in any order and sometimes include edge blanks; two fragments
    separated only by whitespace are the same span to a reader, so they are merged.
    """
    trimmed: list[tuple[int, int]] = []
    for start, end in sorted(fragments):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in trimmed:
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged) or None


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """The attribution relations of one .ann file; Content2 is folded into the content."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for record in _RECORD_START.split(ann.strip("\n")):
        fields = record.split("\t")
        if record.startswith("T") and len(fields) >= 2:
            offsets = fields[1].split(" ", 1)[1]
            spans[fields[0]] = [
                (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
            ]
        elif record.startswith("E") and len(fields) >= 2:
            roles = dict(arg.split(":", 1) for arg in fields[1].split())
            events.append(roles)
    gold = []
    for roles in events:
        found = {label: spans.get(roles.get(label, ""), []) for label in _ROLE_LABELS}
        gold.append(
            GoldAttribution(
                source=normalise(text, found["Source"]),
                cue=normalise(text, found["Cue"]),
                content=normalise(text, found["Content"] + found["Content2"]),
            )
        )
    return gold


def is_split_folder(path: Path) -> bool:
    return (path / "text").is_dir() and (path / "attributions").is_dir()


def scored_splits(path: Path) -> list[Path]:
    """The split folders to score: PATH itself if it is one, else its splits except train/."""
    if is_split_folder(path):
        return [path]
    return sorted(p for p in path.iterdir() if p.name != "train" and is_split_folder(p))


def read_split(split: Path) -> list[Article]:
    """Every annotated article of a split, with the annotations of its first-sorting .ann file.

    Upstream picks a random annotator for multi-annotated articles; the lowest id keeps
    scores reproducible.
    """
    chosen: dict[str, Path] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    articles = []
    for name, ann in sorted(chosen.items()):
        text = (split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        gold = parse_ann(ann.read_text(encoding="utf-8"), text)
        articles.append(Article(name=name, text=text, attributions=tuple(gold)))
    return articles
