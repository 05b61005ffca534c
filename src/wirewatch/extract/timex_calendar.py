"""Calendar arithmetic behind TimeML values: ISO weeks, quarters, seasons, shifts, intervals."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple


class Reading(NamedTuple):
    """A TimeML reading of one expression: type, value and how precise the value is."""

    type: str
    value: str
    precision: str | None


Rule = Callable[[str, date | None, str], Reading | None]

# Meteorological seasons (northern hemisphere): winter is the one starting in December.
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def day_value(day: date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def shift_day(day: date, *, days: int = 0, weeks: int = 0, months: int = 0, years: int = 0) -> date:
    """`day` moved by whole units, clamping the day of month (Mar 31 - 1 month = Feb 28/29)."""
    year, month = shift_months(day.year, day.month, months + 12 * years)
    clamped = min(day.day, calendar.monthrange(year, month)[1])
    return date(year, month, clamped) + timedelta(days=days + 7 * weeks)


def season_of(day: date) -> tuple[int, str]:
    """The (year, season) a day falls in; December belongs to the winter named by its year."""
    for code, (first, last) in SEASON_MONTHS.items():
        if first <= last and first <= day.month <= last:
            return day.year, code
    return (day.year, "WI") if day.month == 12 else (day.year - 1, "WI")


def to_interval(value: str) -> tuple[date, date] | None:
    """The first and last calendar day a TimeML value covers, or None for non-calendar values."""
    value = re.sub(r"T.*$", "", value)
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if m := re.fullmatch(r"(\d{4})-W(\d\d?)(-WE)?", value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            year, first = int(m[1]), 3 * int(m[2]) - 2
            last_day = calendar.monthrange(year, first + 2)[1]
            return date(year, first, 1), date(year, first + 2, last_day)
        if m := re.fullmatch(r"(\d{4})-H([12])", value):
            year = int(m[1])
            return (date(year, 1, 1), date(year, 6, 30)) if m[2] == "1" else (
                date(year, 7, 1), date(year, 12, 31))
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            year, (first, last) = int(m[1]), SEASON_MONTHS[m[2]]
            end_year = year + 1 if last < first else year
            last_day = calendar.monthrange(end_year, last)[1]
            return date(year, first, 1), date(end_year, last, last_day)
        if m := re.fullmatch(r"(\d{4})", value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := re.fullmatch(r"(\d{3})X?", value):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
        if m := re.fullmatch(r"(\d{2})", value):
            return date(int(m[1]) * 100, 1, 1), date(int(m[1]) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None
