"""Events per document: who did what to whom, when and where, one EventMention per predicate.

For each sentence we look at its predicates (verbs, and trigger nouns such as "air strikes" or
"talks" that no verb carries), take sources and targets from the parse (`events_roles`), read
negation and modality (`events_modality`), and type the event. A small trigger lexicon decides
when it names the category outright ("dismissed", "asked", "air strikes"); otherwise the
sentence classifier does, when it is confident and the predicate is a known trigger word.

Choices worth knowing:

- A refusal is a REJECT by the refuser; when the sentence says the refused request was made
  ("a call by Washington"), that REQUEST is emitted too, asserted, from requester to refuser.
- An announced future withdrawal ("promised to remove six CF-18s") is CONCEDE, as the PLOVER
  manual codes announced future retreats; a withdrawal reported as done is RETREAT.
- Expanding or deploying a military presence is MOBILIZE (a build-up short of using force);
  "will agree to launch" a mission is AGREE.
- The date is a time expression in the event's sentence, normalised against the publication
  date; with none, the date is None (unknown). We never fall back to the publication date:
  the caller, who knows the genre, may.
- A definite nominal event ("The discussions were held Thursday in Ottawa") that names no
  actor takes its actors from the latest event of the same type in the two sentences before.
- Some verbs report no event: what a request asks for ("a call that allies bring fighters
  home"), receiving a letter, declining to comment, going home, a participle used as an
  adjective ("a banned organization"). An allegation, or a claim that someone did harm, is an
  ACCUSE of the one alleged to have done it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from spacy.tokens import Span, Token

from wirewatch.extract import events_modality as modal
from wirewatch.extract.document_times import document_timexes
from wirewatch.extract.event_classifier import EventClassifier, EventPrediction, lexicon
from wirewatch.extract.events_roles import (
    FORCE_NOUNS,
    SUBJECT_DEPS,
    MentionIndex,
    actors_of,
    apart_from,
    clause_subject,
    is_passive,
    noun_roles,
    verb_roles,
)
from wirewatch.extract.places import resolve_toponyms
from wirewatch.extract.places_fallback import APPROXIMATE
from wirewatch.extract.places_gazetteer import Gazetteer, Place
from wirewatch.extract.timex import Timex, to_interval
from wirewatch.types import ActorRef, EventMention, Evidence, ParsedDocument, Participant, PlaceRef

VERB_TYPES: dict[str, str] = {
    **dict.fromkeys("ask request urge demand appeal implore beseech".split(), "REQUEST"),
    **dict.fromkeys("meet visit host discuss negotiate consult confer".split(), "CONSULT"),
    **dict.fromkeys("reject refuse decline dismiss rebuff spurn veto snub".split(), "REJECT"),
    **dict.fromkeys("attack bomb shell strike shoot kill assault ambush airstrike bombard "
                    "target storm wound injure massacre assassinate".split(), "ASSAULT"),
    **dict.fromkeys("withdraw remove evacuate release free".split(), "RETREAT"),
    **dict.fromkeys("deploy mobilize station amass reinforce".split(), "MOBILIZE"),
    **dict.fromkeys("accuse allege condemn criticize criticise blame denounce sue "
                    "investigate".split(), "ACCUSE"),
    **dict.fromkeys("threaten warn".split(), "THREATEN"),
    **dict.fromkeys("agree pledge offer".split(), "AGREE"),
    **dict.fromkeys("praise endorse welcome commend sign ratify".split(), "SUPPORT"),
    **dict.fromkeys("cooperate collaborate".split(), "COOPERATE"),
    **dict.fromkeys("arrest detain deport seize ban raid".split(), "COERCE"),
    **dict.fromkeys("protest demonstrate march riot".split(), "PROTEST"),
    **dict.fromkeys("sanction expel".split(), "SANCTION"),
}
# Verbs whose meaning depends on a particle or preposition ("pull out", "call on").
PHRASAL_TYPES: dict[tuple[str, str], str] = {
    ("pull", "out"): "RETREAT", ("pull", "back"): "RETREAT", ("call", "on"): "REQUEST",
    ("call", "for"): "REQUEST", ("step", "down"): "RETREAT", ("take", "back"): "RETREAT",
    ("work", "with"): "COOPERATE", ("talk", "with"): "CONSULT", ("talk", "to"): "CONSULT",
    ("speak", "with"): "CONSULT", ("vote", "for"): "SUPPORT",
}
# Military exercises are a show of force (PLOVER MOBILIZE), a fire drill is not.
_EXERCISE_NOUNS = frozenset("exercise drill maneuver manoeuvre wargame".split())
NOUN_TYPES: dict[str, str] = {
    **dict.fromkeys("call request demand appeal plea".split(), "REQUEST"),
    **dict.fromkeys("talk talks meeting discussion negotiation summit visit conversation "
                    "consultation".split(), "CONSULT"),
    **dict.fromkeys("attack airstrike strike bombing shelling raid ambush assault offensive "
                    "bombardment".split(), "ASSAULT"),
    **dict.fromkeys("withdrawal pullout drawdown".split(), "RETREAT"),
    **dict.fromkeys(["deployment", "buildup", *sorted(_EXERCISE_NOUNS)], "MOBILIZE"),
    **dict.fromkeys("refusal rejection".split(), "REJECT"),
    **dict.fromkeys("accusation allegation condemnation".split(), "ACCUSE"),
    **dict.fromkeys("threat ultimatum".split(), "THREATEN"),
    **dict.fromkeys("sanction expulsion".split(), "SANCTION"),
    **dict.fromkeys("protest demonstration".split(), "PROTEST"),
    **dict.fromkeys("arrest detention".split(), "COERCE"),
}
# Verbs that hand their meaning to their object ("issued the call", "held talks").
LIGHT_VERBS = frozenset("issue make hold launch conduct carry stage deliver renew repeat "
                        "receive send happen occur continue take attend impose levy slap mount "
                        "order".split())
# Events done together: several coordinated subjects and no object means "with each other".
RECIPROCAL_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Verbs that carry their object's meaning and none of their own ("launched a mission" is no
# attack, "launched missiles" is); the object must name an event or a weapon.
_CARRIER_VERBS = frozenset("launch conduct stage mount".split())
_WEAPON_NOUNS = frozenset("missile rocket mortar shell grenade bomb drone artillery torpedo "
                          "munition".split())
# "came back", "will be returning", "ISIL does not return": going somewhere, not yielding it.
_GOING_VERBS = frozenset("return come go".split())
# "declined to say whether …" declines a comment, not a request (CAMEO's "decline comment").
_COMMENT_VERBS = frozenset("say comment confirm answer elaborate specify disclose discuss "
                           "speculate reveal identify name give".split())
# What is received and only carries a message, whose content is the event.
_MESSAGE_NOUNS = frozenset("letter message note email e-mail memo communication".split())
_MILITARY_WORDS = frozenset("military naval joint war army air navy live-fire nuclear missile "
                            "combat tactical".split())
_BUILDUP_VERBS = frozenset("expand increase boost send bolster build".split())
_MATERIAL_CONFLICT = frozenset({"ASSAULT", "MOBILIZE", "COERCE", "PROTEST", "SANCTION"})
# A bomber or bombing on the ground (suicide, car, truck, roadside) is no aircraft.
_GROUND_BOMB = r"(?<!suicide )(?<!car )(?<!truck )(?<!roadside )(?<!bus )"
_AIRCRAFT = re.compile(r"\b(?:air ?strikes?|air-strikes?|airstrikes?|air power|"
                       rf"{_GROUND_BOMB}bombing|{_GROUND_BOMB}bombers?|"
                       r"jets?|warplanes?|aircraft|helicopters?|[A-Z]{1,3}-\d{1,3}[A-Z]?s?\b)",
                       re.I)
_DRONE = re.compile(r"\bdrones?\b", re.I)
_HEAVY = re.compile(r"\b(?:rockets?|artillery|mortars?|shell(?:ing|s)?|missiles?)\b", re.I)
_ASSIST = re.compile(r"\b(?:help|assistance|aid|contributions?|support|troops|resources)\b", re.I)
_LOCATIVE = frozenset("in at near outside inside across around throughout within into".split())
_DIRECTIONS = frozenset("north south east west northwest northeast southwest southeast "
                        "outskirts vicinity".split())
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})
_FACILITY_TAIL = re.compile(r"\s+(?:international\s+)?(?:airport|air\s+base|base|bridge|camp)$",
                            re.I)
MIN_CLASSIFIER_CONFIDENCE = 0.4
# Claims that accuse when what is claimed is harm done ("claimed that ISIL had attacked Iraq").
_ALLEGING_VERBS = frozenset({"claim", "charge", "assert", "insist"})
_HARMS = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE"})


@dataclass
class _Candidate:
    sentence: Span
    trigger: Token
    sources: list[Participant]
    targets: list[Participant]
    rule_type: str | None
    negated: bool
    modality: str
    definite: bool
    refused: Token | None = None


def extract_events(
    parsed: ParsedDocument, *, classifier: EventClassifier | None = None
) -> list[EventMention]:
    """Every event the document's sentences report, in text order."""
    classifier = classifier or EventClassifier.load()
    index = MentionIndex(parsed.doc, parsed.mentions)
    candidates = [c for sent in parsed.doc.sents for c in _sentence_candidates(sent, index)]
    if not candidates:
        return []
    predictions = classifier.predict_parsed([_classifier_item(c) for c in candidates])
    timexes = document_timexes(parsed.text, _reference(parsed.published))
    events: list[EventMention] = []
    kept: list[_Candidate] = []
    for cand, pred in zip(candidates, predictions, strict=True):
        event = _to_event(parsed, cand, pred)
        if event is None:
            continue
        event.date, event.date_precision = _date_of(cand, timexes)
        events.append(event)
        kept.append(cand)
        request = _embedded_request(parsed, cand, event, index)
        if request is not None:
            if not event.target:
                event.target = list(request.source)
            events.append(request)
            kept.append(cand)
    _inherit_participants(events, kept)
    _echoed_events(parsed, events, kept, index)
    _place_events(parsed, events, kept, index)
    return _one_per_report([e for e in events
                            if e.source or e.target or e.type in _MATERIAL_CONFLICT])


