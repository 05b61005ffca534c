"""Figures: how many of what, whose, where and as of when, each cited to its sentence.

Every quantity `wirewatch.extract.quantities` finds becomes a figure when we can tell what it
counts (`figures_measures`). Durations ("two-day"), ages, partitives ("one of the militias") and,
for nouns outside the lexicon, single or definite things ("one official", "the two countries")
are not figures. A bare number borrows what it counts from the text it leans on: "the 60" repeats
an earlier figure of the document with that value; "another 190" and "a high of more than 850"
count what the figure before them in the sentence counts; "having withdrawn nearly 200" counts
the lexicon noun the sentence names before it ("troops"). A change "from 500 to 4,000 troops"
gives two figures, not a range.

Subject (whose figure), first rule that answers wins:
1. the nationality counted ("190 Canadians"), or an actor modifying or owning the counted noun
   ("Canadian troops", "ISIS fighters", "Canada's six CF-18s"), including through coordination
   ("four Canadian men, three women");
2. the subject of the clause, climbing through coordinated and subordinate verbs but never from
   a reported clause up to its reporting verb (the speaker does not own the figure): "Canada
   will send 69 trainers", "the NATO mission ... involved around 500 troops". Not for the dead
   and injured: the subject of "killing dozens" is who killed them;
3. for people who return or come back to a country, that country ("60 people ... had returned
   to Canada"): news counts returnees by their home;
4. the one actor the sentence names outside place, "against" and "including" phrases (a name
   inside a longer one counts as it: "in Muslim Mindanao"), outside the speakers of a reported
   clause and not as "a"/"an" one person ("an Australian"), when it names one; for the dead and
   injured, also outside "by" and "on" phrases and the subject that killed or counted them ("a
   Kabul car bombing killed five"; but "the SDF suffered thousands of casualties");
5. for forces (troops, fighters, trainers, aircraft, strikes): the nearest such actor before it.
Otherwise None.

As of (when the figure held), first rule that answers wins:
1. the time expression of the sentence nearest the figure, normalised against the publication
   date: a calendar value keeps its own precision ("in January" -> 2021-01, month); "now",
   "currently" -> the publication date with precision "publication"; a vague past or future
   ("several years ago") claims the figure but gives no date, so as_of stays None;
2. no time expression, present tense ("there are about 190", "17 troops are working"): the
   publication date, precision "publication";
3. no time expression, past tense, right after a sentence with a calendar time: that time (news
   narrates in order: "The government said in December ... It estimated that ...").
Otherwise None. Without a publication date, relative times stay partial ("XXXX-12").

Place: the first place named after the figure in its sentence behind a locative preposition
("in Iraq", "in Syrian camps") or a destination ("send 69 trainers to Iraq"), resolved with
`resolve_toponyms`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Span, Token

from wirewatch.extract import figures_measures as measures
from wirewatch.extract.document_times import document_timexes
from wirewatch.extract.places import resolve_toponyms
from wirewatch.extract.quantities import Quantity, find_quantities
from wirewatch.extract.timex import Timex
from wirewatch.types import (
    ActorRef,
    Evidence,
    FigureMention,
    ParsedDocument,
    PlaceRef,
    ResolvedMention,
)

__all__ = ["extract_figures"]

log = logging.getLogger(__name__)

_DURATION_UNITS = frozenset("second minute hour day week month year decade century "
                            "years old".split())
# Sizes, distances, speeds and temperatures describe things ("160 km east of Riyadh", "a
# five-foot tusk"); an analyst's figures count people, forces, casualties, money and shares.
_DIMENSION_UNITS = frozenset("km mi m cm mm nm µm ft in yd km/h mph mpg rpm degC degF degree "
                             "sq mi m2 sq ft km2".split()) | {"sq mi", "sq ft"}
# "a 69-member team", "a 5,000-strong force": a compound that gives a group's size.
_GROUP_SIZE = frozenset({"member", "strong", "man", "person"})
_FORCES = frozenset({"troops", "fighters", "trainers", "aircraft", "strikes"})
_CASUALTIES = frozenset({"killed", "injured"})
_LOCATIVE = frozenset("in at inside across throughout near within".split())
_OBLIQUE = _LOCATIVE | frozenset("into from to toward towards against out".split())
# For the dead and injured, also who did it ("conducted by the Taliban") and where ("on
# Streatham High Road"); elsewhere "on" is rather "pressure on Canada", the subject.
_CASUALTY_OBLIQUE = frozenset({"by", "on"})
_NAME_PARTS = frozenset({"compound", "amod", "appos", "flat", "nmod", "npadvmod"})
_DESTINATION = frozenset("to into".split())  # "send 69 trainers to Iraq": where they will be
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss"})
_ASIDE = frozenset("including excluding like such except besides".split())
_REPORTING = frozenset("say tell add state estimate claim report announce confirm deny believe "
                       "think warn note insist argue suggest explain write".split())
_RETURN = frozenset("return repatriate come".split())
# Verbs whose subject owns the dead and injured it counts ("the SDF suffered thousands of
# casualties"); the subject of other verbs above them killed or counted them.
_OWNERS = frozenset("suffer sustain lose see have incur endure take".split())
_CHANGE_VERBS = frozenset("expand increase grow rise climb jump double triple boost raise swell "
                          "cut reduce decrease drop fall shrink decline slash lower".split())
_FROM_TO = re.compile(r"(?i)^from\s+(?P<before>.+?)\s+to\s+(?P<after>.+)$")
_PARTITIVE = re.compile(r"(?i)^one\s+of\b")
_DEFINITE_BEFORE = re.compile(r"(?i)\b(?:the|those|these)\s+$")
_CALENDAR = re.compile(r"^(?:\d{4}|XXXX)(?:-\d\d){0,2}$|^\d{4}-(?:W\d\d|Q[1-4]|H[12]|SP|SU|FA|WI)$")
_PUBLICATION = "publication"


@dataclass
class _Reading:
    """What one quantity says, before its place is resolved in the document-wide batch."""

    quantity: Quantity
    sentence: Span
    measure: str
    unit: str | None
    subject: ActorRef | None
    as_of: str | None
    as_of_precision: str | None
    place_span: ResolvedMention | None = None


class _Document:
    """The parsed document with the look-ups every rule needs."""

    def __init__(self, parsed: ParsedDocument) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.text = parsed.text
        self.publication = _publication_date(parsed.published)
        self.timexes = document_timexes(self.text, self.publication)
        self._by_token: dict[int, ResolvedMention] = {}
        for mention in parsed.mentions:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span if span is not None else ():
                self._by_token[token.i] = mention

    def mention_at(self, token: Token) -> ResolvedMention | None:
        return self._by_token.get(token.i)

    def actor_at(self, token: Token) -> ActorRef | None:
        mention = self.mention_at(token)
        return mention.actor if mention is not None else None

    def mentions_in(self, sentence: Span) -> list[tuple[Token, ResolvedMention]]:
        """Each mention of the sentence with its first token, in text order."""
        seen: set[int] = set()
        found = []
        for token in sentence:
            mention = self._by_token.get(token.i)
            if mention is not None and id(mention) not in seen:
                seen.add(id(mention))
                found.append((token, mention))
        return found


def _publication_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published)
    except ValueError:
        return None  # month or year precision: relative times stay unresolved, never guessed


def _counted_token(document: _Document, quantity: Quantity) -> Token | None:
    if quantity.noun_span is not None:
        span = document.doc.char_span(*quantity.noun_span, alignment_mode="expand")
        if span is not None:
            return span.root
    span = document.doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    if span is None:
        return None
    numbers = [t for t in span if t.like_num or t.pos_ == "NUM"]
    return numbers[-1] if numbers else span.root


def _is_figure(quantity: Quantity) -> bool:
    if quantity.unit in _DURATION_UNITS or quantity.unit in _DIMENSION_UNITS:
        return False
    return not _PARTITIVE.match(quantity.text)


def _names_things(document: _Document, quantity: Quantity) -> bool:
    """"One Russian official", "the two countries": a count of things the story names one by
    one, not a figure it reports (only for nouns outside the lexicon)."""
    single = quantity.value == 1 and quantity.text[:3].lower() == "one"
    return single or _DEFINITE_BEFORE.search(document.text[: quantity.start]) is not None


def _is_compound_modifier(document: _Document, quantity: Quantity) -> bool:
    """"a five-storey block", "a two-day visit": the number describes the next noun, it counts
    nothing (only for nouns outside the lexicon)."""
    noun = (quantity.noun or "").lower()
    if quantity.noun_span is None or noun in measures.PERSON_NOUNS or noun in _GROUP_SIZE:
        return False
    between = document.text[quantity.start:quantity.noun_span[0]]
    return between.rstrip().endswith("-")


def _share_of(document: _Document, quantity: Quantity) -> str | None:
    """The noun a percentage is a share of: "40 percent of refugees" -> "refugee"."""
    span = document.doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    if span is None or span.end >= len(document.doc) or document.doc[span.end].lower_ != "of":
        return None
    objects = [t for t in document.doc[span.end].children if t.dep_ == "pobj"]
    return objects[0].lemma_.lower() if objects else None


def _own_measure(document: _Document, quantity: Quantity, counted: Token,
                 sentence: Span) -> tuple[str | None, str | None]:
    """(measure, unit) read from the quantity itself, its verb and its sentence."""
    if quantity.unit is not None:
        return measures.measure_of_unit(quantity.unit, _share_of(document, quantity))
    casualty = measures.measure_of_verb(counted)
    if casualty:
        return casualty, None
    if quantity.noun is None or quantity.noun_span is None:
        return None, None
    lemma = quantity.noun.lower()
    measure = measures.measure_of_noun(lemma, document.text[quantity.noun_span[1]:])
    if measure is not None:
        return measure, None
    if lemma in measures.PERSON_NOUNS:
        breakdown = counted.lower_ if lemma in measures.BREAKDOWN_NOUNS else None
        return measures.measure_of_context(sentence.text) or lemma, breakdown
    return quantity.noun, None


def _lexicon_noun_before(sentence: Span, before: int) -> str | None:
    """The measure of the nearest lexicon noun in the sentence before a char offset."""
    for token in reversed([t for t in sentence if t.idx < before]):
        if token.pos_ in ("NOUN", "PROPN"):
            measure = measures.measure_of_noun(token.lemma_)
            if measure is not None:
                return measure
    return None


def _subject_actor(document: _Document, subject: Token) -> ActorRef | None:
    """The actor a clause subject names: itself or an actor modifying it ("the NATO mission")."""
    actor = document.actor_at(subject)
    if actor is None:
        for child in subject.children:
            if child.dep_ in _MODIFIERS and (actor := document.actor_at(child)) is not None:
                break
    if actor is None or actor.kind == "person":
        return None
    return actor


def _modifier_subject(document: _Document, counted: Token) -> ActorRef | None:
    own = document.actor_at(counted)
    if own is not None and own.kind == "country":
        return own  # people counted by nationality: "190 Canadians"
    token: Token | None = counted
    while token is not None:
        for child in token.children:
            if child.dep_ in _MODIFIERS and child.i != counted.i:
                actor = document.actor_at(child)
                if actor is not None and (actor.kind != "person" or child.dep_ == "poss"):
                    return actor
        token = token.head if token.dep_ == "conj" and token.head.i != token.i else None
    return None


def _clause_subject(document: _Document, counted: Token) -> ActorRef | None:
    path = {counted.i}
    token = counted
    while token.head.i != token.i:
        came_from, token = token, token.head
        path.add(token.i)
        if token.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if subjects:
            subject = subjects[0]
            if subject.i in path or any(t.i in path for t in subject.subtree):
                return None  # the figure is itself the subject
            actor = _subject_actor(document, subject)
            if actor is not None:
                return actor
            if subject.tag_ == "WDT" and token.dep_ == "relcl":
                return _subject_actor(document, token.head)
            if subject.pos_ != "PRON" and subject.tag_ not in ("EX", "PRP"):
                return None
        if token.dep_ == "ccomp" or came_from.dep_ == "ccomp":
            return None
    return None


def _verb_above(counted: Token) -> Token:
    """The first verb up from the figure's counted word (the root when there is none)."""
    verb = counted.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _home_country(counted: Token, document: _Document) -> ActorRef | None:
    """The country people counted by the figure return or come back to."""
    verb = _verb_above(counted)
    if verb.lemma_ not in _RETURN:
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            for target in prep.children:
                actor = document.actor_at(target)
                if actor is not None and actor.kind == "country":
                    return actor
    return None


