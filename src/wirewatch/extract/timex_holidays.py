"""Named holidays ("Thanksgiving", "Election Day", "Christmas") as dates near the reference."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from wirewatch.extract.timex_calendar import Reading, Rule


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) ISO weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    j = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * j) // 433
    month = (h + j - 7 * m + 90) // 25
    return date(year, month, (h + j - 7 * m + 33 * month + 19) % 32)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    r"new year'?s(?: day)?": _fixed(1, 1),
    r"new year'?s eve": _fixed(12, 31),
    r"(?:st\.? )?valentine'?s day": _fixed(2, 14),
    r"(?:st\.? |saint )patrick'?s day": _fixed(3, 17),
    r"independence day|the fourth of july": _fixed(7, 4),
    r"canada day": _fixed(7, 1),
    r"juneteenth": _fixed(6, 19),
    r"may day|international workers'? day": _fixed(5, 1),
    r"bastille day": _fixed(7, 14),
    r"hallowe'?en": _fixed(10, 31),
    r"veterans'? day|remembrance day|armistice day": _fixed(11, 11),
    r"christmas eve": _fixed(12, 24),
    r"christmas(?: day)?|xmas": _fixed(12, 25),
    r"boxing day": _fixed(12, 26),
    r"(?:us |american )?thanksgiving(?: day)?": lambda y: _nth_weekday(y, 11, 4, 4),
    r"labou?r day": lambda y: _nth_weekday(y, 9, 1, 1),
    r"memorial day": lambda y: _nth_weekday(y, 5, 1, -1),
    r"election day": lambda y: _nth_weekday(y, 11, 1, 1) + timedelta(days=1),
    r"mother'?s day": lambda y: _nth_weekday(y, 5, 7, 2),
    r"father'?s day": lambda y: _nth_weekday(y, 6, 7, 3),
    r"(?:martin luther king|mlk)(?: jr\.?)? day": lambda y: _nth_weekday(y, 1, 1, 3),
    r"presidents'? day": lambda y: _nth_weekday(y, 2, 1, 3),
    r"easter(?: sunday)?": _easter,
    r"good friday": lambda y: _easter(y) - timedelta(days=2),
    r"easter monday": lambda y: _easter(y) + timedelta(days=1),
}
_HOLIDAY = re.compile(
    r"(?:(?P<which>last|next|this|this past|this coming|this year's|last year's)\s+)?"
    r"(?P<name>" + "|".join(f"(?:{p})" for p in _HOLIDAYS) + r")(?:\s+(?P<year>\d{4}))?"
)

HOLIDAY_RE = _HOLIDAY.pattern


def _holiday(text: str, ref: date | None, tense: str) -> Reading | None:
    m = _HOLIDAY.fullmatch(text)
    if not m:
        return None
    when = next(f for p, f in _HOLIDAYS.items() if re.fullmatch(p, m["name"]))
    if m["year"]:
        return Reading("DATE", when(int(m["year"])).isoformat(), "day")
    if ref is None:
        return None
    candidates = [when(ref.year + shift) for shift in (-1, 0, 1)]
    which = m["which"] or ""
    if which in ("last", "this past"):
        day = max(c for c in candidates if c < ref)
    elif which in ("next", "this coming"):
        day = min(c for c in candidates if c > ref)
    elif which in ("this", "this year's"):
        day = candidates[1]
    elif which == "last year's":
        day = candidates[0]
    elif tense == "future":
        day = min(c for c in candidates if c >= ref)
    else:
        day = max(c for c in candidates if c <= ref)
    return Reading("DATE", day.isoformat(), "day")


RULES: tuple[Rule, ...] = (_holiday,)