def _one_per_report(events: list[EventMention]) -> list[EventMention]:
    """Drop a mention that another of the same sentence and type already says with at least
    its actors ("a stabbing killed three and injured three others" is one assault; "three
    strikes destroyed an ISIL mortar" is one, read from the noun and from the verb)."""
    actors = [({p.actor.actor_id for p in e.source}, {p.actor.actor_id for p in e.target})
              for e in events]
    same_report: dict[tuple[int, str, bool, str], list[int]] = {}
    for i, e in enumerate(events):
        same_report.setdefault((e.evidence.start, e.type, e.negated, e.modality), []).append(i)

    def covers(i: int, j: int) -> bool:
        (si, ti), (sj, tj) = actors[i], actors[j]
        place_i, place_j = events[i].place, events[j].place
        return sj <= si and tj <= ti and (place_j is None or place_j == place_i)

    kept: list[EventMention] = []
    for i, event in enumerate(events):
        group = same_report[(event.evidence.start, event.type, event.negated, event.modality)]
        if not any(j != i and covers(j, i) and (not covers(i, j) or j < i) for j in group):
            kept.append(event)
    return kept


def _reference(published: str | None) -> date | None:
    if published is None or len(published) != 10:
        return None
    return date.fromisoformat(published)


# --- candidates -------------------------------------------------------------------------------