def _speakers(counted: Token) -> set[int]:
    """Tokens of the subjects above a reported clause that holds the figure: who said it."""
    token, reported = counted, False
    while token.head.i != token.i:
        if token.dep_ == "ccomp" and token.head.lemma_ in _REPORTING:
            reported = True
        token = token.head
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if reported and subjects:  # a participle ("..., saying") reports for its head's subject
            return {t.i for subject in subjects for t in subject.subtree}
    return set()


def _is_aside(token: Token) -> bool:
    return any(a.dep_ == "prep" and a.lower_ in _ASIDE for a in token.ancestors)


def _phrase_head(token: Token) -> Token:
    """The longer name a name sits in: "Muslim" in "the Autonomous Region in Muslim Mindanao" is
    Mindanao's, "London" in "on Streatham High Road, London" the road's ("ISIL" in "against
    ISIL targets" stays itself: a common noun is not a name)."""
    while token.dep_ in _NAME_PARTS and token.head.i != token.i and token.head.pos_ == "PROPN":
        token = token.head
    return token


def _agent(counted: Token) -> set[int]:
    """Tokens of the subject of the first verb above the figure, unless the figure is in it:
    who killed or who counted ("a Kabul car bombing killed five", "AFP has placed the death
    count in the hundreds"), not whose dead they are."""
    verb = _verb_above(counted)
    if verb.lemma_ in _OWNERS:
        return set()
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    tokens = {t.i for subject in subjects for t in subject.subtree}
    return set() if counted.i in tokens else tokens


