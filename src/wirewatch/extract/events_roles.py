"""Who acts and who is acted on: sources and targets of a predicate from the dependency parse.

The rules are the ones an annotator applies: the subject is the source (for a passive, the
"by" agent is, and the passive subject becomes the target); direct and indirect objects and the
objects of "to / against / with / on / at" are targets. A noun phrase names an actor when a
resolved mention covers its head ("Defence Minister Harjit Sajjan" -> the person) or modifies it
("the Canadian government", "Russia's foreign minister", "officials from Russia");
coordination ("Germany and Australia") gives one participant per conjunct. A trigger noun ("a
call by Washington", "a request from the US") takes its actors from "by"/"from"/possessor.

Where the plain rules read wrong:
- whoever's forces are moved moves them ("pulling Canada out", "sending Turkish soldiers to
  Libya"): the object's actor is the source, the other end of the move the target;
- a destination ("return to Canada"), a topic ("discuss Afghanistan") and an address ("on
  Streatham High Road, London") are no actors acted on;
- a leader's regime is the government ("the Assad regime"), and a group the document calls by a
  common noun is that group ("coalition forces" in a story about ISIL);
- lists are every member: "ministers from the US, Britain, Germany …", countries parsed as
  appositions of a country, conjuncts hung from any word of a name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from wirewatch.actors.registry import ActorEntry, Registry, UnknownActor
from wirewatch.extract.events_modality import intent_noun
from wirewatch.nlp.document import actor_ref
from wirewatch.types import Participant, ResolvedMention

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "attr", "oprd"})
TARGET_PREPOSITIONS = frozenset({"to", "against", "with", "on", "at", "toward", "towards",
                                 "into", "upon"})
NOUN_SOURCE_PREPOSITIONS = frozenset({"by", "from"})
# Verbs of going somewhere: their "to" / "into" names a destination, not an actor acted on.
_MOTION_VERBS = frozenset("return go come travel flee move head fly arrive migrate relocate "
                          "emigrate escape sail drive walk".split())
_DESTINATION_PREPOSITIONS = frozenset({"to", "into", "toward", "towards"})
_TOPIC_VERBS = frozenset({"discuss", "debate"})
_WITHDRAWAL_VERBS = frozenset("withdraw remove pull evacuate retreat".split())
_DEPLOYING_VERBS = frozenset("send deploy dispatch station move".split())
# What armed forces are called, as lemmas ("sent troops": troop).
FORCE_NOUNS = frozenset("troop force soldier personnel trainer presence contingent warship "
                        "jet aircraft mission".split())
# Modifiers through which a noun phrase's head borrows an actor: "the Canadian government",
# "Canada's minister", "officials from Russia", "the U.S. call", "members ... including Germany".
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "appos"})
_MODIFIER_PREPOSITIONS = frozenset({"from", "of", "including"})
# Heads that stand for the people or institutions of the actor that modifies them.
_COLLECTIVE_HEADS = frozenset(
    "government officials official minister ministers leader leaders president forces troops "
    "military army soldiers police authorities parliament lawmakers diplomats diplomat "
    "delegation administration regime embassy prime secretary chancellor spokesman "
    "spokeswoman spokesperson ambassador counterparts counterpart jets aircraft warplanes "
    "planes fighters members allies officers commanders militia militias navy personnel "
    "cabinet state agency ministry department court side".split()
)
# The part of a country a collective head names ("Ukrainian lawmakers" is Ukraine's
# legislature, "Syrian rebels" its insurgents), as CAMEO-style sector codes.
_HEAD_SECTORS = {
    **dict.fromkeys("government minister ministers ministry cabinet administration president "
                    "official officials authorities diplomat diplomats delegation embassy "
                    "ambassador spokesman spokeswoman spokesperson regime leader leaders "
                    "premier chancellor secretary".split(), "GOV"),
    **dict.fromkeys("military army navy troops soldiers forces commander commanders officers "
                    "peacekeepers jets warplanes aircraft militia".split(), "MIL"),
    **dict.fromkeys("lawmakers legislators parliament senate congress mps senators "
                    "parliamentarians".split(), "LEG"),
    **dict.fromkeys("court courts judge judges judiciary prosecutor prosecutors".split(), "JUD"),
    **dict.fromkeys("police policemen officer".split(), "COP"),
    **dict.fromkeys("rebels rebel insurgents insurgent militants militant guerrillas "
                    "fighters".split(), "REB"),
    **dict.fromkeys("demonstrators protesters protestors activists opposition dissidents "
                    "opponents".split(), "OPP"),
    **dict.fromkeys("civilians civilian villagers residents".split(), "CVL"),
    **dict.fromkeys("students student teachers university".split(), "EDU"),
    **dict.fromkeys("businessmen company companies firm firms".split(), "BUS"),
    **dict.fromkeys("refugees migrants".split(), "REF"),
}
_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
_REGIMES = frozenset({"regime", "administration", "government"})
# A common noun for a group, the group it means, and the actors whose mention in the document
# says so (see _described_groups).
_GROUP_NOUNS = {
    "coalition": ("igo:global-coalition", frozenset({"igo:global-coalition", "group:isis"})),
    "alliance": ("igo:nato", frozenset({"igo:nato"})),
}
_GROUP_PARTS = frozenset("force troop aircraft jet warplane strike airstrike partner member "
                         "nation military official spokesman spokesperson operation "
                         "country".split())
_ADDRESS_HEADS = frozenset("road street avenue square lane boulevard highway bridge".split())
_RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})


class MentionIndex:
    """Resolved mentions of one document, found by token: the actor a token belongs to."""

    def __init__(self, doc: Doc, mentions: Sequence[ResolvedMention]) -> None:
        self.doc = doc
        self.by_token: dict[int, ResolvedMention] = {}
        self.ordered = [m for m in mentions if m.actor is not None]
        for mention in self.ordered:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.by_token.setdefault(tok.i, mention)
        self.described = _described_groups({m.actor.actor_id for m in self.ordered if m.actor})

    def at(self, tok: Token) -> ResolvedMention | None:
        mention = self.by_token.get(tok.i)
        if mention is None and tok.lemma_.lower() in self.described and _plain_group_noun(tok):
            actor = self.described[tok.lemma_.lower()]
            return ResolvedMention(tok.idx, tok.idx + len(tok), tok.text, "ORG",
                                   0, actor_ref(actor))
        return mention

    def last_person_before(self, char: int, since: int) -> ResolvedMention | None:
        """The latest person named in the text between `since` and `char`."""
        earlier = [m for m in self.ordered if m.end <= char and m.actor is not None
                   and m.actor.kind == "person" and m.start >= since]
        return earlier[-1] if earlier else None


def _described_groups(named: set[str]) -> dict[str, ActorEntry]:
    """Groups a document calls by a common noun: "coalition military forces conducted 10
    strikes" in a story about the Islamic State are the US-led coalition's, and "ministers from
    across the alliance" in a story naming NATO are NATO's."""
    registry = Registry.load()
    return {noun: registry.get(actor_id) for noun, (actor_id, cues) in _GROUP_NOUNS.items()
            if named & cues}


