"""Readings that depend on the words just outside a span: a head shared by coordinated words
("the second and fourth quarters"), a range's unit ("two to six days"), "for" before a vague
stretch of time, and "today is the eighth day of".
"""

from __future__ import annotations

import re
from datetime import date

from wirewatch.extract.timex_calendar import Reading
from wirewatch.extract.timex_lexicon import (
    FUZZY_UNITS,
    NUMBER_RE,
    ORDINAL_WORDS,
    UNIT_RE,
    UNITS,
    WEEKDAY_RE,
    unit_name,
)

_ORDINAL = "|".join(word for word in ORDINAL_WORDS if word not in ("last", "final"))
# "The second and fourth quarters", "Monday and Tuesday nights": the first word takes the
# plural head the two share.
_SHARED_HEAD = re.compile(
    rf"\s*,?\s+(?:and|or)\s+(?:the\s+)?(?:{_ORDINAL}|{WEEKDAY_RE})[\s-]+(quarters|halves"
    r"|mornings|afternoons|evenings|nights)\b",
    re.I,
)
# "Two to six days", "two or three weeks": the first number takes the range's unit.
_RANGE_UNIT = re.compile(rf"\s*(?:to|or|-)\s+{NUMBER_RE}[\s-]+({UNIT_RE})\b", re.I)
_RANGE = re.compile(rf"(?P<head>(?:the\s+(?:next|past|last)\s+)?{NUMBER_RE})\s+(?:to|or|-)\s+"
                    rf"{NUMBER_RE}[\s-]+(?P<unit>{UNIT_RE})")


def with_shared_head(text: str, after: str) -> str:
    """The span completed by the head or unit it shares with the words after it."""
    if re.fullmatch(rf"(?:the\s+)?(?:{_ORDINAL}|{WEEKDAY_RE})", text) and (
        m := _SHARED_HEAD.match(after)
    ):
        return f"{text} {m[1].lower()}"
    if re.fullmatch(NUMBER_RE, text) and (m := _RANGE_UNIT.match(after)):
        return f"{text} {m[1].lower()}"
    if m := _RANGE.fullmatch(text):
        return f"{m['head']} {m['unit']}"
    return text


# "For the past few weeks" is how long something lasted, not a vague time in the past.
_FOR_BEFORE = re.compile(r"\bfor\s*$", re.I)
_VAGUE_STRETCH = re.compile(
    rf"(?P<for>for\s+)?(?:the\s+)?(?:past|last|next)\s+(?:few|several)\s+(?P<unit>{UNIT_RE})")


def vague_stretch(text: str, before: str) -> Reading | None:
    m = _VAGUE_STRETCH.fullmatch(text)
    if not m or not (m["for"] or _FOR_BEFORE.search(before)):
        return None
    unit = unit_name(m["unit"])
    letter, is_time, _ = UNITS[unit]
    return Reading("DURATION", f"{'PT' if is_time else 'P'}X{FUZZY_UNITS.get(unit, letter)}", None)


# "Today is the eighth day of the strike": the count names the reference day itself.
_TODAY_IS = re.compile(r"\b(?:today\s+is|today's|it\s+is|it's)\s+(?:the\s+)?$", re.I)
_NTH_DAY = re.compile(rf"(?:the\s+)?(?:{_ORDINAL}|\d+(?:st|nd|rd|th))\s+day")


def day_counted_today(text: str, reference: date | None, before: str) -> Reading | None:
    if reference is None or not _NTH_DAY.fullmatch(text) or not _TODAY_IS.search(before):
        return None
    return Reading("DATE", reference.isoformat(), "day")