def _sentence_candidates(sent: Span, index: MentionIndex) -> list[_Candidate]:
    out = []
    carried: set[int] = set()
    typed: dict[str, set[int]] = {}
    for tok in sent:
        if tok.pos_ == "VERB":
            cand = _verb_candidate(sent, tok, index)
            if cand is not None:
                out.append(cand)
                carried.update(c.i for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
                               or (c.dep_ == "nsubj" and tok.lemma_.lower() in LIGHT_VERBS))
                if cand.refused is not None:
                    carried.add(cand.refused.i)
                if cand.rule_type is not None:
                    typed.setdefault(cand.rule_type, set()).update(t.i for t in tok.subtree)
    for tok in sent:
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in carried:
            cand = _noun_candidate(sent, tok, index)
            # "was targeted by a rocket attack": the verb already reports this attack.
            if cand is not None and tok.i not in typed.get(cand.rule_type or "", set()):
                out.append(cand)
    return out


def _is_reporting(tok: Token) -> bool:
    return tok.lemma_.lower() in modal.REPORTING_VERBS and any(
        c.dep_ in ("ccomp", "parataxis") for c in tok.children)


def _is_control(tok: Token) -> bool:
    return modal.content_verb(tok) is not tok


def _verb_candidate(sent: Span, verb: Token, index: MentionIndex) -> _Candidate | None:
    if _is_reporting(verb):
        return _claimed_harm(sent, verb, index)
    if _is_control(verb) or modal.is_requested(verb) or _no_event_of_its_own(verb):
        return None
    lemma = verb.lemma_.lower()
    if lemma == "demonstrate" and any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return None  # "this demonstrates that …" shows; only the intransitive sense protests
    negated = modal.is_negated(verb)
    rule = _verb_rule(verb)
    refusal = modal.is_refusal(verb, negated)
    if refusal:
        rule, negated = "REJECT", False
    carried = None
    if lemma in LIGHT_VERBS:
        carried = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")
                        and c.lemma_.lower() in NOUN_TYPES), None)
        if carried is not None:
            rule = NOUN_TYPES[carried.lemma_.lower()]
    if rule is None and lemma not in _lexicon_words():
        return None  # neither a rule nor the lexicon knows the verb: not an event
    sources, targets = verb_roles(verb, index)
    refused = modal.refused_request(verb) if refusal else None
    definite = False
    if carried is not None:
        definite = _is_definite(carried)
        if not sources and lemma != "receive":
            sources = noun_roles(carried, index)[0]
    if lemma == "receive":
        sources, targets = _received(verb, index)
    mode = modal.modality(verb)
    if negated and mode == "intended" and rule in modal.COOPERATIVE_TYPES:
        rule, negated = "REJECT", False
    if rule == "REJECT" and mode == "intended":
        mode = "asserted"  # "will not answer the call" is the refusal itself, made now
    if rule == "REQUEST" and not targets:
        targets = _receiver(verb, index, sources)
    if rule == "ACCUSE" and not targets:
        targets = _accused_in_claim(verb, index, sources)
    return _Candidate(sent, verb, sources, targets, rule, negated, mode, definite, refused)


