"""From clean text to a ParsedDocument: parse, find mentions, resolve them to actors.

`resolve_mentions` is the within-document resolution every extractor relies on: registry actors
(countries, demonyms, capitals as governments, IGOs, armed groups, bodies) by alias, and people
by name, with surname-only and first-name-dropped mentions ("Sajjan", "Ash Carter") resolved to
the fullest name the same document uses. People get a stable id from their name; merging the
same person across documents and learning roles happen later, in `wirewatch.actors`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from wirewatch.actors.registry import ActorEntry, Registry
from wirewatch.nlp.mentions import Mention, find_mentions
from wirewatch.nlp.pipeline import load_nlp, parse_stream
from wirewatch.types import ActorRef, ParsedDocument, ResolvedMention

# After these words a capital is a place ("met in Paris"), not its government ("Paris said").
_LOCATIVE = frozenset("in at near outside inside from to into across around via toward towards "
                      "through within between".split())
_HONORIFIC = re.compile(r"^(mr|mrs|ms|dr|sir|gen|lt|col|maj|capt|sgt|prof)\.?\s+", re.I)


def person_id(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "person:" + re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def actor_ref(entry: ActorEntry) -> ActorRef:
    return ActorRef(entry.id, entry.name, entry.kind, entry.country, entry.sector)


def _name_parts(name: str) -> list[str]:
    return _HONORIFIC.sub("", name).replace("’s", "").replace("'s", "").split()


def _full_names(mentions: list[Mention]) -> list[str]:
    """Multi-word person names in order of first appearance, longest form first."""
    names: list[str] = []
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        name = " ".join(_name_parts(mention.text))
        if len(name.split()) >= 2 and name not in names:
            names.append(name)
    return sorted(names, key=lambda n: -len(n.split()))


def _person_for(surface: str, full_names: list[str]) -> str:
    """The document's full name a person mention refers to, else the mention itself."""
    parts = _name_parts(surface)
    if not parts:
        return surface
    last = parts[-1]
    matches = [n for n in full_names if n.split()[-1] == last
               and (len(parts) == 1 or n.split()[0][0] == parts[0][0])]
    # Two different people with the same surname in one document: keep the mention as written.
    if len({m for m in matches}) == 1:
        return matches[0]
    return " ".join(parts)


def _is_place_use(doc: Doc | None, mention: Mention) -> bool:
    if doc is None:
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    return doc[span.start - 1].lower_ in _LOCATIVE


def resolve_mentions(
    mentions: Iterable[Mention], registry: Registry | None = None, doc: Doc | None = None
) -> list[ResolvedMention]:
    registry = registry or Registry.load()
    seats = registry.seats()
    mentions = list(mentions)
    full_names = _full_names(mentions)
    resolved = []
    for mention in mentions:
        actor = None
        if mention.label == "PERSON":
            entry = registry.lookup(mention.text)
            if entry is not None and entry.kind == "person":
                actor = actor_ref(entry)
            else:
                name = _person_for(mention.text, full_names)
                actor = ActorRef(person_id(name), name, "person")
        else:
            entry = registry.lookup(mention.text)
            if entry is not None and not (
                mention.text in seats and _is_place_use(doc, mention)
            ):
                actor = actor_ref(entry)
        resolved.append(ResolvedMention(mention.start, mention.end, mention.text,
                                        mention.label, mention.sentence, actor))
    return resolved


def build_parsed(
    doc: Doc,
    doc_id: str,
    *,
    published: str | None = None,
    outlet: str | None = None,
    dateline: str | None = None,
    registry: Registry | None = None,
) -> ParsedDocument:
    mentions = resolve_mentions(find_mentions(doc, registry), registry, doc)
    return ParsedDocument(doc_id, doc.text, published, doc, mentions, outlet, dateline)


def parse_document(
    text: str,
    *,
    doc_id: str = "doc",
    published: str | None = None,
    outlet: str | None = None,
    dateline: str | None = None,
) -> ParsedDocument:
    """Parse one clean text (tests, evaluations, the API's ad-hoc analysis)."""
    doc = load_nlp()(text)
    return build_parsed(doc, doc_id, published=published, outlet=outlet, dateline=dateline)


def parse_documents(
    items: Iterable[tuple[str, dict]], *, batch_size: int = 32, n_process: int = 1
) -> Iterator[ParsedDocument]:
    """Stream (text, {"doc_id", "published", "outlet", "dateline"}) pairs into ParsedDocuments."""
    registry = Registry.load()
    for doc, info in parse_stream(items, batch_size=batch_size, n_process=n_process):
        yield build_parsed(doc, info["doc_id"], published=info.get("published"),
                           outlet=info.get("outlet"), dateline=info.get("dateline"),
                           registry=registry)
