"""Who a person is, as a sentence says it: titles before a name and appositives around it.

"U.S. Defense Secretary Ashton Carter", "NATO secretary-general Jens Stoltenberg",
"Bessma Momani, a Middle East expert at the University of Waterloo", "A senior research fellow
at the Institute for Strategic Dialogue, Amarnath Amarasingham, says". Each becomes a
RoleObservation: the title (modifiers removed), the organisation and country the modifiers or the
prepositional object name (through the registry), and a PLOVER/CAMEO-style sector read from the
title's head word. A national office with no country written ("Prime Minister Justin Trudeau")
takes the document's dominant country only when the sentence (or the one before) names it and
no other country; otherwise the country stays None for consolidation to fill in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from wirewatch.actors.registry import Registry
from wirewatch.nlp.document import is_dateline
from wirewatch.types import ParsedDocument, ResolvedMention

# Title head words -> the sector the title implies (None: the organisation decides).
_HEADS: dict[str, str | None] = {
    **dict.fromkeys("minister premier president chancellor secretary ambassador envoy diplomat "
                    "official mayor governor attaché attache".split(), "GOV"),
    **dict.fromkeys("spokesperson spokesman spokeswoman director spokesmen".split(), None),
    **dict.fromkeys("critic".split(), "OPP"),
    **dict.fromkeys("mp mpp senator lawmaker legislator congressman congresswoman "
                    "parliamentarian".split(), "LEG"),
    **dict.fromkeys("expert analyst professor researcher fellow scholar academic lecturer "
                    "historian economist specialist".split(), "EDU"),
    **dict.fromkeys("general commander colonel admiral brigadier lieutenant captain sergeant "
                    "soldier commodore marshal gen. lt. col. maj. adm. sgt. capt. brig. "
                    "cmdr.".split(), "MIL"),
    **dict.fromkeys("judge prosecutor".split(), "JUD"),
    **dict.fromkeys("journalist reporter editor columnist correspondent".split(), "MED"),
    **dict.fromkeys("ceo executive chairman chairwoman businessman".split(), "BUS"),
    **dict.fromkeys("farmer".split(), "AGR"),
    **dict.fromkeys("leader chief head founder".split(), None),
}
# Offices a country holds; without a written country they may take the document's country.
_NATIONAL = frozenset("minister premier president chancellor secretary critic mp mpp senator "
                      "lawmaker ambassador".split())
# Portfolio words that put a government office in the military sector as well.
_MILITARY_PORTFOLIO = frozenset("defence defense military veterans".split())
# Lower-case words that may sit inside a title ("defence critic", "secretary-general").
_TITLE_LOWER = frozenset("defence defense foreign affairs public safety finance immigration "
                         "justice health trade international development national security "
                         "deputy vice prime general senior junior chief associate assistant "
                         "research former acting interim special presidential opposition "
                         "federal provincial state party".split()) | frozenset(_HEADS)
_PORTFOLIO = frozenset("defence defense staff foreign affairs public safety finance "
                       "immigration justice health trade international development national "
                       "security communications state".split())
_QUALIFIERS = frozenset("former acting interim senior junior associate assistant top "
                        "then".split())
_PARTIES = frozenset("conservative liberal labour labor democratic republican green ndp tory "
                     "socialist communist".split())
_LINKS = frozenset("at with for of from in".split())
_DETERMINERS = frozenset("a an the".split())
_THINK_TANK = ("institute", "centre", "center", "council", "foundation", "forum", "group")
_ACADEMIC = ("university", "college", "school", "academy")


@dataclass(frozen=True)
class RoleObservation:
    """One title or affiliation a document gives a person, with where it says so."""

    doc_id: str
    person_name: str
    title: str
    organization: str | None
    country: str | None
    sector: str | None
    start: int
    end: int
    person_id: str | None = None
    sectors: tuple[str, ...] = ()  # the primary sector first, then secondary ones ("GOV", "MIL")


@dataclass
class _Reading:
    title_tokens: list[Token]
    context: list[Token]  # tokens whose mentions name the organisation and country
    start: int
    end: int


def extract_roles(
    parsed: ParsedDocument, registry: Registry | None = None
) -> list[RoleObservation]:
    """The role observations of every person mention in a parsed document, in text order."""
    registry = registry or Registry.load()
    doc: Doc = parsed.doc
    dominant = home_country(parsed, registry)
    observations = []
    for mention in parsed.mentions:
        if mention.label != "PERSON" or mention.actor is None:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for reading in (_title_before(span, parsed), _appositive(span, parsed)):
            if reading is None:
                continue
            observation = _observation(parsed, mention, reading, dominant, registry)
            if observation is not None:
                observations.append(observation)
    return observations


def home_country(parsed: ParsedDocument, registry: Registry) -> str | None:
    """The country a story is about: where its dateline was filed, else the one named most."""
    seats = registry.seats()
    for m in parsed.mentions:
        if m.label == "GPE" and m.actor is None and is_dateline(parsed.text, m.start, m.end):
            entry = registry.lookup(m.text)
            if entry is not None and (m.text in seats or m.text.title() in seats):
                return entry.country
    if parsed.dateline and (entry := registry.lookup(parsed.dateline)) is not None:
        return entry.country
    return dominant_country(parsed.mentions)


def dominant_country(mentions: list[ResolvedMention]) -> str | None:
    """The country a document names most (countries, demonyms, governments, their bodies)."""
    counts = Counter(
        m.actor.country for m in mentions
        if m.actor is not None and m.actor.country and m.actor.kind in ("country",
                                                                         "government_body")
    )
    return counts.most_common(1)[0][0] if counts else None


def _is_title_word(token: Token) -> bool:
    if token.lower_ in _TITLE_LOWER:
        return True
    return (token.is_title or token.is_upper) and token.pos_ in ("PROPN", "NOUN", "ADJ")


def _title_before(span: Span, parsed: ParsedDocument) -> _Reading | None:
    """ "U.S. Defense Secretary", "NATO secretary-general", "Secretary of Defence" before a name."""
    doc = span.doc
    person_tokens, named_tokens = _mention_tokens(parsed, span)
    i = span.start - 1
    sentence_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    while i >= sentence_start:
        token = doc[i]
        if i in person_tokens or _is_break(token):
            break
        if token.is_space:
            i -= 1
            continue
        joined = token.text == "-" and i > 0 and not doc[i - 1].whitespace_ and _is_title_word(
            doc[i - 1])
        after_head = token.lower_ == "of" and i > 0 and doc[i - 1].lower_ in _HEADS
        # "Canada's Defence Minister": the possessive of a named actor modifies the title.
        possessive = token.lower_ in ("'s", "’s") and i - 1 in named_tokens
        if not (joined or after_head or possessive or _is_title_word(token)
                or i in named_tokens):
            break
        i -= 1
    tokens = [t for t in doc[i + 1 : span.start] if not t.is_space]
    if not any(t.lower_ in _HEADS for t in tokens):
        return None
    return _Reading(tokens, tokens, tokens[0].idx, span.end_char)


def _appositive(span: Span, parsed: ParsedDocument) -> _Reading | None:
    """ "Name, a/the <title> at/with/for <organisation>," or the same phrase before the name."""
    doc = span.doc
    sentence = span.sent if doc.has_annotation("SENT_START") else doc[:]
    if span.end < sentence.end and doc[span.end].text == ",":
        phrase = _clause(doc, span.end + 1, sentence.end)
        if phrase and (phrase[0].lower_ in _DETERMINERS or phrase[0].lower_ in _HEADS):
            return _reading_of(phrase, phrase[0].idx if phrase else span.end_char, span)
    if (span.start - 1 > sentence.start and doc[span.start - 1].text == ","
            and doc[sentence.start].lower_ in _DETERMINERS
            and span.end < sentence.end and doc[span.end].text == ","):
        phrase = list(doc[sentence.start : span.start - 1])
        return _reading_of(phrase, doc[sentence.start].idx, span)
    return None


def _clause(doc: Doc, start: int, end: int) -> list[Token]:
    tokens = []
    for token in doc[start:end]:
        if token.text in (",", ";", ".", "(", ")") or _is_break(token) or (
                token.pos_ == "VERB" and token.is_lower):
            break
        if not token.is_space:
            tokens.append(token)
    return tokens


def _is_break(token: Token) -> bool:
    """A line break ends a title; a no-break space inside one ("Canadian\xa0Defense") does not."""
    return token.is_space and "\n" in token.text


def _reading_of(phrase: list[Token], start: int, span: Span) -> _Reading | None:
    """The title is the phrase up to its first linking preposition; the rest is its context."""
    cut = next((k for k, t in enumerate(phrase) if t.lower_ in _LINKS and k > 0), len(phrase))
    # "chief of defence staff", "minister of foreign affairs": a portfolio after "of" is title.
    if cut < len(phrase) and phrase[cut].lower_ == "of" and phrase[cut - 1].lower_ in _HEADS:
        rest = phrase[cut + 1 :]
        portfolio = next((k for k, t in enumerate(rest) if t.lower_ not in _PORTFOLIO),
                         len(rest))
        if portfolio:
            cut += 1 + portfolio
    title = [t for t in phrase[:cut] if t.lower_ not in _DETERMINERS]
    if not title or not any(t.lower_ in _HEADS for t in title):
        return None
    end = max(span.end_char, phrase[-1].idx + len(phrase[-1].text))
    return _Reading(title, phrase, min(start, span.start_char), end)


def _mention_tokens(parsed: ParsedDocument, span: Span) -> tuple[set[int], set[int]]:
    """Token indices of other people (a title never runs into another name) and of the
    organisations, places and peoples that may modify a title ("U.S.", "NATO", "German")."""
    people: set[int] = set()
    named: set[int] = set()
    for m in parsed.mentions:
        if m.start == span.start_char:
            continue
        other = span.doc.char_span(m.start, m.end, alignment_mode="expand")
        if other is not None:
            (people if m.label == "PERSON" else named).update(range(other.start, other.end))
    return people, named


def _observation(
    parsed: ParsedDocument,
    mention: ResolvedMention,
    reading: _Reading,
    dominant: str | None,
    registry: Registry,
) -> RoleObservation | None:
    modifiers = _mentions_within(parsed, reading.context, exclude=mention)
    organization, org_kind, org_sector, country, party = None, None, None, None, None
    skip: set[int] = set()
    for m, tokens in modifiers:
        entry = registry.lookup(m.text)
        if m.actor is None and m.label != "ORG" and m.label != "FAC":
            continue
        if m.label == "PERSON" or entry is None and _is_title_words(m.text):
            continue
        if tokens & {t.i for t in reading.title_tokens}:
            skip |= tokens
        if entry is not None and entry.kind == "country":
            country = country or entry.country
        elif organization is None:
            organization = entry.name if entry is not None else m.text
            org_kind = entry.kind if entry is not None else None
            org_sector = entry.sector if entry is not None else None
            country = country or (entry.country if entry is not None else None)
    words = []
    for token in reading.title_tokens:
        if token.i in skip or token.lower_ in _QUALIFIERS:
            continue
        if token.lower_ in _PARTIES and not words:
            party = token.text
            continue
        words.append(token)
    words = [t for t in words if t.lower_ not in ("'s", "’s")]
    if not any(t.lower_ in _HEADS for t in words):
        return None
    head = _head(words)
    title = _title_text(words)
    organization = organization or party
    sectors = _sectors(head, words, org_kind, org_sector, organization, reading.context)
    if country is None and head in _NATIONAL and org_kind is None:
        country = _supported_country(parsed, mention, dominant)
    return RoleObservation(
        parsed.doc_id, mention.actor.name if mention.actor else mention.text, title,
        organization, country, sectors[0] if sectors else None, reading.start, reading.end,
        mention.actor.actor_id if mention.actor else None, sectors,
    )


def _mentions_within(
    parsed: ParsedDocument, tokens: list[Token], exclude: ResolvedMention
) -> list[tuple[ResolvedMention, set[int]]]:
    if not tokens:
        return []
    lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    found = []
    for m in parsed.mentions:
        if m is exclude or not (lo <= m.start and m.end <= hi):
            continue
        span = parsed.doc.char_span(m.start, m.end, alignment_mode="expand")
        found.append((m, set(range(span.start, span.end)) if span is not None else set()))
    return found


def _is_title_words(text: str) -> bool:
    """A mention spaCy took for an organisation that is only title words ("Defense")."""
    return all(word.lower() in _TITLE_LOWER for word in text.split())


def _head(words: list[Token]) -> str:
    """The title's head word: before "of" in "Secretary of Defence", else the last head word."""
    for k, token in enumerate(words):
        if token.lower_ == "of" and k > 0 and words[k - 1].lower_ in _HEADS:
            return words[k - 1].lower_
    heads = [t.lower_ for t in words if t.lower_ in _HEADS]
    if len(heads) > 1 and heads[-1] == "general" and heads[-2] == "secretary":
        return "secretary-general"
    return heads[-1]