def _free_actors(document: _Document, sentence: Span, counted: Token,
                 before: int | None = None, *, casualties: bool = False) -> list[ActorRef]:
    """Non-person actors the sentence names outside place, 'against' and 'including' phrases,
    leaving out who reports the figure; for the dead and injured, also leaving out who killed
    them (the subject above the figure, a "by" phrase)."""
    speakers = _speakers(counted) | (_agent(counted) if casualties else set())
    oblique = _OBLIQUE | _CASUALTY_OBLIQUE if casualties else _OBLIQUE
    actors = []
    for token, mention in document.mentions_in(sentence):
        if mention.actor is None or mention.actor.kind == "person" or token.i in speakers:
            continue
        head = _phrase_head(token)
        if head.dep_ == "pobj" and head.head.lower_ in oblique or _is_aside(token):
            continue
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
            continue  # "an Australian": one person by nationality, not a country's figure
        if before is not None and token.idx >= before:
            continue
        actors.append(mention.actor)
    return actors


def _subject(document: _Document, counted: Token, sentence: Span, measure: str,
             start: int) -> ActorRef | None:
    actor = _modifier_subject(document, counted)
    if actor is None and measure not in _CASUALTIES:
        actor = _clause_subject(document, counted)
    if actor is None:
        actor = _home_country(counted, document)
    if actor is None:
        distinct = {a.actor_id: a for a in _free_actors(document, sentence, counted,
                                                        casualties=measure in _CASUALTIES)}
        if len(distinct) == 1:
            actor = next(iter(distinct.values()))
    if actor is None and measure in _FORCES:
        before = _free_actors(document, sentence, counted, before=start)
        actor = before[-1] if before else None
    return actor