def _claimed_harm(sent: Span, verb: Token, index: MentionIndex) -> _Candidate | None:
    """A claim that someone did harm accuses them: "The US claimed that ISIL had attacked Iraq"
    is an ACCUSE by the US of ISIL (the attack itself is read from the claim, as reported)."""
    if verb.lemma_.lower() not in _ALLEGING_VERBS:
        return None
    claim = _claim(verb)
    if claim is None or _verb_rule(claim) not in _HARMS:
        return None
    sources = actors_of(clause_subject(verb), index)
    targets = _accused_in_claim(verb, index, sources)
    if not sources or not targets:
        return None
    return _Candidate(sent, verb, sources, targets, "ACCUSE", modal.is_negated(verb),
                      modal.modality(verb), False)


def _accused_in_claim(verb: Token, index: MentionIndex, sources: list[Participant]
                      ) -> list[Participant]:
    """Whom an allegation accuses: the subject of what is alleged ("alleged that France was
    aware of preparations for the genocide")."""
    claim = _claim(verb)
    if claim is None:
        return []
    ids = {p.actor.actor_id for p in sources}
    accused = clause_subject(claim)
    if is_passive(claim):
        accused = [o for prep in claim.children if prep.dep_ == "agent"
                   for o in prep.children if o.dep_ == "pobj"]
    return [p for p in actors_of(accused, index) if p.actor.actor_id not in ids]


def _claim(verb: Token) -> Token | None:
    """The clause a verb of saying or alleging says ("alleged that France was aware")."""
    return next((c for c in verb.children if c.dep_ == "ccomp"), None)


def _no_event_of_its_own(verb: Token) -> bool:
    """Verbs that say no event here: going back ("fighters will be returning", but not "troops
    returned"), a participle used as an adjective, receiving a letter, asking about something,
    declining to comment, and a carrier verb whose object is no event or weapon ("the mission
    was launched in 2018")."""
    lemma = verb.lemma_.lower()
    if verb.dep_ == "amod":
        return True  # "a banned militant organization" describes, it does not report a ban
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.lemma_.lower() in NOUN_TYPES:
        return True  # "17 strikes coordinated with Iraq": the strikes are the event
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if lemma in _GOING_VERBS:  # troops that return are deployed again; fighters going home not
        goers = clause_subject(verb)
        if verb.dep_ in ("conj", "advcl"):  # "troops left Iraq …, then … returned"
            goers += clause_subject(verb.head)
        return not any(c.dep_ == "dobj" for c in verb.children) and not any(
            t.lemma_.lower() in FORCE_NOUNS for t in goers)
    if lemma == "receive" and objects and all(o.lemma_.lower() in _MESSAGE_NOUNS
                                              for o in objects):
        return True  # "received a letter … which asked for more": what it says is the event
    if lemma == "ask" and any(c.dep_ == "prep" and c.lower_ == "about" for c in verb.children):
        return not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)  # a question
    if lemma in ("decline", "refuse"):
        return any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in _COMMENT_VERBS
                   for c in verb.children)
    if lemma in _CARRIER_VERBS and objects:
        return not any(o.lemma_.lower() in NOUN_TYPES or o.lemma_.lower() in _WEAPON_NOUNS
                       or o.lemma_.lower() in _EXERCISE_NOUNS for o in objects)
    return False