def _plain_group_noun(tok: Token) -> bool:
    """"coalition" unqualified, heading its phrase or naming whose forces: not "the Saudi-led
    coalition", "the ruling coalition" or a "coalition government"."""
    if any(c.dep_ in ("amod", "compound", "nmod", "npadvmod") for c in tok.children):
        return False
    return tok.dep_ != "compound" or tok.head.lemma_.lower() in _GROUP_PARTS


def _participant(mention: ResolvedMention) -> Participant:
    assert mention.actor is not None
    return Participant(mention.actor, mention.start, mention.end)


def _conjuncts(tok: Token) -> list[Token]:
    """The token and everything coordinated with it ("Germany and Australia")."""
    out, frontier = [tok], [tok]
    while frontier:
        nxt = [c for t in frontier for c in t.children if c.dep_ == "conj"]
        out.extend(nxt)
        frontier = nxt
    return out


def _phrase_actor(tok: Token, index: MentionIndex, depth: int = 0) -> ResolvedMention | None:
    """The actor a noun phrase headed by `tok` names, if any."""
    mention = index.at(tok)
    if mention is not None:
        return mention
    if depth > 2 or tok.lemma_.lower() in _ADDRESS_HEADS:
        return None  # "on Streatham High Road, London": an address, not the UK government
    for child in tok.children:
        if child.dep_ in _MODIFIER_DEPS:
            found = _phrase_actor(child, index, depth + 1)
            if found is not None:
                return found
    if tok.lemma_.lower() in _COLLECTIVE_HEADS or depth == 0:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in _MODIFIER_PREPOSITIONS:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found = _phrase_actor(obj, index, depth + 1)
                        if found is not None:
                            return found
    return None