def _title_text(words: list[Token]) -> str:
    """ "defence critic" -> "Defence Critic", "secretary-general" -> "Secretary General"."""
    parts = [t.text for t in words if t.text != "-"]
    return " ".join(p if p.isupper() or p.lower() == "of" else p[:1].upper() + p[1:]
                    for p in parts)


def _sectors(
    head: str,
    words: list[Token],
    org_kind: str | None,
    org_sector: str | None,
    organization: str | None,
    context: list[Token],
) -> tuple[str, ...]:
    if head == "secretary-general" or org_kind == "igo":
        return ("IGO",)
    lowered = {t.lower_ for t in words}
    if head in ("spokesperson", "spokesman", "spokeswoman", "spokesmen", "director"):
        minister = any(t.lower_ in ("minister", "ministry", "department", "government")
                       for t in context)
        if org_kind == "government_body" or minister:
            return ("GOV",)
        return (org_sector,) if org_sector else ()
    sector = _HEADS.get(head) or org_sector
    if sector == "EDU" and organization:
        name = organization.lower()
        if any(w in name for w in _THINK_TANK) and not any(w in name for w in _ACADEMIC):
            return ("NGO", "EDU")
    if sector == "OPP":
        return ("OPP", "LEG")
    if sector == "GOV" and lowered & _MILITARY_PORTFOLIO:
        return ("GOV", "MIL")
    if sector is None and lowered & _MILITARY_PORTFOLIO:
        return ("MIL",)
    return (sector,) if sector else ()


def _supported_country(
    parsed: ParsedDocument, mention: ResolvedMention, home: str | None
) -> str | None:
    """The home country, if it is the first country this sentence names, or the sentence names
    none and the one before starts with it: "Russia backs President X" leaves X's country open."""
    if home is None:
        return None
    first: dict[int, str] = {}
    for m in parsed.mentions:
        if m.actor is not None and m.actor.country and m.actor.kind in ("country",
                                                                         "government_body"):
            first.setdefault(m.sentence, m.actor.country)
    here = first.get(mention.sentence)
    if here is None:
        here = first.get(mention.sentence - 1)
    return home if here == home else None