def _received(verb: Token, index: MentionIndex) -> tuple[list[Participant], list[Participant]]:
    """'X received a request / weapons from Y': Y is the source, X the target."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    senders = actors_of(_from_phrases(verb) + [p for o in objects for p in _from_phrases(o)],
                        index)
    by = [obj for prep in verb.children if prep.dep_ == "agent" for obj in prep.children
          if obj.dep_ == "pobj"]
    receivers = actors_of(by if by else clause_subject(verb), index)
    return senders, apart_from(receivers, senders)


def _from_phrases(tok: Token) -> list[Token]:
    return [obj for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "from"
            for obj in prep.children if obj.dep_ == "pobj"]


def _receiver(verb: Token, index: MentionIndex, sources: list[Participant]
              ) -> list[Participant]:
    """'He received a letter from X, which asked for ...': the request is addressed to him."""
    node = verb
    for _ in range(5):
        if node.head.i == node.i:
            return []
        node = node.head
        if node.lemma_.lower() == "receive":
            ids = {p.actor.actor_id for p in sources}
            return [p for p in actors_of(clause_subject(node), index)
                    if p.actor.actor_id not in ids]
    return []


def _verb_rule(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ in ("prt", "prep") and (lemma, child.lower_) in PHRASAL_TYPES:
            return PHRASAL_TYPES[(lemma, child.lower_)]
    if lemma in _BUILDUP_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in FORCE_NOUNS for c in verb.children
    ):
        return "MOBILIZE"
    return VERB_TYPES.get(lemma)


def _noun_candidate(sent: Span, noun: Token, index: MentionIndex) -> _Candidate | None:
    kind = NOUN_TYPES.get(noun.lemma_.lower())
    if kind is None or noun.dep_ == "compound" or _is_requested_noun(noun):
        return None
    if noun.lemma_.lower() in _EXERCISE_NOUNS and not any(
            c.dep_ in ("amod", "compound") and c.lower_ in _MILITARY_WORDS for c in noun.children):
        return None
    sources, targets = noun_roles(noun, index)
    if not targets and noun.dep_ in SUBJECT_DEPS and noun.head.pos_ == "VERB":
        # "three strikes destroyed an ISIL mortar" : the strikes hit what their verb hits
        targets = [p for p in verb_roles(noun.head, index)[1]
                   if p.actor.actor_id not in {s.actor.actor_id for s in sources}]
    if not sources and not targets and not _is_definite(noun) and kind not in _MATERIAL_CONFLICT:
        return None
    if kind == "REQUEST" and sources and not targets:
        targets = _addressee(noun, index, sources)
    return _Candidate(sent, noun, sources, targets, kind, modal.is_negated(noun.head),
                      _noun_modality(noun), _is_definite(noun))


def _addressee(noun: Token, index: MentionIndex, sources: list[Participant]) -> list[Participant]:
    """A request named inside a clause is addressed to that clause's subject
    ("X is sticking to its plan despite a request from Y")."""
    verb = _governing_verb(noun)
    if verb is None:
        return []
    ids = {p.actor.actor_id for p in sources}
    return [p for p in actors_of(clause_subject(verb), index) if p.actor.actor_id not in ids]


def _governing_verb(noun: Token) -> Token | None:
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _is_requested_noun(noun: Token) -> bool:
    """'called for talks', 'urged them to hold talks': the talks are asked for, not held."""
    verb = _governing_verb(noun)
    return modal.is_requested(noun) or (verb is not None and modal.is_requested(verb))


def _noun_modality(noun: Token) -> str:
    verb = _governing_verb(noun)
    if verb is None:
        return "asserted"
    mode = modal.modality(verb)
    return "asserted" if mode == "intended" else mode


def _is_definite(noun: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those")
               for c in noun.children)


@cache  # asked once per candidate verb; the lexicon never changes
def _lexicon_words() -> frozenset[str]:
    return frozenset(w for words in lexicon().values() for w in words)


def _classifier_item(cand: _Candidate) -> tuple[Span, tuple[int, int] | None,
                                                tuple[int, int] | None]:
    offset = cand.sentence.start_char

    def rel(parts: list[Participant]) -> tuple[int, int] | None:
        inside = [p for p in parts if cand.sentence.start_char <= p.start < cand.sentence.end_char]
        return (inside[0].start - offset, inside[0].end - offset) if inside else None

    return cand.sentence, rel(cand.sources), rel(cand.targets)


# --- typing -----------------------------------------------------------------------------------


def _to_event(parsed: ParsedDocument, cand: _Candidate, pred: EventPrediction
              ) -> EventMention | None:
    kind = cand.rule_type
    if kind is not None:
        confidence = 0.5 + 0.5 * pred.scores.get(kind, 0.0)
    elif pred.confidence >= MIN_CLASSIFIER_CONFIDENCE and (cand.sources or cand.targets):
        kind, confidence = pred.type, pred.confidence
    else:
        return None
    if kind == "RETREAT" and cand.modality == "intended":
        kind = "CONCEDE"
    # "would not provide support to Israel" read as REJECT: the "not" is the refusal itself
    negated = cand.negated and not (kind == "REJECT" and cand.rule_type is None)
    sources, targets = cand.sources, cand.targets
    if kind in RECIPROCAL_TYPES and len(sources) > 1 and not targets:
        sources, targets = sources[:1], sources[1:]
    sent = cand.sentence
    trigger = (cand.trigger.idx, cand.trigger.idx + len(cand.trigger.text))
    return EventMention(
        doc_id=parsed.doc_id,
        type=kind,
        evidence=Evidence(parsed.doc_id, sent.start_char, sent.end_char, sent.text),
        trigger=trigger,
        source=[_affiliated(p, parsed) for p in sources],
        target=[_affiliated(p, parsed) for p in targets],
        mode=_mode(kind, cand),
        negated=negated,
        modality=cand.modality,
        confidence=round(confidence, 4),
    )


_GOV_TITLES = frozenset("minister secretary president chancellor premier leader spokesperson "
                        "spokeswoman spokesman ambassador envoy diplomat official".split())
_MIL_TITLES = frozenset("general commander admiral colonel chief".split())


def _affiliated(part: Participant, parsed: ParsedDocument) -> Participant:
    """A person named with a nationality ("German Chancellor Angela Merkel") keeps the person
    but carries the country, and a government or military sector from the title."""
    actor = part.actor
    if actor.kind != "person" or actor.country is not None:
        return part
    span = parsed.doc.char_span(part.start, part.end, alignment_mode="expand")
    if span is None:
        return part
    head = span.root
    words = [t for t in head.subtree if t.i < span.start]
    country = None
    for mention in parsed.mentions:
        if (mention.actor is not None and mention.actor.country and words
                and words[0].idx <= mention.start < span.start_char):
            country = mention.actor.country
    if country is None:
        return part
    lemmas = {t.lemma_.lower() for t in words}
    sector = "GOV" if lemmas & _GOV_TITLES else "MIL" if lemmas & _MIL_TITLES else None
    return replace(part, actor=ActorRef(actor.actor_id, actor.name, actor.kind, country,
                                        actor.sector or sector))


def _mode(kind: str, cand: _Candidate) -> str | None:
    text = cand.sentence.text
    lemma = cand.trigger.lemma_.lower()
    if kind == "ASSAULT":
        if _DRONE.search(text):
            return "drone"
        if _AIRCRAFT.search(text):
            return "aerial"
        if _HEAVY.search(text):
            return "heavy-weapons"
        return None
    if kind == "REQUEST":
        scope = " ".join(t.text for t in cand.trigger.subtree) if cand.trigger.pos_ == "NOUN" \
            else " ".join(t.text for t in cand.trigger.head.subtree)
        return "assist" if _ASSIST.search(scope) else None
    if kind == "CONSULT":
        if lemma in ("visit", "host"):
            return "visit"
        if lemma == "summit" or len(cand.sources) + len(cand.targets) > 2:
            return "multilateral"
        return None
    if kind == "RETREAT":
        return "release" if lemma in ("release", "free") else "withdraw"
    if kind == "MOBILIZE":
        return "troops"
    return None


def _embedded_request(parsed: ParsedDocument, cand: _Candidate, event: EventMention,
                      index: MentionIndex) -> EventMention | None:
    """'Canada will not answer a call by Washington': Washington's call to Canada was made."""
    if event.type != "REJECT" or cand.refused is None:
        return None
    requesters = noun_roles(cand.refused, index)[0]
    if not requesters:
        return None
    requester_ids = {p.actor.actor_id for p in requesters}
    addressees = [p for p in event.source if p.actor.actor_id not in requester_ids]
    noun = cand.refused
    return replace(
        event,
        type="REQUEST",
        trigger=(noun.idx, noun.idx + len(noun.text)),
        source=[_affiliated(p, parsed) for p in requesters],
        target=addressees,
        mode=_mode("REQUEST", replace(cand, trigger=noun)),
        negated=False,
        modality="asserted",
    )


