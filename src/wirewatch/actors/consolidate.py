"""One actor per person across documents, with their roles over time.

Each document resolves its own people (`wirewatch.nlp.document`) and reads their roles
(`wirewatch.actors.roles`). Here the same person seen in many documents becomes one
PersonActor. Full names merge when the surname agrees and the first names are the same, a
common short form of each other ("Ash" / "Ashton") or an initial that fits only one person.
A document that gives only a surname ("Carter") joins a person only when its role there
(title, organisation, country) fits exactly one candidate; otherwise it stays its own actor, so
two Smiths are never merged blindly. Everything an actor says is re-derived from its sightings,
which is what lets human judgements (`wirewatch.actors.judgements`) move sightings around.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wirewatch.actors.people import PersonName, fold, given_agrees, given_forms, parse_name
from wirewatch.actors.roles import RoleObservation
from wirewatch.nlp.document import person_id
from wirewatch.types import ParsedDocument

if TYPE_CHECKING:
    from wirewatch.actors.judgements import Judgement

_SPELLINGS = {"defence": "defense", "programme": "program", "labour": "labor"}
_FILLER = frozenset({"of", "the", "for"})


@dataclass(frozen=True)
class PersonMention:
    """A person mention as the document resolved it: the name and the document's actor id."""

    name: str
    actor_id: str
    start: int = 0
    end: int = 0


@dataclass
class DocumentPeople:
    """The people of one document: what consolidation reads."""

    doc_id: str
    published: str | None  # YYYY-MM-DD | YYYY-MM | YYYY | None
    mentions: list[PersonMention]
    roles: list[RoleObservation] = field(default_factory=list)


@dataclass(frozen=True)
class Sighting:
    """One person as one document knows them: the unit consolidation and judgements move."""

    doc_id: str
    local_id: str
    name: str
    published: str | None
    mention_count: int
    roles: tuple[RoleObservation, ...]


@dataclass
class Role:
    """A title held over time: first and last publication dates of the documents that say so."""

    title: str
    organization: str | None
    country: str | None
    first_seen: str | None
    last_seen: str | None
    doc_ids: list[str]
    sector: str | None = None
    sectors: tuple[str, ...] = ()


@dataclass
class PersonActor:
    id: str
    name: str
    aliases: list[str]
    country: str | None
    sector: str | None
    roles: list[Role]
    mention_count: int
    doc_ids: list[str]


@dataclass
class ActorBook:
    """Consolidated people, and where each document's person went.

    `mapping[(doc_id, local_id)]` is the consolidated id of a document's person (None once a
    judgement rejected it); `unapplied` lists judgements that no longer apply, with why.
    """

    actors: dict[str, PersonActor]
    mapping: dict[tuple[str, str], str | None]
    sightings: dict[tuple[str, str], Sighting]
    extra_aliases: dict[str, list[str]] = field(default_factory=dict)
    merged_into: dict[str, str] = field(default_factory=dict)
    split_off: dict[tuple[str, str], str] = field(default_factory=dict)
    rejected: set[str] = field(default_factory=set)
    unapplied: list[tuple[Judgement, str]] = field(default_factory=list)

    def actor_for(self, doc_id: str, local_id: str) -> PersonActor | None:
        actor_id = self.mapping.get((doc_id, local_id))
        return self.actors.get(actor_id) if actor_id else None

    def sightings_of(self, actor_id: str) -> list[Sighting]:
        return [self.sightings[key] for key, held in self.mapping.items() if held == actor_id]


def document_people(
    parsed: ParsedDocument, roles: Iterable[RoleObservation] = ()
) -> DocumentPeople:
    """The person mentions of a parsed document with the roles read from it."""
    mentions = [
        PersonMention(m.actor.name, m.actor.actor_id, m.start, m.end)
        for m in parsed.mentions
        if m.actor is not None and m.actor.kind == "person"
    ]
    return DocumentPeople(parsed.doc_id, parsed.published, mentions, list(roles))


def consolidate(documents: Iterable[DocumentPeople]) -> ActorBook:
    """Merge the people of many documents into one PersonActor per person."""
    sightings = [s for document in documents for s in _sightings(document)]
    full = [s for s in sightings if parse_name(s.name).has_given]
    partial = [s for s in sightings if not parse_name(s.name).has_given]
    clusters = _cluster_full_names(full)
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, cluster in enumerate(clusters):
        by_key[parse_name(cluster[0].name).key].append(index)
    unresolved: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in partial:
        key = parse_name(sighting.name).key
        fitting = [i for i in by_key.get(key, []) if _context_fits(sighting, clusters[i])]
        if len(fitting) == 1:
            clusters[fitting[0]].append(sighting)
        else:
            unresolved[key].append(sighting)
    clusters.extend(unresolved.values())
    book = ActorBook({}, {}, {(s.doc_id, s.local_id): s for s in sightings})
    for cluster in clusters:
        actor = build_actor(_actor_id(cluster), cluster)
        book.actors[actor.id] = actor
        for sighting in cluster:
            book.mapping[(sighting.doc_id, sighting.local_id)] = actor.id
    return book


