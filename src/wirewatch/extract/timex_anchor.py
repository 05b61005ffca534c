"""Expressions placed against the narrative, not the publication date: 'that year', 'the next
morning', 'the previous Friday'.

TimeML annotators (and HeidelTime in narrative mode) resolve anaphoric expressions against the
most recent date the text itself mentioned. The anchor is that date and how precise it was.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from wirewatch.extract import timex_calendar as cal
from wirewatch.extract.timex_calendar import Reading
from wirewatch.extract.timex_lexicon import DAY_PARTS, WEEKDAY_RE, weekday_number
from wirewatch.extract.timex_spans import shifted


class Anchor(NamedTuple):
    """The latest date a document mentioned, and whether it named a day, month or year."""

    day: date
    precision: str


_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?")


def anchor_of(value: str) -> Anchor | None:
    """The anchor a TimeML value sets, or None for durations, sets and fuzzy references."""
    m = _VALUE.fullmatch(value)
    if not m:
        return None
    try:
        if m[3]:
            return Anchor(date(int(m[1]), int(m[2]), int(m[3])), "day")
        if m[2]:
            return Anchor(date(int(m[1]), int(m[2]), 1), "month")
        return Anchor(date(int(m[1]), 1, 1), "year")
    except ValueError:
        return None


_UNIT_SHIFT = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}
_ANAPHORA = re.compile(
    r"(?:(?P<mod>earlier|later|early|late)\s+)?(?:(?P<that>that|the same)"
    r"|the\s+(?P<shift>following|next|previous|preceding|prior))\s+"
    rf"(?P<unit>day|week|month|year|morning|afternoon|evening|night|{WEEKDAY_RE})"
    r"|(?P<mod2>earlier|later)\s+in\s+the\s+(?P<unit2>day|week|month|year)"
    r"|(?:the\s+)?(?P<unit3>day)|the\s+(?P<unit4>morning|afternoon|evening|night)"
)


def read_anaphora(
    text: str, anchor: Anchor | None, reference: date | None, last_day: date | None = None
) -> Reading | None:
    """'That year', 'the following day', 'the previous Friday', 'the day', 'the morning' against
    the anchor (else DCT).

    `last_day` is the latest day the text named, the reference day included: 'later in the day'
    goes on with the day the story stands on, and after 'whatever happens today' that is today,
    while 'that day' points back past the 'today' news repeats to the date it last named.
    """
    m = _ANAPHORA.fullmatch(text)
    if not m:
        return None
    if m["unit2"] == "day" and last_day is not None:
        anchor = Anchor(last_day, "day")
    base = anchor or (Anchor(reference, "day") if reference else None)
    if base is None:
        return None
    unit = m["unit"] or m["unit2"] or m["unit3"] or m["unit4"]
    shift = _UNIT_SHIFT.get(m["shift"] or "", 0)
    day = base.day
    if unit == "year":
        return Reading("DATE", f"{day.year + shift:04d}", "year")
    if unit == "month" and base.precision in ("day", "month"):
        year, month = cal.shift_months(day.year, day.month, shift)
        return Reading("DATE", cal.month_value(year, month), "month")
    if base.precision != "day":
        return None
    if unit == "week":
        return Reading("DATE", cal.week_value(day + timedelta(weeks=shift)), "week")
    if unit in ("day", *DAY_PARTS):
        day += timedelta(days=shift)
        if unit == "day":
            return Reading("DATE", day.isoformat(), "day")
        return Reading("TIME", f"{day.isoformat()}T{DAY_PARTS[unit]}", "day")
    weekday = weekday_number(unit)
    if weekday is None or not shift:
        return None
    delta = weekday - day.isoweekday()
    if shift < 0:
        delta = delta if delta < 0 else delta - 7
    else:
        delta = delta if delta > 0 else delta + 7
    return Reading("DATE", (day + timedelta(days=delta)).isoformat(), "day")


_LATER = re.compile(r".*\s(?:later|earlier)")


def read_shift_from_anchor(text: str, anchor: Anchor | None) -> Reading | None:
    """ "Left Iraq in 2011, then returned three years later": a count of days, months or years
    later (or earlier) moves from the date the text last named, not from the publication (which
    dated that return 2022). With no such date, None: the publication-relative rule reads it.
    The result is no more precise than the anchor ("two weeks later" than "in 2011" is 2011)."""
    if anchor is None or not _LATER.fullmatch(text):
        return None
    reading = shifted(text, anchor.day, "")
    if reading is None or reading.type != "DATE":
        return None  # "three hours later" is a length: the rules read it
    if anchor.precision == "year":
        return Reading("DATE", reading.value[:4], "year")
    if anchor.precision == "month" and reading.precision == "day":
        return Reading("DATE", reading.value[:7], "month")
    return reading