# --- date, place, anaphora ---------------------------------------------------------------------


def _date_of(cand: _Candidate, timexes: list[Timex]) -> tuple[str | None, str | None]:
    """The calendar date of the time expression nearest the trigger in its sentence."""
    sent = cand.sentence
    inside = [t for t in timexes if sent.start_char <= t.start and t.end <= sent.end_char
              and t.type == "DATE" and to_interval(t.value) is not None
              and not _dates_another_event(sent, t, cand.trigger)]
    if not inside:
        return None, None
    trigger = cand.trigger.idx
    best = min(inside, key=lambda t: abs(t.start - trigger))
    return best.value, best.precision


_DATE_MODIFIER_DEPS = frozenset({"compound", "nummod", "npadvmod", "amod", "nmod", "poss"})
_CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "acl", "xcomp", "parataxis", "conj"})


def _dates_another_event(sent: Span, timex: Timex, trigger: Token) -> bool:
    """A date inside a noun phrase of another clause, or of another event noun, is that
    phrase's: in "had not been invited to the high-level meeting, and … is focused on a Feb. 11
    NATO meeting", 11 February is the NATO meeting's date, and in "Canada was left off the
    guest-list he pointed to a speech by Carter last week", last week is the speech's."""
    span = sent.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    while (span.start <= node.i < span.end or node.dep_ in _DATE_MODIFIER_DEPS) \
            and node.head.i != node.i:
        node = node.head  # out of the expression itself ("on the same day": to "on")
    if node.i == trigger.i or node.pos_ != "NOUN":
        return False
    if node.lemma_.lower() in NOUN_TYPES:
        return True
    return not _same_clause(node, trigger)


def _same_clause(tok: Token, trigger: Token) -> bool:
    """Whether `tok` hangs from the trigger (or the trigger from it) without a clause between."""
    for low, high in ((tok, trigger), (trigger, tok)):
        node = low
        while node.i != high.i and node.head.i != node.i and node.dep_ not in _CLAUSE_DEPS:
            node = node.head
        if node.i == high.i:
            return True
    return False


_ECHO_WORDS = frozenset("similar same such identical".split())


