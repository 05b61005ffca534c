"""Rules for named periods: this/last/next week, month, year, quarter, season; years, decades."""

from __future__ import annotations

import re
from datetime import date, timedelta

from wirewatch.extract import timex_calendar as cal
from wirewatch.extract.timex_calendar import Reading, Rule
from wirewatch.extract.timex_lexicon import (
    ORDINAL_WORDS,
    SEASONS,
    parse_number,
    parse_ordinal,
)

_WHICH = (
    r"(?P<which>this|last|next|the next|the past|past|the previous|previous|the coming|coming"
    r"|following|the following|this calendar|this fiscal|the current calendar"
    r"|the current|current|the latest|latest|the most recent|the|its|their|a|the full|the fiscal"
    r"|fiscal|the calendar|the whole|the entire|the new|the current fiscal|the prior|prior)"
)
_SHIFT = {"last": -1, "past": -1, "previous": -1, "prior": -1, "next": 1, "following": 1,
          "coming": 1}


def _shift_of(which: str) -> int:
    words = which.split()
    return next((_SHIFT[w] for w in words if w in _SHIFT), 0)


def _named_period(text: str, ref: date | None, tense: str) -> Reading | None:
    m = re.fullmatch(
        rf"{_WHICH}\s+(?P<unit>week|weekend|month|year|quarter|decade|century|season"
        rf"|spring|summer|fall|autumn|winter|half|period)|(?P<bare>spring|summer|fall|autumn"
        rf"|winter|weekend)", text)
    if not m or ref is None:
        return None
    which = m["which"] or ""
    unit = m["unit"] or m["bare"]
    shift = _shift_of(which)
    if which in ("a",):
        return None
    if unit == "week":
        return Reading("DATE", cal.week_value(ref + timedelta(weeks=shift)), "week")
    if unit == "weekend":
        saturday = ref + timedelta(days=6 - ref.isoweekday())
        if shift < 0 or (shift == 0 and tense == "past" and ref.isoweekday() < 6):
            saturday -= timedelta(weeks=1)
        elif shift > 0:
            saturday += timedelta(weeks=1)
        return Reading("DATE", cal.week_value(saturday) + "-WE", "week")
    if unit == "month":
        year, month = cal.shift_months(ref.year, ref.month, shift)
        return Reading("DATE", cal.month_value(year, month), "month")
    if unit == "year":
        return Reading("DATE", f"{ref.year + shift:04d}", "year")
    if unit in ("quarter", "period"):
        completed = which in ("the", "the latest", "latest", "the most recent", "its", "their")
        year, quarter = ref.year, cal.quarter_of(ref) + shift - (1 if completed else 0)
        year, quarter = year + (quarter - 1) // 4, (quarter - 1) % 4 + 1
        return Reading("DATE", f"{year:04d}-Q{quarter}", "quarter")
    if unit == "half":
        half = (ref.month - 1) // 6 + shift
        return Reading("DATE", f"{ref.year + half // 2:04d}-H{half % 2 + 1}", "year")
    if unit == "decade":
        return Reading("DATE", f"{ref.year // 10 + shift:03d}", "decade")
    if unit == "century":
        return Reading("DATE", f"{ref.year // 100 + shift:02d}", "century")
    if unit in SEASONS:
        return _season(SEASONS[unit], ref, tense, shift, which in ("this", "the current"))
    return None


def _season(code: str, ref: date, tense: str, shift: int, this: bool) -> Reading | None:
    """A season around the reference: 'last fall' is the latest one over, 'the fall' in a
    past-tense sentence too, unless the reference falls inside it."""
    spans = {y: span for y in range(ref.year - 2, ref.year + 2)
             if (span := cal.to_interval(f"{y:04d}-{code}")) is not None}
    over = max((y for y, (_, end) in spans.items() if end < ref), default=None)
    upcoming = min((y for y, (start, _) in spans.items() if start > ref), default=None)
    containing = next((y for y, (start, end) in spans.items() if start <= ref <= end), None)
    if this:
        year = containing if containing is not None else ref.year
    elif shift < 0:
        year = over
    elif shift > 0:
        year = upcoming
    elif containing is not None:
        year = containing
    else:
        year = upcoming if tense == "future" else over
    return Reading("DATE", f"{year:04d}-{code}", "season") if year is not None else None


_YEAR_SHIFT = {"this year": 0, "the year": 0, "last year": -1, "next year": 1}