def _pronoun_actor(tok: Token, index: MentionIndex) -> ResolvedMention | None:
    """'he'/'she' as the last person named in the same or the previous sentence."""
    if tok.lower_ not in _PRONOUNS_PERSON:
        return None
    sent = tok.sent
    previous_start = sent.start_char
    if sent.start > 0:
        previous_start = tok.doc[sent.start - 1].sent.start_char
    return index.last_person_before(tok.idx, previous_start)


def actors_of(heads: Iterable[Token], index: MentionIndex) -> list[Participant]:
    """One participant per coordinated noun phrase that names an actor, in text order."""
    out: list[Participant] = []
    seen: set[str] = set()
    for head in heads:
        # "other members of the coalition, including Germany and Australia": the examples.
        examples = _pobjs(head, frozenset({"including"}))
        listed = [t for ex in examples for t in _conjuncts(ex)] or _name_conjuncts(head, index)
        for tok in listed + _listed_appositions(listed, index):
            for mention in _listed_actors(tok, index) or [
                _phrase_actor(tok, index) or _pronoun_actor(tok, index)
            ]:
                if mention is None or mention.actor is None:
                    continue
                part = _as_government(_with_sector(_participant(mention), tok, index), tok)
                if part.actor.actor_id not in seen:
                    seen.add(part.actor.actor_id)
                    out.append(part)
    return out


def _name_conjuncts(head: Token, index: MentionIndex) -> list[Token]:
    """The head's conjuncts, and those hung from any word of the name it is part of: in
    "Barack/nsubj Obama/pobj and Vladimir Putin/conj will meet" Putin is Obama's conjunct."""
    out = _conjuncts(head)
    mention = index.at(head)
    if mention is None:
        return out
    for tok in head.doc.char_span(mention.start, mention.end, alignment_mode="expand") or ():
        if tok.i != head.i:
            out += [t for c in tok.children if c.dep_ == "conj" for t in _conjuncts(c)]
    return out


def _listed_appositions(tokens: list[Token], index: MentionIndex) -> list[Token]:
    """Countries the parser hung as appositions of a country: "The US, Russia, and Switzerland
    met" is parsed "US" + appos "Russia" (+ conj "Switzerland"); one country is no other's
    description, so each is one more of the list."""
    out = []
    for tok in tokens:
        mention = index.at(tok)
        if mention is None or mention.actor is None or mention.actor.kind != "country":
            continue
        for child in tok.children:
            other = index.at(child)
            if (child.dep_ == "appos" and other is not None and other.actor is not None
                    and other.actor.kind == "country"
                    and other.actor.actor_id != mention.actor.actor_id):
                out.extend(_conjuncts(child))
    return out


def _listed_actors(tok: Token, index: MentionIndex) -> list[ResolvedMention]:
    """Every actor of a list the head borrows through "from" / "of": "defence ministers from
    the United States, Britain, Germany …" are seven countries' ministers, not one."""
    if index.at(tok) is not None:
        return []
    found = []
    for obj in _pobjs(tok, frozenset({"from", "of"})):
        conjuncts = _conjuncts(obj)
        if len(conjuncts) > 1:
            found += [m for c in conjuncts if (m := _phrase_actor(c, index)) is not None]
    return found


def _as_government(part: Participant, head: Token) -> Participant:
    """A leader's regime or administration ("the Assad regime", "the Trump administration")
    is the government of the leader's country, not the person."""
    actor = part.actor
    if actor.kind != "person" or actor.country is None or head.lemma_.lower() not in _REGIMES:
        return part
    try:
        entry = Registry.load().get(f"gov:{actor.country.lower()}")
    except UnknownActor:
        return part
    return replace(part, actor=actor_ref(entry))


def _with_sector(part: Participant, head: Token, index: MentionIndex) -> Participant:
    """A country named through a collective head ("Georgian demonstrators") is that part of
    it: the head's sector, unless the actor already has one."""
    sector = _HEAD_SECTORS.get(head.lower_) or _HEAD_SECTORS.get(head.lemma_.lower())
    if (sector is None or part.actor.kind != "country" or part.actor.sector
            or index.at(head) is not None):
        return part
    return replace(part, actor=replace(part.actor, sector=sector))


def _pobjs(tok: Token, prepositions: frozenset[str]) -> list[Token]:
    out = []
    for prep in tok.children:
        # "provide support to/dative Israel": spaCy marks a recipient's "to" as dative
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in prepositions:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def clause_subject(verb: Token) -> list[Token]:
    """The subject of a verb, climbing to the governing verb for xcomp / conj / relcl chains."""
    tok = verb
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                    and c.lower_ not in _RELATIVE_PRONOUNS]
        if subjects:
            return subjects
        if tok.dep_ == "relcl":
            return [tok.head]
        owners = _owners_of_noun_above(tok)
        if owners:
            return owners
        if tok.dep_ in ("xcomp", "conj", "advcl", "acl") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return []


