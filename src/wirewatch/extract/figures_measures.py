"""What a figure counts: the measure lexicon and the rules that read a quantity's measure.

A measure is a short normalised name ("troops", "fighters", "killed", "money") so that figures
from different outlets that count the same thing line up in one series. Three readings, in order:

1. the verb: a number that is the subject or object of a killing or wounding verb counts the
   dead or the injured ("16 people killed", "killing dozens", "one person was killed");
2. the counted noun, through the lexicon ("soldiers" -> troops, "CF-18s" -> aircraft);
3. for people in general ("people", "men", "children", "Canadians") the words around them:
   custody or camps make them detainees, extremism or fighting abroad makes them fighters.
   The group itself ("men", "women", "children") is kept as the figure's unit, so one sentence
   giving a breakdown yields three figures of one measure that do not contradict each other.

Anything else counts its own noun lemma ("two occasions" -> "occasion").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_LEXICON: dict[str, tuple[str, ...]] = {
    "troops": ("troop", "soldier", "personnel", "serviceman", "servicemen", "servicewoman",
               "sailor", "airman", "airmen", "marine", "paratrooper", "peacekeeper"),
    "fighters": ("fighter", "militant", "jihadist", "jihadi", "insurgent", "extremist",
                 "combatant", "rebel", "terrorist", "recruit", "volunteer", "guerrilla",
                 "militiaman", "militiamen"),
    "trainers": ("trainer", "instructor", "adviser", "advisor", "mentor"),
    "aircraft": ("aircraft", "jet", "plane", "warplane", "airplane", "helicopter", "drone",
                 "bomber", "CF-18", "F-16", "F-35", "F-18", "hornet", "chopper", "tanker"),
    "killed": ("death", "casualty", "fatality", "dead", "victim", "body"),
    "injured": ("injury", "wounded", "injured"),
    "detainees": ("detainee", "prisoner", "captive", "hostage", "inmate"),
    "strikes": ("strike", "airstrike", "air strike", "sortie", "raid", "bombing"),
    "refugees": ("refugee", "asylum seeker", "asylum-seeker"),
    "displaced": ("displaced", "evacuee"),
    "returnees": ("returnee",),
}
# What analysts follow over time: forces, casualties, captives and the displaced.
TRACKED_MEASURES = frozenset(_LEXICON)
MEASURE_OF_NOUN: dict[str, str] = {
    noun.lower(): measure for measure, nouns in _LEXICON.items() for noun in nouns
}

# People counted without saying what they are: the context decides.
PERSON_NOUNS = frozenset("people person man woman child kid boy girl minor adult individual "
                         "citizen national resident civilian canadian".split())
_CONTEXT_MEASURES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:custody|detain\w*|detention|camps?|prisons?|jail\w*|imprison\w*"
                r"|held\b|captured|arrested)", re.I), "detainees"),
    (re.compile(r"\b(?:extremis\w*|jihad\w*|militan\w*|radicali[sz]\w*|foreign fighters?"
                r"|(?:joined|join|fight\w*\s+(?:for|with|alongside))\s+(?:isis|isil|the islamic"
                r" state|al-qaida|al-qaeda|daesh))", re.I), "fighters"),
    (re.compile(r"\brefugees?\b|\bfled\b|\bfleeing\b|\basylum\b", re.I), "refugees"),
    (re.compile(r"\bdisplaced\b", re.I), "displaced"),
]
# Groups within a count of people that a breakdown names.
BREAKDOWN_NOUNS = frozenset("man woman child kid boy girl minor adult".split())

_KILL_VERBS = frozenset("kill die slay murder execute behead massacre perish "
                        "assassinate".split())
_WOUND_VERBS = frozenset("injure wound hurt maim".split())
_MEMBERS_OF_FORCES = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?[\w\s'’-]{0,30}?"
                                r"\b(?:forces|military|army|navy|air force)\b", re.I)
_MONEY_CODE = re.compile(r"^[A-Z]{3}(?:/|$)")


def _casualty_of_verb(verb: Token) -> str | None:
    if verb.lemma_ in _KILL_VERBS or verb.lower_ in ("dead", "killed"):
        return "killed"
    if verb.lemma_ in _WOUND_VERBS or verb.lower_ in ("wounded", "injured"):
        return "injured"
    return None


def measure_of_verb(counted: Token) -> str | None:
    """'killed' or 'injured' when the counted token is the subject or object of such a verb, or
    such a participle qualifies it ("16 people killed", "killing 16", "one person was killed")."""
    if counted.dep_ in ("nsubj", "nsubjpass", "dobj") and counted.head.pos_ in ("VERB", "AUX"):
        measure = _casualty_of_verb(counted.head)
        if measure:
            return measure
    if counted.dep_ == "conj" and counted.head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return measure_of_verb(counted.head)
    if counted.dep_ == "pobj" and counted.head.lower_ == "of" and counted.head.head.i != counted.i:
        return measure_of_verb(counted.head.head)  # "killing dozens of people"
    for child in counted.children:
        if child.dep_ in ("acl", "amod", "relcl") and (measure := _casualty_of_verb(child)):
            return measure
    return None


def measure_of_noun(lemma: str, text_after: str = "") -> str | None:
    """The lexicon's measure for a counted noun lemma, or None when it has none. "Members" are
    troops only when they are members of armed forces."""
    key = lemma.lower()
    if key == "member":
        return "troops" if _MEMBERS_OF_FORCES.match(text_after) else None
    return MEASURE_OF_NOUN.get(key) or MEASURE_OF_NOUN.get(key.rstrip("s"))


def measure_of_context(sentence: str) -> str | None:
    """The measure that the words of a sentence give to a count of people, if any."""
    for pattern, measure in _CONTEXT_MEASURES:
        if pattern.search(sentence):
            return measure
    return None


def measure_of_unit(unit: str, share_of: str | None = None) -> tuple[str, str | None]:
    """(measure, unit) for a quantity that carries a unit: money, a share of something ("40
    percent of refugees" -> "percent of refugee"), a size."""
    if _MONEY_CODE.match(unit):
        return "money", unit
    if unit == "percent":
        return (f"percent of {share_of}" if share_of else "percent"), "percent"
    return unit, unit