def _echoed_events(parsed: ParsedDocument, events: list[EventMention], cands: list[_Candidate],
                   index: MentionIndex) -> None:
    """'Similar letters were received by Germany and Australia': the same act as an earlier
    event told with that noun ('a letter from Carter which asked for more'), done by the same
    source, to new recipients."""
    if "receiv" not in parsed.text.lower():
        return  # no form of 'receive' in the text, so no token has it as lemma
    for sent in parsed.doc.sents:
        for verb in sent:
            if verb.lemma_.lower() != "receive":
                continue
            echoed = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                           and any(m.lower_ in _ECHO_WORDS for m in c.children)), None)
            if echoed is None:
                continue
            receivers = _received(verb, index)[1]
            earlier = next((e for e in reversed(events) if e.evidence.end <= sent.start_char
                            and e.source and echoed.lemma_.lower() in e.evidence.text.lower()),
                           None)
            if earlier is None or not receivers:
                continue
            reported = any(c.lower_ in ("reportedly", "allegedly") for c in verb.children)
            events.append(replace(
                earlier,
                evidence=Evidence(parsed.doc_id, sent.start_char, sent.end_char, sent.text),
                trigger=(verb.idx, verb.idx + len(verb.text)),
                target=[_affiliated(p, parsed) for p in receivers],
                modality="reported" if reported else earlier.modality,
                date=None, date_precision=None, place=None,
            ))
            cands.append(_Candidate(sent, verb, list(earlier.source), receivers, earlier.type,
                                    False, "asserted", False))


def _inherit_participants(events: list[EventMention], cands: list[_Candidate]) -> None:
    for i, (event, cand) in enumerate(zip(events, cands, strict=True)):
        if event.source or event.target or not cand.definite:
            continue
        for j in range(i - 1, -1, -1):
            earlier, earlier_cand = events[j], cands[j]
            if cand.sentence.start - earlier_cand.sentence.end > 60:
                break
            if earlier.type == event.type and (earlier.source or earlier.target):
                event.source, event.target = list(earlier.source), list(earlier.target)
                if event.date is None:  # "the meeting" is the one the text spoke of
                    event.date, event.date_precision = earlier.date, earlier.date_precision
                break


def _place_events(parsed: ParsedDocument, events: list[EventMention], cands: list[_Candidate],
                  index: MentionIndex) -> None:
    options = [_place_spans(parsed, cand) for cand in cands]
    wanted = sorted({s for spans in options for s in spans})
    if not wanted:
        return
    places = dict(zip(wanted, _resolve(parsed, wanted), strict=True))
    for event, spans in zip(events, options, strict=True):
        place = next((places[s] for s in spans if places[s] is not None), None)
        if place is not None:
            event.place = place


def _resolve(parsed: ParsedDocument, spans: list[tuple[int, int]]) -> list[PlaceRef | None]:
    """Resolve toponyms; a facility named after a town ("Irbil International Airport") falls
    back to the town. A town the gazetteer lacks keeps its name without coordinates: pointing
    "Near Kisik" at the article's most named city would put an Iraqi strike in Syria."""
    first = resolve_toponyms(parsed.text, spans, dateline=parsed.dateline)
    named = {m.actor.country for m in parsed.mentions
             if m.actor is not None and m.actor.kind == "country"}
    out: list[PlaceRef | None] = []
    for (start, end), place in zip(spans, first, strict=True):
        name = parsed.text[start:end]
        if place is None:
            trimmed = _FACILITY_TAIL.sub("", name)
            if trimmed != name:
                place = resolve_toponyms(parsed.text, [(start, start + len(trimmed))],
                                         dateline=parsed.dateline)[0]
        if (place is not None and _label_at(parsed, start, end) is None
                and place.country not in named and not _own_name(name, place)):
            out.append(PlaceRef(name))  # "Near Ayn Isa" on Syria: not Anyang, China ("Ayn")
            continue
        if place is not None and place.kind == APPROXIMATE:
            label = _label_at(parsed, start, end)
            if label is None and not _after_near(parsed.text, start):
                place = None
            elif label in ("GPE", None):  # a town of a strike line: "- Near Ayn Isa, …"
                out.append(PlaceRef(name))
                continue
        out.append(None if place is None else PlaceRef(place.name, place.country, place.admin1,
                                                       place.lat, place.lon))
    return out


def _after_near(text: str, start: int) -> bool:
    """A name a strike line opens with ("- Near Ayn Isa, one strike …"): a town, named or not."""
    line = text[text.rfind("\n", 0, start) + 1:start]
    return line.lstrip("-*• \t").lower() == "near "


def _own_name(name: str, place: Place) -> bool:
    """Whether a name is the place's own name (or the place is approximate, found from a name
    inside it), not one of its alternate spellings. A name the entity recogniser left unlabelled,
    confirmed only by an alternate spelling of a town in a country the article does not name,
    is too weak a reading ("Abu Kamal" is Ālbū Kamāl in an article naming Syria)."""
    if place.kind == APPROXIMATE:
        return True
    return any(own for candidate, own, _ in Gazetteer.load().lookup(name) if candidate == place)


def _label_at(parsed: ParsedDocument, start: int, end: int) -> str | None:
    return next((m.label for m in parsed.mentions if (m.start, m.end) == (start, end)), None)