def _tense(counted: Token) -> str:
    """'present', 'past', 'future' or 'unknown' for the verb the counted token depends on."""
    token = counted
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            tags = {token.tag_} | {c.tag_ for c in token.children if c.dep_ in ("aux", "auxpass")}
            if "MD" in tags:
                return "future"
            if "VBD" in tags:
                return "past"
            if tags & {"VBZ", "VBP"}:
                return "present"
        if token.head.i == token.i:
            break
        token = token.head
    return "unknown"


def _calendar(timex: Timex) -> bool:
    return _CALENDAR.match(timex.value) is not None


def _timexes_in(document: _Document, sentence: Span) -> list[Timex]:
    return [t for t in document.timexes
            if sentence.start_char <= t.start < sentence.end_char and t.type in ("DATE", "TIME")]


def _as_of(document: _Document, quantity: Quantity, counted: Token,
           sentence: Span) -> tuple[str | None, str | None]:
    publication = document.parsed.published if document.publication else None
    candidates = [t for t in _timexes_in(document, sentence)
                  if (t.end <= quantity.start or t.start >= quantity.end)
                  and (_calendar(t) or t.value.endswith("_REF"))]
    if candidates:
        nearest = min(candidates, key=lambda t: min(abs(t.start - quantity.end),
                                                    abs(quantity.start - t.end)))
        if nearest.value == "PRESENT_REF":
            return (publication, _PUBLICATION) if publication else (None, None)
        if _calendar(nearest):
            return nearest.value, nearest.precision
        return None, None
    tense = _tense(counted)
    if tense == "present":
        return (publication, _PUBLICATION) if publication else (None, None)
    if tense == "past" and sentence.start > 0:
        previous = document.doc[sentence.start - 1].sent
        dated = [t for t in _timexes_in(document, previous) if _calendar(t)]
        if dated:
            return dated[0].value, dated[0].precision
    return None, None