def _owners_of_noun_above(verb: Token) -> list[Token]:
    """The possessor of the noun of intent a verb complements, who means to do it: "the
    government's decision to withdraw", "his promise of pulling Canada out". Not any noun's:
    "the Liberal Party's policy on fighting ISIS" is no fight by the party."""
    noun = intent_noun(verb)
    return [c for c in noun.children if c.dep_ == "poss"] if noun is not None else []


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def verb_roles(verb: Token, index: MentionIndex) -> tuple[list[Participant], list[Participant]]:
    """Sources and targets of a verbal predicate."""
    agents = _pobjs(verb, frozenset({"by"})) if is_passive(verb) else []
    subjects = clause_subject(verb)
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if verb.lemma_.lower() in _TOPIC_VERBS:
        objects = []  # "will discuss Afghanistan": what is talked about, not who talks
    prepositions = TARGET_PREPOSITIONS
    if verb.lemma_.lower() in _MOTION_VERBS:
        prepositions -= _DESTINATION_PREPOSITIONS  # "return to Canada": where, not whom
    prep_objects = _pobjs(verb, prepositions)
    if is_passive(verb):
        sources = actors_of(agents, index)
        targets = actors_of(subjects + objects + prep_objects, index)
    elif verb.lemma_.lower() in _WITHDRAWAL_VERBS:
        sources, targets = _moved_forces_roles(verb, subjects, objects, index,
                                               frozenset({"from"}))
    elif verb.lemma_.lower() in _DEPLOYING_VERBS and any(
            o.lemma_.lower() in FORCE_NOUNS for o in objects):
        sources, targets = _moved_forces_roles(verb, subjects, objects, index,
                                               frozenset({"to", "into"}))
    else:
        sources = actors_of(subjects, index)
        object_preps = [o for obj in objects for o in _pobjs(obj, TARGET_PREPOSITIONS)]
        targets = (actors_of(objects, index) or actors_of(prep_objects, index)
                   or actors_of(object_preps, index))
    return sources, apart_from(targets, sources)


def _moved_forces_roles(verb: Token, subjects: list[Token], objects: list[Token],
                        index: MentionIndex, ends: frozenset[str]
                        ) -> tuple[list[Participant], list[Participant]]:
    """Who moves forces, and where to or from. Whoever's forces move moves them ("pulling
    Canada out of the campaign", "withdraw Canada's CF-18s", "sending Turkish soldiers to
    Libya"): the object is the source when no subject names one, and never the target; the
    target is the other end of the move, named by `ends` ("from Iraq", "out of Syria"; "to
    Libya")."""
    other_end = _pobjs(verb, ends)
    if "from" in ends:
        other_end += [o for prep in verb.children if prep.lower_ == "out"
                      for o in _pobjs(prep, frozenset({"of"}))]
    ends_of_objects = [o for obj in objects for o in _pobjs(obj, ends)]
    other_end += ends_of_objects
    # "removed items from Saadallah's flat": whose flat it is says nothing of who removes
    places = [(o.left_edge.idx, o.right_edge.idx + len(o.right_edge)) for o in ends_of_objects]
    moved = [p for p in actors_of(objects, index)
             if not any(start <= p.start < end for start, end in places)]
    sources = actors_of(subjects, index) or moved
    moved_ids = {p.actor.actor_id for p in moved}
    return sources, [p for p in actors_of(other_end, index) if p.actor.actor_id not in moved_ids]


def apart_from(targets: list[Participant], sources: list[Participant]) -> list[Participant]:
    """Targets that are not a source; the same country in another part ("Georgian
    demonstrators … the Georgian government") is another actor."""
    keys = {(p.actor.actor_id, p.actor.sector) for p in sources}
    return [p for p in targets if (p.actor.actor_id, p.actor.sector) not in keys]


def noun_roles(noun: Token, index: MentionIndex) -> tuple[list[Participant], list[Participant]]:
    """Sources and targets of a nominal trigger ("a call by Washington", "US air strikes")."""
    sources = actors_of(_pobjs(noun, NOUN_SOURCE_PREPOSITIONS), index)
    if not sources:
        modifiers = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod")]
        sources = actors_of(modifiers, index)
    targets = actors_of(_pobjs(noun, TARGET_PREPOSITIONS), index)
    return sources, apart_from(targets, sources)
