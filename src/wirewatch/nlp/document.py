"""From clean text to a ParsedDocument: parse, find mentions, resolve them to actors.

`resolve_mentions` is the within-document resolution every extractor relies on: registry actors
(countries, demonyms, capitals as governments, IGOs, armed groups, bodies) by alias, and people
by name. A person mention loses the titles spaCy sometimes keeps in it ("President Obama"),
gains a given name spaCy left out ("Ash" in "Secretary of Defence Ash Carter"), and a shorter
form ("Sajjan", "de Kerckhove", "Assad") resolves to the one full name the document gives with
the same surname; with two such names and no agreeing first name it stays as written. People
get a stable id from their name; merging the same person across documents and learning roles
happen later, in `wirewatch.actors`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from wirewatch.actors.office_holders import find_office_holder
from wirewatch.actors.people import TITLE_WORDS, PersonName, fold, given_agrees, parse_name
from wirewatch.actors.registry import ActorEntry, Registry
from wirewatch.nlp.mentions import Mention, find_mentions
from wirewatch.nlp.pipeline import load_nlp, parse_stream
from wirewatch.types import ActorRef, ParsedDocument, ResolvedMention

# After these words a capital is a place ("met in Paris"), not its government ("Paris said").
_LOCATIVE = frozenset("in at near outside inside from to into across around via toward towards "
                      "through within between".split())
# A dateline: a place name opening a line, maybe a region after a comma, then a dash or "(AP)".
_DATELINE_TAIL = re.compile(r"[ \t]*(?:,[^\n,—–-]{1,40})?[ \t]*(?:[—–-]|\()")
# Labels the entity recogniser gives a lone surname by mistake.
_PERSON_LOOKALIKES = frozenset({"LOC", "GPE", "ORG", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"})


def person_id(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "person:" + re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def actor_ref(entry: ActorEntry) -> ActorRef:
    return ActorRef(entry.id, entry.name, entry.kind, entry.country, entry.sector)


def _name_span(doc: Doc | None, mention: Mention, registry: Registry) -> tuple[int, int, str]:
    """The name inside a PERSON mention: titles dropped, a left-out given name added back."""
    start, end, text = mention.start, mention.end, mention.text
    words = text.split()
    position = 0
    while len(words) > 1 and fold(words[0]).rstrip(".") in TITLE_WORDS:
        # Step past the dropped title first: the name may also occur inside it ("Minister Min").
        position = text.index(words[0], position) + len(words[0])
        position = text.index(words[1], position)
        start = mention.start + position
        words = words[1:]
    text = " ".join(words)
    if doc is None:
        return start, end, text
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == 0 or len(span) > 1:
        return start, end, text
    before = doc[span.start - 1]
    if (before.pos_ == "PROPN" and before.is_title and before.dep_ == "compound"
            and before.head.i in range(span.start, span.end) and not before.ent_type_
            and fold(before.text).rstrip(".") not in TITLE_WORDS
            and registry.lookup(before.text) is None):
        return before.idx, end, doc.text[before.idx : end]
    return start, end, text


def _canonical_names(names: list[PersonName]) -> list[PersonName]:
    """The document's full names, one per person, the longest form first (first seen on ties)."""
    full = sorted((n for n in names if n.has_given), key=lambda n: -len(n.full.split()))
    kept: list[PersonName] = []
    for name in full:
        if not any(k.key == name.key and given_agrees(k.given[0], name.given[0]) for k in kept):
            kept.append(name)
    return kept


def _person_for(name: PersonName, sentence: int, canonical: list[PersonName],
                recent: dict[str, tuple[PersonName | None, int]],
                seen: Counter[str]) -> str:
    """The document's full name a person mention refers to, else the mention as written.

    With two people of one surname, a bare surname is the one the text has named more often so
    far, and on a tie the one named in full last: in the London Bridge story, "Mayor of London
    Sadiq Khan (no relation)" does not take over the attacker's "Khan". `recent` holds, per
    surname, the person last named in full and in which sentence; `seen` counts each person's
    mentions so far. Before either is named in full, or right after a sentence naming both
    ("John Smith met Jane Smith. Smith said no."), it stays as written. A lone name no full
    name ends with but one begins with is that person's first name."""
    same_surname = [n for n in canonical if n.key == name.key]
    if name.has_given:
        same_surname = [n for n in same_surname if given_agrees(n.given[0], name.given[0])]
    if len(same_surname) == 1:
        person = same_surname[0]
        if name.has_given:
            last, where = recent.get(name.key, (None, -1))
            both = where == sentence and (last is None or last != person)
            recent[name.key] = (None if both else person, sentence)
        seen[person.full] += 1
        return person.full
    if name.has_given:
        return name.full
    last = recent.get(name.key, (None, -1))[0]
    if last is not None:
        person = max(same_surname, key=lambda n: (seen[n.full], n == last))
        seen[person.full] += 1
        return person.full
    if not same_surname:  # "Brenton had a licence", after "Brenton Tarrant": the first name
        by_first_name = {n.full for n in canonical if fold(n.given[0]) == fold(name.surname)}
        if len(by_first_name) == 1:
            return by_first_name.pop()
    return name.full


