"""Types shared between stages. Stages depend on this module, never on each other backwards."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DatePrecision = Literal["day", "month", "year"]
ItemKind = Literal["text", "html"]


@dataclass(frozen=True)
class RawItem:
    """One article as read from its source, before cleaning.

    `key` names the item within its source uniquely and stably (a path, or a path plus a
    WARC record offset or a JSONL line number); `data` is the undecoded payload.
    """

    key: str
    path: str
    kind: ItemKind
    data: bytes
    url: str | None = None
    title: str | None = None
    published: str | None = None
    declared_charset: str | None = None


@dataclass(frozen=True)
class ReadFailure:
    """An input that could not be turned into a RawItem, and why."""

    key: str
    path: str
    reason: str


@dataclass
class Metadata:
    """What we know about an article besides its body. Unknown stays None, never guessed."""

    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_precision: DatePrecision | None = None
    published_source: str | None = None
    dateline: str | None = None
    wire: str | None = None
    language: str | None = None


@dataclass
class CleanDocument:
    """An article after cleaning: its clean body (all evidence offsets index into `text`)."""

    id: str
    key: str
    path: str
    url: str | None
    text: str
    meta: Metadata
    raw_sha256: str
    content_hash: str
    encoding: str | None = None
    removed_lines: list[tuple[int, str, str]] = field(default_factory=list)
    duplicate_of: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: character offsets into a document's clean text."""

    doc_id: str
    start: int
    end: int
    text: str
