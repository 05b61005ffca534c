"""Words of English news dates: months, weekdays, numbers, units, and the tense of a sentence.

Kept apart from the rules so the recogniser and the normaliser share one vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6,
    "sat": 6, "sunday": 7, "sun": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Parts of the day as TimeML writes them after a date ("1998-02-06TMO").
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "last": -1, "final": -1,
}
VAGUE_QUANTITIES = {"several", "few", "a few", "some", "many", "a couple of", "couple of",
                    "a number of", "numerous", "the", ""}
# Duration units: TimeML letter, whether it sits after "T", and how many of the letter it is.
UNITS = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1),
    "fortnight": ("W", False, 2), "month": ("M", False, 1), "quarter": ("Q", False, 1),
    "year": ("Y", False, 1), "decade": ("Y", False, 10), "century": ("Y", False, 100),
    "millennium": ("L", False, 1),
}
FUZZY_UNITS = {"decade": "E", "century": "C"}

MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
WEEKDAY_RE = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
NUMBER_RE = (
    r"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|a dozen|dozen|half an?|an?|one|two"
    r"|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|hundred)"
)
UNIT_RE = (r"(?:(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade"
           r"|centur(?:y|ie))s?|millenni(?:um|a))")


def unit_name(word: str) -> str:
    """The singular key of UNITS for a unit word: 'centuries' -> 'century', 'millennia' ->
    'millennium'."""
    word = word.lower()
    if word.startswith("millenni"):
        return "millennium"
    return "century" if word.startswith("centur") else word.rstrip("s")


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def weekday_number(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in WEEKDAYS:
        return WEEKDAYS[word]
    for name, number in WEEKDAYS.items():
        if len(name) > 3 and word.startswith(name[:3]) and name.startswith(word):
            return number
    return None


_MIXED_FRACTION = re.compile(r"(\d+)\s+(\d)/(\d)")
_DECIMAL = re.compile(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?")
_HYPHENATED = re.compile(r"([a-z]+)-([a-z]+)")
_SPELLED_ORDINAL = re.compile(r"(twenty|thirty)[\s-]([a-z]+)")
_NUMBERED_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)?")


def parse_number(text: str) -> float | None:
    """'two' -> 2, '2 1/2' -> 2.5, 'twenty-five' -> 25, '1,000' -> 1000; None if not a number."""
    text = text.lower().strip()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    if m := _MIXED_FRACTION.fullmatch(text):
        return int(m[1]) + int(m[2]) / int(m[3])
    if _DECIMAL.fullmatch(text):
        return float(text.replace(",", ""))
    if m := _HYPHENATED.fullmatch(text):
        tens, ones = NUMBER_WORDS.get(m[1]), NUMBER_WORDS.get(m[2])
        if tens and ones and tens >= 20 and ones < 10:
            return tens + ones
    return None


def parse_ordinal(text: str) -> int | None:
    """'3rd' -> 3, 'third' -> 3, 'twenty-second' -> 22, 'last' -> -1."""
    text = text.lower().strip()
    if text in ORDINAL_WORDS:
        return ORDINAL_WORDS[text]
    if m := _SPELLED_ORDINAL.fullmatch(text):
        ones = ORDINAL_WORDS.get(m[2], 0)
        return NUMBER_WORDS[m[1]] + ones if 0 < ones < 10 else None
    if m := _NUMBERED_ORDINAL.fullmatch(text):
        return int(m[1])
    return None


# Tense cues. A weekday or month with no year is placed before or after the reference date by
# the nearest cue in its sentence; news narrates the past, so past is the default.
_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|going to|plans? to|planned|planning|scheduled|set for|set to"
    r"|expected to|expects? to|due to|is due|are due|is to|are to|would|upcoming|next"
    r"|intends? to|hopes? to|aims? to|until|begins?|starts?|opens?|resumes?|coming|expected"
    r"|payable|effective|please|let's|let us|can you|could you|ahead of)\b|'ll\b",
    re.IGNORECASE,
)
# "Next to" is a place, not a time.
_NOT_FUTURE = re.compile(r"next\s+to\b", re.IGNORECASE)
_PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|said|told|came|went|made|took|gave|met|held|began|won|lost|rose"
    r"|fell|ago|last|earlier|ended|closed|reported|announced|became|brought|bought|caught"
    r"|chose|drove|fled|flew|fought|found|got|heard|kept|knew|led|left|meant|paid|ran|saw|sent"
    r"|sold|spent|spoke|stood|struck|thought|threw|wrote|broke|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
# A capitalised "-ed" word is a name ("United States"); "un-...-ed" is an adjective
# ("unspecified date", "untouched by"): neither is a verb in the past.
_NOT_PAST = re.compile(r"[A-Z][a-z]+ed|un[a-z]+ed")
_PRESENT_CUE = re.compile(r"\b(?:is|are|am|says|say)\b", re.IGNORECASE)
# A past participle after "be" is passive ("will be named"); a past auxiliary before a future
# cue is a plan in the past ("were planning to"): neither makes the clause past.
_PASSIVE = re.compile(r"\b(?:be|being)\s+$", re.IGNORECASE)
_PLAN_AHEAD = re.compile(r"\s*(?:not\s+)?(?:planning|expected|scheduled|set|due|going|about)\b",
                         re.IGNORECASE)
# A plan in the past perfect ("had been scheduled to expire Friday") was overtaken before the
# time of telling: the day it names is behind us, so the plan word counts as past.
_PAST_PERFECT = re.compile(r"\bhad\s+(?:[a-z]+ly\s+)?(?:been\s+)?$", re.IGNORECASE)
# "As soon as Tuesday" sets the earliest a thing can happen: a day still to come.
_AS_SOON_AS = re.compile(r"\bas\s+soon\s+as(?=\s+(?:this\s+|next\s+)?(?:tomorrow|tonight"
                         rf"|{WEEKDAY_RE}\b))", re.IGNORECASE)
_AFTER_WEIGHT = 1.5


# Expressions in one sentence share its context: the cues are read once per sentence.
@lru_cache(maxsize=256)
def _cues(context: str) -> tuple[tuple[int, int, str], ...]:
    cues = [(m.start(), m.end(), "past" if _PAST_PERFECT.search(context, 0, m.start())
             else "future") for m in _FUTURE_CUE.finditer(context)
            if not _NOT_FUTURE.match(context, m.start())]
    cues += [(m.start(), m.end(), "future") for m in _AS_SOON_AS.finditer(context)]
    for m in _PAST_CUE.finditer(context):
        if _PASSIVE.search(context, 0, m.start()) or _PLAN_AHEAD.match(context, m.end()):
            continue
        if _NOT_PAST.fullmatch(m.group(0)):
            continue
        cues.append((m.start(), m.end(), "past"))
    return tuple(cues)


# A closing quotation mark ends the quoted clause: the reporting verb after it ("...,'' Castro
# said") tells when it was said, not when the quoted event happens.
_QUOTE_CLOSE = re.compile(r"''|\"|\u201d")


def tense_near(context: str, expression: str) -> str:
    """'past', 'future', 'present' or 'unknown' for the clause holding `expression` in `context`.

    The nearest cue wins; cues before the expression count more than cues after it, because
    English puts the verb a time adverbial belongs to before it more often than after it.
    """
    if not context:
        return "unknown"
    at = context.lower().find(expression.lower())
    start, end = (at, at + len(expression)) if at >= 0 else (len(context), len(context))
    best: tuple[float, str] | None = None
    for cue_start, cue_end, label in _cues(context):
        if start <= cue_start < end:
            continue
        if cue_start >= end and _QUOTE_CLOSE.search(context, end, cue_start):
            continue
        if cue_end <= start:
            distance: float = start - cue_end
        else:
            distance = (cue_start - end) * _AFTER_WEIGHT
        if best is None or distance < best[0]:
            best = (distance, label)
    if best is None:
        return "present" if _PRESENT_CUE.search(context) else "unknown"
    return best[1]