def _person_actor(name: str, published: str | None) -> ActorRef:
    """A person as the article names them; a bare surname of a known office holder ("Obama")
    is that person's full name."""
    holder = find_office_holder(name)
    if holder is None:
        return ActorRef(person_id(name), name, "person")
    if " " not in name.strip():
        name = holder.name
    return ActorRef(person_id(name), name, "person", holder.country, holder.sector_on(published))


def _mislabelled_person(mention: Mention, canonical: list[PersonName]) -> str | None:
    """A person's surname the entity recogniser labelled a place or an organisation
    ("labeled Soleimani as a terrorist" after "Qasem Soleimani", or a known office holder's):
    that person's full name."""
    if mention.label not in _PERSON_LOOKALIKES or not mention.text[:1].isupper():
        return None
    name = parse_name(mention.text)
    if name.has_given or not name.key:
        return None
    same = [n for n in canonical if n.key == name.key]
    if len(same) == 1:
        return same[0].full
    holder = find_office_holder(mention.text) if not same else None
    return holder.name if holder is not None else None


def _is_place_use(doc: Doc | None, mention: Mention) -> bool:
    if doc is None:
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    return doc[span.start - 1].lower_ in _LOCATIVE


def is_dateline(text: str, start: int, end: int) -> bool:
    """ "OTTAWA — The Canadian government…": the city a story was filed from, a place."""
    if start > 0 and text[start - 1] != "\n":
        return False
    return _DATELINE_TAIL.match(text, end) is not None


def resolve_mentions(
    mentions: Iterable[Mention], registry: Registry | None = None, doc: Doc | None = None,
    published: str | None = None, text: str | None = None,
) -> list[ResolvedMention]:
    """Each mention with the actor it names; a person known as an office holder carries the
    country, and the sector of the office held on `published`. `text` is `doc.text`, when the
    caller has it already."""
    registry = registry or Registry.load()
    seats = registry.seats()
    mentions = list(mentions)
    people = {
        id(m): _name_span(doc, m, registry) for m in mentions if m.label == "PERSON"
    }
    names = {key: parse_name(span[2]) for key, span in people.items()}
    canonical = _canonical_names(list(names.values()))
    if text is None:
        text = doc.text if doc is not None else ""
    resolved: dict[int, ResolvedMention] = {}
    recent: dict[str, tuple[PersonName | None, int]] = {}
    seen: Counter[str] = Counter()
    for number in sorted(range(len(mentions)), key=lambda i: mentions[i].start):  # text order
        mention = mentions[number]
        start, end, surface, actor = mention.start, mention.end, mention.text, None
        if mention.label == "PERSON":
            start, end, surface = people[id(mention)]
            entry = registry.lookup(surface)
            if entry is not None and entry.kind == "person":
                actor = actor_ref(entry)
            else:
                name = _person_for(names[id(mention)], mention.sentence, canonical, recent,
                                   seen)
                actor = _person_actor(name, published)
        else:
            entry = registry.lookup(mention.text)
            is_seat = mention.text in seats or fold(mention.text).title() in seats
            place_use = _is_place_use(doc, mention) or is_dateline(text, mention.start,
                                                                   mention.end)
            if entry is not None and not (is_seat and place_use):
                actor = actor_ref(entry)
            elif entry is None and not place_use:
                person = _mislabelled_person(mention, canonical)
                if person is not None:
                    actor = _person_actor(person, published)
        label = "PERSON" if actor is not None and actor.kind == "person" else mention.label
        resolved[number] = ResolvedMention(start, end, surface, label, mention.sentence, actor)
    return [resolved[number] for number in range(len(mentions))]


def build_parsed(
    doc: Doc,
    doc_id: str,
    *,
    published: str | None = None,
    outlet: str | None = None,
    dateline: str | None = None,
    registry: Registry | None = None,
) -> ParsedDocument:
    text = doc.text  # spaCy joins it from every token on each access
    mentions = resolve_mentions(find_mentions(doc, registry), registry, doc, published, text)
    return ParsedDocument(doc_id, text, published, doc, mentions, outlet, dateline)


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