def _place_spans(parsed: ParsedDocument, cand: _Candidate) -> list[tuple[int, int]]:
    """Toponyms after a locative preposition in the trigger's clause, finest first; the first
    one the gazetteer knows is the event's place ("in Forbury Gardens in Reading" → Reading)."""
    clause = _clause_tokens(cand.trigger)
    found: list[tuple[int, int]] = []
    for tok in clause:
        if tok.dep_ == "pobj" and _is_locative(tok.head):
            span = _toponym_at(parsed, tok) or _country_anaphor(parsed, tok)
        elif _is_misparsed_locative(tok):
            span = _toponym_at(parsed, tok.head)
        else:
            continue
        if span is not None and span not in found:
            found.append(span)
    if all(_names_country(parsed, span) for span in found):
        found = _later_mention_of_site(parsed, cand) + found
    return found


def _is_misparsed_locative(tok: Token) -> bool:
    """A line-initial "Near Kisik, …" that the parser reads as a name ("Near" a PROPN compound
    of the town)."""
    return (tok.dep_ == "compound" and tok.lower_ in _LOCATIVE and tok.head.pos_ == "PROPN"
            and not tok.ent_type_)


def _names_country(parsed: ParsedDocument, span: tuple[int, int]) -> bool:
    return any(m.start == span[0] and m.actor is not None and m.actor.kind == "country"
               for m in parsed.mentions)


def _clause_tokens(trigger: Token) -> list[Token]:
    """The trigger's clause; a coordinated verb ("killed three and injured three others") also
    shares its head verb's clause, after its own words."""
    top = trigger
    while top.dep_ in ("xcomp", "dobj", "pobj", "prep", "nsubjpass", "nsubj", "compound") \
            and top.head.i != top.i:
        top = top.head
    tokens = list(top.subtree)
    if top.dep_ == "conj" and top.head.pos_ in ("VERB", "AUX"):
        own = {t.i for t in tokens}
        tokens += [t for t in _clause_tokens(top.head) if t.i not in own]
    return tokens


def _is_locative(prep: Token) -> bool:
    word = prep.lower_
    if word in _LOCATIVE:
        return True
    if word == "of" and prep.head.lower_ in _DIRECTIONS:
        return True
    return word == "to" and prep.head.lower_ == "next"


def _toponym_at(parsed: ParsedDocument, tok: Token) -> tuple[int, int] | None:
    for mention in parsed.mentions:
        if mention.label in _PLACE_LABELS and mention.start <= tok.idx < mention.end:
            if mention.label == "ORG" and not _FACILITY_TAIL.search(mention.text):
                return None
            if mention.actor is not None and mention.actor.kind not in ("country",
                                                                        "government_body"):
                return None
            return mention.start, mention.end
    return _unlabelled_name(tok)


def _unlabelled_name(tok: Token) -> tuple[int, int] | None:
    """A proper name the entity recogniser left unlabelled ("in Reading"): a candidate the
    gazetteer confirms or drops."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "GPE", "LOC", "FAC"):
        return None
    first = tok
    while first.i > tok.sent.start and tok.doc[first.i - 1].pos_ == "PROPN" \
            and tok.doc[first.i - 1].dep_ == "compound" \
            and tok.doc[first.i - 1].lower_ not in _LOCATIVE:
        first = tok.doc[first.i - 1]
    last = tok
    while (last.i + 1 < tok.sent.end and tok.doc[last.i + 1].pos_ == "PROPN"
           and tok.doc[last.i + 1].ent_type_ in ("", "GPE", "LOC", "FAC")
           and not tok.doc[last.i + 1].is_space):
        last = tok.doc[last.i + 1]  # "Near Ayn Isa", parsed with "Isa" after its head
    return first.idx, last.idx + len(last.text)


def _country_anaphor(parsed: ParsedDocument, tok: Token) -> tuple[int, int] | None:
    """'in the country': the last country named before it, in this or the previous sentence."""
    if tok.lower_ != "country" or not any(c.lower_ == "the" for c in tok.children):
        return None
    since = tok.sent.start_char
    if tok.sent.start > 0:
        since = parsed.doc[tok.sent.start - 1].sent.start_char
    earlier = [m for m in parsed.mentions if since <= m.start < tok.idx and m.label == "GPE"
               and m.actor is not None and m.actor.kind == "country"]
    return (earlier[-1].start, earlier[-1].end) if earlier else None


def _later_mention_of_site(parsed: ParsedDocument, cand: _Candidate) -> list[tuple[int, int]]:
    """A site the event names without a toponym ("a military base") that a following sentence
    locates ("the base located next to the Irbil International Airport")."""
    sites = {t.lemma_.lower() for t in cand.trigger.subtree if t.pos_ == "NOUN"}
    sites |= {t.lemma_.lower() for t in _clause_tokens(cand.trigger) if t.pos_ == "NOUN"}
    doc = parsed.doc
    sent = cand.sentence
    stop = sent.end
    for _ in range(2):
        if stop >= len(doc):
            break
        following = doc[stop].sent
        for tok in following:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in sites and _is_definite(tok):
                for sub in tok.subtree:
                    if sub.dep_ == "pobj" and _is_locative(sub.head):
                        span = _toponym_at(parsed, sub)
                        if span is not None:
                            return [span]
        stop = following.end
    return []