def _place_mention(document: _Document, quantity: Quantity,
                   sentence: Span) -> ResolvedMention | None:
    for token, mention in document.mentions_in(sentence):
        if token.idx < quantity.end or mention.label not in ("GPE", "LOC", "NORP", "FAC"):
            continue
        if mention.label == "NORP":
            holder = token.head if token.dep_ in ("amod", "compound") else None
            if holder is None or mention.actor is None or mention.actor.kind != "country":
                continue
            token = holder
        if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE | _DESTINATION:
            return mention
    return None


def _evidence(document: _Document, sentence: Span) -> Evidence:
    raw = sentence.text
    start = sentence.start_char + (len(raw) - len(raw.lstrip()))
    end = sentence.start_char + len(raw.rstrip())
    return Evidence(document.parsed.doc_id, start, end, document.text[start:end])


def _read(document: _Document, quantity: Quantity, earlier: list[_Reading]) -> _Reading | None:
    counted = _counted_token(document, quantity)
    if counted is None or not _is_figure(quantity):
        return None
    sentence = counted.sent
    measure, unit = _own_measure(document, quantity, counted, sentence)
    if measure is None:
        return _read_elliptical(document, quantity, counted, sentence, earlier)
    if measure == quantity.noun and (_names_things(document, quantity)
                                     or _is_compound_modifier(document, quantity)):
        return None
    subject = _subject(document, counted, sentence, measure, quantity.start)
    as_of, precision = _as_of(document, quantity, counted, sentence)
    return _Reading(quantity, sentence, measure, unit, subject, as_of, precision)


