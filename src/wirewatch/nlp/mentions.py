"""Named mentions of actors and places: spaCy's entities, corrected with the actor registry.

spaCy's small model misses or mislabels names that matter most here ("ISIL" as a product,
"Five Eyes" as a number, "Stoltenberg" as an organisation). We fix that with what the registry
knows (a phrase matcher over its names and demonyms, relabelling of entities it recognises) and
with the document itself (a surname already seen as a PERSON is a PERSON). Unresolved mentions
are kept: the registry is not the whole world.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from wirewatch.actors.registry import ActorEntry, Registry

LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")

# Registry aliases that are also ordinary words or common names ("IS", "AP", "Wagner"): they
# still resolve through Registry.lookup, but do not create a mention on their own.
AMBIGUOUS_ALIASES = frozenset({
    "IS", "AP", "CP", "AU", "AQ", "CAR", "SIS", "ANA", "RIA", "JAS", "CTS", "CIC", "SNA", "ROC",
    "Saudi", "Wagner", "Amnesty", "Liberals", "Conservatives", "Tories", "Met", "Commission",
    "Bloc", "Security Service", "Security Council", "General Assembly", "Congress", "Duma",
    "Central Command", "Islamic Jihad", "Mounties", "Global Coalition",
    "Council of Representatives", "Fars", "Anadolu", "Guardian",
})
_PEOPLE_SECTORS = ("ETH", "REL")
_POSSESSIVES = ("'s", "’s", "'", "’")
# Not "around": "the team around Biden".
_PLACE_PREPOSITIONS = frozenset({"near", "in", "outside"})
# Words after a name that make it a place's: "Maidan Wardak province", "the Sulu region",
# "the Maidan Wardak provincial council".
_PLACE_UNITS = frozenset("province provincial region regional district governorate county "
                         "municipality prefecture oblast".split())
# Nouns a place name stands beside: "the capital, Sanaa,", "the city of Mosul".
_PLACE_NOUNS = frozenset("capital city town village province region district governorate "
                         "county state".split())
# Last words that make a "person" an organisation's or a building's name ("John Radcliffe
# Hospital", "Védelmi Ipari Kft").
_ORGANISATION_ENDS = frozenset("Ltd Inc Corp Co Kft GmbH AG SA plc PLC LLC Group Bank Company "
                               "Foundation Institute University College".split())
# Things a name may name as a modifier ("the EastMed pipeline"); not "the Trump administration",
# "the Obama era" or "the Trump plan", where the name is a person's.
_THING_NOUNS = frozenset("pipeline project line field terminal airline airport bridge dam "
                         "missile rifle vessel ship mine plant refinery reactor".split())
_BUILDING_ENDS = frozenset("Hospital Airport Stadium Mosque Church Cathedral Prison Bridge "
                           "Street Road Square".split())


@dataclass(frozen=True)
class Mention:
    """A named mention: char offsets into the doc text, its label and its sentence index."""

    start: int
    end: int
    text: str
    label: str
    sentence: int


@dataclass
class _Candidate:
    start: int  # token offsets
    end: int
    label: str
    from_registry: bool
    reread: bool = False  # a "person" the words around it showed to be something else


def find_mentions(doc: Doc, registry: Registry | None = None) -> list[Mention]:
    """The PERSON/ORG/GPE/LOC/NORP/FAC mentions of a parsed doc, in text order."""
    registry = registry or Registry.load()
    matcher = _matcher_for(doc.vocab, registry)
    spacy_spans = [c for c in map(_trimmed, doc.ents) if c is not None]
    registry_spans = [
        _Candidate(start, end, doc.vocab.strings[match_id], True)
        for match_id, start, end in matcher(doc)
    ]
    candidates = _merge(spacy_spans, registry_spans)
    candidates = [c for c in candidates if c.label in LABELS or c.from_registry]
    _relabel_known(doc, candidates, registry)
    _follow_rereadings(doc, candidates)
    candidates += _propagate_person_names(doc, candidates, registry)
    return _to_mentions(doc, sorted(candidates, key=lambda c: c.start))


def _trimmed(ent: Span) -> _Candidate | None:
    """An entity without a leading article or "near", a trailing possessive or anything past a
    line break; None for a "person" with no capitalised word."""
    doc = ent.doc
    start, end = ent.start, ent.end
    for i in range(start, end):
        if doc[i].is_space:
            end = i
            break
    if end - start > 1 and doc[start].lower_ == "the":
        start += 1
    # "Near Ar Raqqah, one strike destroyed…" (coalition strike reports): the preposition is
    # read into the name (and the name as a person's: see below).
    if end - start > 1 and doc[start].lower_ == "near" and doc[start + 1].lower_ != "east":
        start += 1
    if end - start > 1 and doc[end - 1].text in _POSSESSIVES:
        end -= 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    if end <= start:
        return None
    label = _person_checked(doc, start, end) if ent.label_ == "PERSON" else ent.label_
    if not label:
        return None
    return _Candidate(start, end, label, False, reread=ent.label_ == "PERSON" and label != "PERSON")


def _person_checked(doc: Doc, start: int, end: int) -> str | None:
    """The label of a span spaCy reads as a person's name, given the words around it: a place,
    an organisation or building, or None when it is no name at all."""
    words = doc[start:end]
    if not any(t.text[:1].isupper() for t in words):
        return None  # a name has a capital ("bin Laden"); "pump jack" is not a person
    after = doc[end] if end < len(doc) else None
    # "strikes near Al Hasakah", "a hospital in Maidan Shahr": after a preposition of place,
    # unless a possessive follows ("in Warhol's legacy").
    possessive = after is not None and after.text in _POSSESSIVES
    if start > 0 and doc[start - 1].lower_ in _PLACE_PREPOSITIONS and not possessive:
        return "GPE"
    if after is not None and after.lower_ in _PLACE_UNITS:
        return "GPE"
    if _beside_place_noun(doc, start, end):
        return "GPE"
    if words[-1].text in _ORGANISATION_ENDS:
        return "ORG"
    if words[-1].text in _BUILDING_ENDS:
        return "FAC"
    if words.root.dep_ == "compound" and words.root.head.lemma_ in _THING_NOUNS:
        return "FAC"  # "the EastMed gas pipeline", "the Poseidon line"
    if len(words) == 1 and words[0].is_upper and len(words[0].text) <= 4:
        return None  # "8:30 p.m. BST": an abbreviation, not a name
    return "PERSON"


def _beside_place_noun(doc: Doc, start: int, end: int) -> bool:
    """ "the capital, Sanaa,", "the city of Sanaa": the name is in apposition to, or the "of"
    complement of, a noun for a place."""
    root = doc[start:end].root
    if root.dep_ == "appos" and root.head.lower_ in _PLACE_NOUNS:
        return True
    return (start > 1 and doc[start - 1].lower_ == "of"
            and doc[start - 2].lower_ in _PLACE_NOUNS and doc[start - 2].pos_ == "NOUN")


def _merge(spacy_spans: list[_Candidate], registry_spans: list[_Candidate]) -> list[_Candidate]:
    """spaCy's spans, plus registry spans where they add or correct something.

    A registry span replaces spaCy spans it covers (it knows "Islamic State of Iraq and the
    Levant" is one name); a spaCy span that strictly contains a registry span wins ("Canadian
    Armed Forces" over "Canadian"); crossing spans keep spaCy's reading; a same-extent PERSON
    stays a PERSON unless the registry names an organisation-like actor there.
    """
    kept = list(spacy_spans)
    for new in _longest_first(registry_spans):
        overlapping = [c for c in kept if c.start < new.end and new.start < c.end]
        if any(c.from_registry for c in overlapping):
            continue
        if all(new.start <= c.start and c.end <= new.end for c in overlapping):
            same = [c for c in overlapping if (c.start, c.end) == (new.start, new.end)]
            if same and same[0].label == "PERSON" and new.label != "ORG":
                continue
            kept = [c for c in kept if c not in overlapping] + [new]
    return kept


def _longest_first(spans: list[_Candidate]) -> list[_Candidate]:
    return sorted(spans, key=lambda c: (c.start - c.end, c.start))


def _relabel_known(doc: Doc, candidates: list[_Candidate], registry: Registry) -> None:
    """Give spaCy's entities the label the registry implies for the actor they name."""
    demonyms = registry.demonyms()
    for cand in candidates:
        if cand.from_registry:
            continue
        surface = doc[cand.start : cand.end].text
        entry = registry.lookup(surface)
        if entry is None:
            continue
        if surface in demonyms and not _is_alias(entry, surface):
            if cand.label in ("GPE", "ORG", "PERSON"):
                cand.label = "NORP"
        elif entry.kind in ("igo", "armed_group") and cand.label != "ORG":
            cand.label = "ORG"
        elif entry.kind == "country" and cand.label in ("ORG", "NORP"):
            cand.label = "GPE"


def _is_alias(entry: ActorEntry, surface: str) -> bool:
    return surface == entry.name or surface in entry.aliases


def _follow_rereadings(doc: Doc, candidates: list[_Candidate]) -> None:
    """A name the words around one of its mentions showed not to be a person's ("the EastMed
    pipeline", "in Maidan Shahr") is not a person's elsewhere in the document either ("EastMed
    is open to other countries")."""
    reread = {doc[c.start:c.end].text: c.label for c in candidates if c.reread}
    for cand in candidates:
        text = doc[cand.start:cand.end].text
        if cand.label == "PERSON" and not cand.from_registry and text in reread:
            cand.label = reread[text]


def _propagate_person_names(
    doc: Doc, candidates: list[_Candidate], registry: Registry
) -> list[_Candidate]:
    """Within one document, a name first seen as a PERSON ("Jens Stoltenberg") stays a PERSON.

    Relabels mislabelled mentions of the full name or surname, and adds unlabelled proper-noun
    tokens that repeat a known surname.
    """
    names = set()
    for cand in candidates:
        if cand.label == "PERSON" and not cand.from_registry:
            tokens = [t.text for t in doc[cand.start : cand.end]]
            forms = [" ".join(tokens), tokens[-1]] if len(tokens) > 1 else tokens
            names.update(f for f in forms if registry.lookup(f) is None)
    if not names:
        return []
    covered = set()
    for cand in candidates:
        covered.update(range(cand.start, cand.end))
        text = " ".join(t.text for t in doc[cand.start : cand.end])
        if not cand.from_registry and cand.label in ("ORG", "GPE", "NORP") and text in names:
            cand.label = "PERSON"
    tagged = doc.has_annotation("TAG")
    return [
        _Candidate(token.i, token.i + 1, "PERSON", False)
        for token in doc
        if token.i not in covered
        and token.is_title
        and token.text in names
        and (token.pos_ == "PROPN" or not tagged)
    ]


def _to_mentions(doc: Doc, candidates: list[_Candidate]) -> list[Mention]:
    has_sentences = doc.has_annotation("SENT_START")
    sentence_starts = [s.start for s in doc.sents] if has_sentences else [0]
    mentions = []
    for cand in candidates:
        if cand.label not in LABELS:
            continue
        span = doc[cand.start : cand.end]
        sentence = bisect.bisect_right(sentence_starts, cand.start) - 1
        mentions.append(
            Mention(span.start_char, span.end_char, span.text, cand.label, sentence)
        )
    return mentions


_MATCHERS: dict[int, tuple[Vocab, Registry, PhraseMatcher]] = {}


def _matcher_for(vocab: Vocab, registry: Registry) -> PhraseMatcher:
    """One phrase matcher per (vocab, registry), built on first use."""
    key = id(vocab) ^ id(registry)
    held = _MATCHERS.get(key)
    if held and held[0] is vocab and held[1] is registry:
        return held[2]
    matcher = _build_matcher(vocab, registry)
    _MATCHERS[key] = (vocab, registry, matcher)
    return matcher


def _build_matcher(vocab: Vocab, registry: Registry) -> PhraseMatcher:
    tokenizer = English(vocab=vocab).tokenizer
    patterns: dict[str, str] = {}
    seats = registry.seats()
    for entry in registry.entries():
        label = _label_for(entry)
        for alias in (entry.name, *entry.aliases):
            patterns.setdefault(_without_article(alias), "GPE" if alias in seats else label)
    for demonym in registry.demonyms():
        patterns.setdefault(demonym, "NORP")
    matcher = PhraseMatcher(vocab, attr="ORTH")
    by_label: dict[str, list[Doc]] = {}
    for alias, label in patterns.items():
        if alias in AMBIGUOUS_ALIASES or len(alias) < 2 or alias.islower():
            continue
        if _is_description(alias, registry):
            continue
        forms = {alias, alias.upper()} if len(alias) >= 4 else {alias}
        by_label.setdefault(label, []).extend(tokenizer(form) for form in forms)
    for label, docs in by_label.items():
        matcher.add(label, docs)
    return matcher


def _is_description(alias: str, registry: Registry) -> bool:
    """ "Iraqi troops", "New Zealand government": a country or demonym plus common nouns.

    Such aliases resolve through Registry.lookup, but the mention is the country or demonym,
    as newswire annotation (and later stages that read the head noun) expect.
    """
    words = alias.split()
    for cut in range(len(words) - 1, 0, -1):
        head, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if not rest.islower():
            return False
        entry = registry.lookup(head)
        if entry is not None and (entry.kind == "country" or head in registry.demonyms()):
            return True
    return False


def _label_for(entry: ActorEntry) -> str:
    if entry.kind == "country":
        return "GPE"
    if entry.kind == "person":
        return "PERSON"
    if entry.sector in _PEOPLE_SECTORS:
        return "NORP"
    return "ORG"


def _without_article(alias: str) -> str:
    return alias[4:] if alias[:4] in ("the ", "The ") else alias