def _ordinal_quarter(text: str, ref: date | None, tense: str) -> Reading | None:
    m = re.fullmatch(
        r"(?:(?:the|its|their|a|an|his|her|our)\s+(?:(?:flat|weak|strong|disappointing|same)\s+)?)?"
        r"(?P<ago>year[\s-](?:ago|earlier)\s+)?(?:(?P<y1>\d{4})\s+)?(?:(?:fiscal|calendar)\s+)?"
        r"(?:(?P<y3>this|last|next) year's\s+)?"
        r"(?P<ord>[a-z0-9]+)[\s-]+(?:fiscal\s+)?(?P<unit>quarter|half)"
        r"(?:\s+of\s+(?:fiscal\s+)?(?P<y2>\d{4}|this year|last year|next year|the year))?",
        text)
    if not m:
        return None
    number = parse_ordinal(m["ord"])
    if number is None or m["ord"] not in ORDINAL_WORDS and not m["ord"][0].isdigit():
        return None
    size = 4 if m["unit"] == "quarter" else 2
    number = size if number == -1 else number
    if not 1 <= number <= size:
        return None
    letter = "Q" if size == 4 else "H"
    year_text = m["y1"] or m["y2"] or (f"{m['y3']} year" if m["y3"] else None)
    if year_text and year_text[0].isdigit():
        year = int(year_text)
    elif ref is None:
        return Reading("DATE", f"XXXX-{letter}{number}", "quarter")
    elif year_text:
        year = ref.year + _YEAR_SHIFT[year_text]
    else:
        start_month = (number - 1) * (12 // size) + 1
        year = ref.year if start_month <= ref.month + 3 else ref.year - 1
    year -= 1 if m["ago"] else 0
    return Reading("DATE", f"{year:04d}-{letter}{number}", "quarter" if size == 4 else "year")


def year_ago_quarter(ref: date) -> Reading:
    """Earnings style: 'the year-earlier quarter' is the last reported quarter one year back."""
    quarter = cal.quarter_of(ref) - 1
    year = ref.year - 1 if quarter else ref.year - 2
    return Reading("DATE", f"{year:04d}-Q{quarter or 4}", "quarter")


def _end_of(text: str, ref: date | None, tense: str) -> Reading | None:
    """'End of month', 'the end of year' without an article before the unit: the current one."""
    m = re.fullmatch(r"(?:the\s+)?end\s+of\s+(month|year|week)", text)
    return _named_period(f"this {m[1]}", ref, tense) if m else None


YEAR_END_RE = r"(?:the\s+)?(?:year(?:'s)?[\s-]end|end\s+of\s+the\s+year)"


def _year_end_around(text: str, ref: date | None, tense: str) -> Reading | None:
    """'Since year-end' counts from a point, the last day of the year last ended; 'around year
    end' blurs the point into the year's last month. A bare 'year end' ('by year end') is left to
    `_year`, the year itself, as TimeML writes the end of a period."""
    m = re.fullmatch(rf"(since|around)\s+{YEAR_END_RE}", text)
    if m is None or ref is None:
        return None
    if m[1] == "since":
        return Reading("DATE", f"{ref.year - 1:04d}-12-31", "day")
    year = ref.year - 1 if tense == "past" else ref.year
    return Reading("DATE", f"{year:04d}-12", "month")


def _year_ago_period(text: str, ref: date | None, tense: str) -> Reading | None:
    if ref is not None and re.fullmatch(r"(?:the\s+)?year[\s-](?:earlier|ago)", text):
        return Reading("DATE", f"{ref.year - 1:04d}", "year")
    if ref is None or not re.fullmatch(
        r"(?:the\s+)?(?:year[\s-](?:earlier|ago)\s+(?:quarter|period)"
        r"|(?:quarter|period) a year (?:ago|earlier))", text):
        return None
    return year_ago_quarter(ref)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _spelled_year(text: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand' -> 2000, 'two thousand and five' -> 2005."""
    if m := re.fullmatch(r"two thousand(?:\s+(?:and\s+)?(.+))?", text):
        rest = parse_number(m[1].replace(" ", "-")) if m[1] else 0
        return 2000 + int(rest) if rest is not None and rest < 100 else None
    if m := re.fullmatch(r"(nineteen|eighteen|twenty)[\s-](.+)", text):
        century, rest = parse_number(m[1]), parse_number(m[2].replace(" ", "-"))
        if century and rest is not None and 10 <= rest < 100:
            return int(century * 100 + rest)
    return None


def _year(text: str, ref: date | None, tense: str) -> Reading | None:
    if m := re.fullmatch(r"(?:(?:fiscal|calendar|the|the year|fy|year)\s*)?(\d{4})"
                         r"(?:\s+(?:period|year))?", text):
        year = int(m[1])
        return Reading("DATE", m[1], "year") if 1000 <= year <= 2999 else None
    if (year := _spelled_year(re.sub(r"^(?:the year|the|fiscal)\s+", "", text))) is not None:
        return Reading("DATE", f"{year:04d}", "year")
    m = re.fullmatch(r"(?P<the>the\s+)?(?:(?:early|late|mid|middle)[\s-]+)?(?:(?P<digits>\d{3})0'?s"
                     r"|'(?P<short>\d)0'?s|(?P<word>[a-z]+ies))", text)
    if m and (m["digits"] or m["short"] or m["word"] in _DECADE_WORDS):
        if m["digits"]:
            return Reading("DATE", m["digits"] if m["the"] else m["digits"] + "X", "decade")
        if ref is None:
            return None
        tens = int(m["short"]) if m["short"] else _DECADE_WORDS[m["word"]]
        decade = ref.year // 100 * 10 + tens
        return Reading("DATE", str(decade if decade * 10 <= ref.year else decade - 10), "decade")
    if m := re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+century", text):
        return Reading("DATE", f"{int(m[1]) - 1:02d}", "century")
    if ref is not None and re.fullmatch(r"(?:the\s+)?(?:year|year's)[\s-]end", text):
        return Reading("DATE", f"{ref.year:04d}", "year")
    return None


def _numbered_period(text: str, ref: date | None, tense: str) -> Reading | None:
    """'2019-Q1', 'Q3 2019', '2019 H2', 'week 31', 'first week of 2015'."""
    if m := re.fullmatch(r"(\d{4})[\s-]?([qh])([1-4])|([qh])([1-4])[\s-]?(\d{4})", text):
        year, letter, number = m[1] or m[6], (m[2] or m[4]).upper(), int(m[3] or m[5])
        if letter == "H" and number > 2:
            return None
        return Reading("DATE", f"{year}-{letter}{number}", "quarter" if letter == "Q" else "year")
    if m := re.fullmatch(r"(?:the\s+)?week\s+(\d{1,2})(?:\s+of\s+(\d{4}))?", text):
        year = int(m[2]) if m[2] else ref.year if ref else None
        if year is None or not 1 <= int(m[1]) <= 53:
            return None
        return Reading("DATE", f"{year:04d}-W{int(m[1]):02d}", "week")
    if m := re.fullmatch(r"(?:the\s+)?(first|1st|last)\s+week\s+of\s+(\d{4})", text):
        year = int(m[2])
        day = date(year, 1, 4) if m[1] != "last" else date(year, 12, 28)
        return Reading("DATE", cal.week_value(day), "week")
    return None


def _quarters_as_half(text: str, ref: date | None, tense: str) -> Reading | None:
    """'The first two quarters of 1990' is that year's first half."""
    m = re.fullmatch(r"(?:the\s+)?(first|last|final)\s+two\s+quarters(?:\s+of\s+(\d{4}))?", text)
    if not m:
        return None
    year = int(m[2]) if m[2] else ref.year if ref else None
    if year is None:
        return None
    return Reading("DATE", f"{year:04d}-H{1 if m[1] == 'first' else 2}", "year")


def _latest_year(text: str, ref: date | None, tense: str) -> Reading | None:
    """'The latest fiscal year' is the last one reported, so the one before the reference's."""
    if ref is None or not re.fullmatch(r"(?:the\s+)?(?:latest|most recent)\s+(?:fiscal\s+)?year",
                                       text):
        return None
    return Reading("DATE", f"{ref.year - 1:04d}", "year")


def _year_quarter(text: str, ref: date | None, tense: str) -> Reading | None:
    """'the 1988 quarter' in an earnings story: that year's quarter matching the latest one."""
    m = re.fullmatch(r"(?:the\s+)?(\d{4})\s+quarter", text)
    if not m or ref is None:
        return None
    quarter = cal.quarter_of(ref) - 1 or 4
    return Reading("DATE", f"{m[1]}-Q{quarter}", "quarter")


RULES: tuple[Rule, ...] = (
    _numbered_period, _end_of, _year_end_around, _year_ago_period, _latest_year, _named_period,
    _quarters_as_half, _ordinal_quarter, _year_quarter, _year,
)