def _sightings(document: DocumentPeople) -> list[Sighting]:
    counts = Counter(m.actor_id for m in document.mentions)
    names = {m.actor_id: m.name for m in document.mentions}
    for role in document.roles:
        if role.person_id and role.person_id not in names:
            names[role.person_id] = role.person_name
    return [
        Sighting(
            document.doc_id, local_id, name, document.published, counts.get(local_id, 0),
            tuple(r for r in document.roles if (r.person_id or person_id(r.person_name))
                  == local_id),
        )
        for local_id, name in names.items()
    ]


def _cluster_full_names(sightings: list[Sighting]) -> list[list[Sighting]]:
    """Group full names: same surname key and nickname-equivalent first names; an initial
    ("J. Smith") joins only when exactly one group fits it."""
    groups: list[tuple[PersonName, list[Sighting]]] = []
    by_key: dict[str, list[int]] = defaultdict(list)
    initials = []
    for sighting in sorted(sightings, key=lambda s: (-len(s.name), s.name)):
        name = parse_name(sighting.name)
        if len(name.given[0].rstrip(".")) == 1:
            initials.append((name, sighting))
            continue
        forms = given_forms(name.given[0])
        home = next((i for i in by_key[name.key] if forms & given_forms(groups[i][0].given[0])),
                    None)
        if home is None:
            by_key[name.key].append(len(groups))
            groups.append((name, [sighting]))
        else:
            groups[home][1].append(sighting)
    for name, sighting in initials:
        fitting = [groups[i][1] for i in by_key[name.key]
                   if given_agrees(groups[i][0].given[0], name.given[0])]
        if len(fitting) == 1:
            fitting[0].append(sighting)
        else:
            groups.append((name, [sighting]))
    return [members for _, members in groups]


def title_key(title: str) -> frozenset[str]:
    """Titles compared without spelling, order or filler: "Secretary of Defence" =
    "Defense Secretary"."""
    words = fold(title).replace("-", " ").split()
    return frozenset(_SPELLINGS.get(w, w) for w in words if w not in _FILLER)


def _roles_agree(a: RoleObservation | Role, b: RoleObservation | Role) -> bool:
    ka, kb = title_key(a.title), title_key(b.title)
    if not (ka <= kb or kb <= ka):
        return False
    for x, y in ((a.organization, b.organization), (a.country, b.country)):
        if x and y and fold(x) != fold(y):
            return False
    return True


def _context_fits(sighting: Sighting, cluster: list[Sighting]) -> bool:
    """A surname-only sighting fits a person when one of its roles is one of theirs."""
    theirs = [r for s in cluster for r in s.roles]
    return any(_roles_agree(mine, other) for mine in sighting.roles for other in theirs)


def _actor_id(cluster: list[Sighting]) -> str:
    return person_id(_preferred_name(cluster))


def _preferred_name(cluster: list[Sighting]) -> str:
    """The name most mentions use, longer names first on ties (stable across runs)."""
    weight: Counter[str] = Counter()
    for sighting in cluster:
        weight[sighting.name] += max(sighting.mention_count, 1)
    return min(weight, key=lambda n: (-weight[n], -len(n), n))


def build_actor(
    actor_id: str, sightings: list[Sighting], extra_aliases: Iterable[str] = ()
) -> PersonActor:
    """Everything a PersonActor says, derived from its sightings (and judged aliases)."""
    name = _preferred_name(sightings) if sightings else actor_id
    aliases = sorted({s.name for s in sightings} - {name})
    aliases += [a for a in extra_aliases if a not in aliases and a != name]
    roles = _roles(sightings)
    ranked = sorted(roles, key=lambda r: (r.last_seen or "", len(r.doc_ids)), reverse=True)
    country = next((r.country for r in ranked if r.country), None)
    sector = next((r.sector for r in ranked if r.sector), None)
    return PersonActor(
        actor_id, name, aliases, country, sector, roles,
        sum(s.mention_count for s in sightings),
        sorted({s.doc_id for s in sightings}),
    )


def _roles(sightings: list[Sighting]) -> list[Role]:
    """Observations grouped into roles; a bare "Minister" joins the person's fuller title."""
    published = {s.doc_id: s.published for s in sightings}
    observations = sorted((r for s in sightings for r in s.roles),
                          key=lambda r: -len(title_key(r.title)))
    groups: list[list[RoleObservation]] = []
    for observation in observations:
        home = next((g for g in groups if all(_roles_agree(observation, o) for o in g)), None)
        if home is None:
            groups.append([observation])
        else:
            home.append(observation)
    return [_role(group, published) for group in groups]


def _role(group: list[RoleObservation], published: dict[str, str | None]) -> Role:
    def most_common(values: Iterable[str | None]) -> str | None:
        counted = Counter(v for v in values if v)
        return counted.most_common(1)[0][0] if counted else None

    fullest = max(len(title_key(o.title)) for o in group)
    title = most_common(o.title for o in group if len(title_key(o.title)) == fullest)
    doc_ids = sorted({o.doc_id for o in group})
    dates = sorted(d for d in (published.get(i) for i in doc_ids) if d)
    sectors = max((o.sectors for o in group), key=len)
    return Role(
        title or group[0].title, most_common(o.organization for o in group),
        most_common(o.country for o in group), dates[0] if dates else None,
        dates[-1] if dates else None, doc_ids, most_common(o.sector for o in group), sectors,
    )
