"""Types shared between stages. Stages depend on this module, never on each other backwards."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

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


# --- after the NLP stage: what every extractor receives and returns -------------------------


@dataclass(frozen=True)
class ActorRef:
    """An actor as a fact names it: the resolved id plus what a reader needs without a lookup."""

    actor_id: str
    name: str
    kind: str  # country | igo | armed_group | organization | government_body | person | group
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class ResolvedMention:
    """A named mention (char offsets into the clean text) and the actor it refers to, if known."""

    start: int
    end: int
    text: str
    label: str  # PERSON | ORG | GPE | LOC | NORP | FAC
    sentence: int
    actor: ActorRef | None = None


@dataclass
class ParsedDocument:
    """One clean document after the NLP and actor stages; `doc.text` equals the clean text."""

    doc_id: str
    text: str
    published: str | None  # YYYY-MM-DD | YYYY-MM | YYYY | None
    doc: Any  # spacy.tokens.Doc
    mentions: list[ResolvedMention]
    outlet: str | None = None
    dateline: str | None = None


@dataclass(frozen=True)
class PlaceRef:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Participant:
    """A source or target of an event: the actor and where the sentence names it."""

    actor: ActorRef
    start: int
    end: int


@dataclass
class EventMention:
    """One event as one sentence reports it (PLOVER type, actors, date, place, evidence)."""

    doc_id: str
    type: str
    evidence: Evidence
    trigger: tuple[int, int]
    source: list[Participant] = field(default_factory=list)
    target: list[Participant] = field(default_factory=list)
    mode: str | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted | reported | intended | hypothetical
    date: str | None = None
    date_precision: str | None = None
    place: PlaceRef | None = None
    confidence: float = 0.0


@dataclass
class QuoteMention:
    """Who said what: the speaker (resolved when possible), cue and content spans."""

    doc_id: str
    text: str  # the content as written
    kind: str  # direct | indirect
    content: tuple[int, int]
    evidence: Evidence  # the sentence(s) holding the attribution
    speaker: ActorRef | None = None
    speaker_span: tuple[int, int] | None = None
    speaker_role: str | None = None
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    # The source as written ("CNN", "associates of Navalny") when no actor is found for it.
    speaker_text: str | None = None


@dataclass
class FigureMention:
    """How many: a number with what it counts, whose, where and as of when."""

    doc_id: str
    measure: str  # troops, fighters, trainers, aircraft, killed, injured, detainees, money …
    value: float | None
    low: float | None
    high: float | None
    qualifier: str  # exact | approximately | lower_bound | upper_bound | range
    evidence: Evidence
    span: tuple[int, int]
    unit: str | None = None
    subject: ActorRef | None = None
    as_of: str | None = None
    as_of_precision: str | None = None
    place: PlaceRef | None = None