def _read_elliptical(document: _Document, quantity: Quantity, counted: Token, sentence: Span,
                     earlier: list[_Reading]) -> _Reading | None:
    """A bare number: it counts what the text it leans on counts, or it is not a figure."""
    if _DEFINITE_BEFORE.search(document.text[: quantity.start]):
        for antecedent in reversed(earlier):
            if antecedent.quantity.value == quantity.value and quantity.value is not None:
                return replace(antecedent, quantity=quantity, sentence=sentence,
                               place_span=None)
    as_of, precision = _as_of(document, quantity, counted, sentence)
    same_sentence = [r for r in earlier if r.sentence.start == sentence.start]
    if same_sentence:
        previous = same_sentence[-1]
        subject = _subject(document, counted, sentence, previous.measure, quantity.start)
        return _Reading(quantity, sentence, previous.measure, previous.unit,
                        previous.subject or subject, as_of, precision)
    measure = _lexicon_noun_before(sentence, quantity.start)
    if measure is None:
        return None
    subject = _subject(document, counted, sentence, measure, quantity.start)
    return _Reading(quantity, sentence, measure, None, subject, as_of, precision)


def _places(document: _Document, readings: list[_Reading]) -> list[PlaceRef | None]:
    """Resolve every figure's place in one pass, so one name is one place per article."""
    named = [r.place_span for r in readings if r.place_span is not None]
    toponyms = sorted({(m.start, m.end) for m in named if m.label != "NORP"})
    resolved = dict(zip(toponyms, resolve_toponyms(
        document.text, toponyms, dateline=document.parsed.dateline), strict=True)) \
        if toponyms else {}
    places: list[PlaceRef | None] = []
    for reading in readings:
        mention = reading.place_span
        place = None
        if mention is not None and mention.label == "NORP" and mention.actor is not None:
            name = mention.actor.name
            found = resolve_toponyms(name, [(0, len(name))])[0]
            place = found or PlaceRef(name, mention.actor.country or mention.actor.actor_id)
        elif mention is not None:
            place = resolved.get((mention.start, mention.end))
        if place is not None and not isinstance(place, PlaceRef):
            place = PlaceRef(place.name, place.country, place.admin1, place.lat, place.lon)
        places.append(place)
    return places


def _split_change(document: _Document, quantity: Quantity) -> list[Quantity]:
    """"Expand from 500 to 4,000 troops" reports two figures, before and after, not a range."""
    match = _FROM_TO.match(quantity.text)
    if quantity.qualifier != "range" or match is None:
        return [quantity]
    span = document.doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    verb = span.root.head if span is not None else None
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb is None or verb.lemma_ not in _CHANGE_VERBS:
        return [quantity]
    parts = []
    for group, value in (("before", quantity.low), ("after", quantity.high)):
        start, end = quantity.start + match.start(group), quantity.start + match.end(group)
        parts.append(replace(quantity, start=start, end=end, text=document.text[start:end],
                             value=value, low=None, high=None, qualifier="exact"))
    return parts


def extract_figures(parsed: ParsedDocument) -> list[FigureMention]:
    """Every figure of a parsed document, in text order, each with its sentence as evidence."""
    document = _Document(parsed)
    readings: list[_Reading] = []
    quantities = find_quantities(parsed.text, parsed.doc)
    for quantity in [part for q in quantities for part in _split_change(document, q)]:
        reading = _read(document, quantity, readings)
        if reading is None:
            continue
        reading.place_span = _place_mention(document, quantity, reading.sentence)
        readings.append(reading)
    figures = []
    for reading, place in zip(readings, _places(document, readings), strict=True):
        quantity = reading.quantity
        figures.append(FigureMention(
            doc_id=parsed.doc_id, measure=reading.measure, value=quantity.value,
            low=quantity.low, high=quantity.high, qualifier=quantity.qualifier,
            evidence=_evidence(document, reading.sentence), span=(quantity.start, quantity.end),
            unit=reading.unit, subject=reading.subject, as_of=reading.as_of,
            as_of_precision=reading.as_of_precision, place=place))
    log.debug("%s: %d figures", parsed.doc_id, len(figures))
    return figures
