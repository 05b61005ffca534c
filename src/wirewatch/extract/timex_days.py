"""Rules for calendar days: fixed references, written dates, months, weekdays, clock times.

Each rule is `(text, reference, tense) -> Reading | None` over a cleaned, lower-cased span.
Relative expressions need the reference date; without one they get no value.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from wirewatch.extract import timex_calendar as cal
from wirewatch.extract.timex_calendar import Reading, Rule
from wirewatch.extract.timex_lexicon import (
    DAY_PARTS,
    MONTH_RE,
    WEEKDAY_RE,
    month_number,
    parse_ordinal,
    weekday_number,
)

_REFS = {
    "PRESENT_REF": r"now|right now|just now|currently|current|nowadays|these days|at present"
    r"|presently|at the moment|the moment|at this time|this time|today's|yet"
    r"|this (?:[a-z]+ )?moment",
    "PAST_REF": r"recently|recent|(?:the )?past|in the past|previously|earlier|once|lately"
    r"|formerly|before|more recently|until recently|(?:in )?recent (?:days|weeks|months|years"
    r"|weeks and months|decades|times)|(?:several|a few|some|many|few) (?:days|weeks|months"
    r"|years|decades) ago|(?:years|decades|months|weeks) ago|long ago|the old days|past years"
    r"|the last few (?:days|weeks|months|years)|the past (?:several|few) (?:quarters|years"
    r"|months|weeks)",
    "FUTURE_REF": r"(?:the )?future|(?:the )?near future|soon|(?:the )?(?:near|short|long) term"
    r"|(?:the )?coming (?:days|months|quarters|years|decades)|future (?:quarters|years)"
    r"|someday|one day|some day|eventually|down the road|later|in the future",
}


def _fixed_ref(text: str, ref: date | None, tense: str) -> Reading | None:
    if text == "one day" and tense == "past":
        # "Had been in the job one day" is a length of time, not "someday".
        return None
    for value, pattern in _REFS.items():
        if re.fullmatch(pattern, text):
            return Reading("DATE", value, "fuzzy")
    return None


def _iso_or_numeric(text: str, ref: date | None, tense: str) -> Reading | None:
    text = re.sub(rf"^{WEEKDAY_RE},?\s+(?=\d)", "", text)
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(rf"(\d{{4}})[-/]({MONTH_RE})[-/](\d{{1,2}})", text):
        year, month, day = int(m[1]), month_number(m[2]) or 0, int(m[3])
    elif m := re.fullmatch(rf"({MONTH_RE})/(\d{{1,2}})|(\d{{1,2}})/(\d{{1,2}})", text):
        return _day_without_year(m, ref, tense)
    elif m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d\d)", text):
        year = int(m[3]) if len(m[3]) == 4 else 1900 + int(m[3]) + (100 if int(m[3]) < 50 else 0)
        month, day = int(m[1]), int(m[2])
    elif m := re.fullmatch(rf"(?P<d>\d{{1,2}})[-/\s](?P<m>{MONTH_RE})[-/\s](?P<y>\d{{4}})"
                           rf"|(?P<m2>{MONTH_RE})[-/\s](?P<d2>\d{{1,2}})[-/\s](?P<y2>\d{{4}})",
                           text):
        year, day = int(m["y"] or m["y2"]), int(m["d"] or m["d2"])
        month = month_number(m["m"] or m["m2"]) or 0
    elif m := re.fullmatch(rf"(?:(?P<y>\d{{4}})-(?P<m>\d\d?)|(?P<m2>\d\d?)-(?P<y2>\d{{4}})"
                           rf"|(?P<name>{MONTH_RE})[-/](?P<y3>\d{{4}}))", text):
        month = int(m["m"] or m["m2"] or 0) or month_number(m["name"] or "") or 0
        year_text = m["y"] or m["y2"] or m["y3"]
        return Reading("DATE", f"{year_text}-{month:02d}", "month") if 1 <= month <= 12 else None
    else:
        return None
    try:
        return Reading("DATE", date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _day_without_year(m: re.Match[str], ref: date | None, tense: str) -> Reading | None:
    """'Oct/2', '11/20' (month first) or '22/04' (day first, when the first number cannot be a
    month), in the year that puts it nearest the reference."""
    if m[1]:
        month, day = month_number(m[1]) or 0, int(m[2])
    else:
        first, second = int(m[3]), int(m[4])
        month, day = (second, first) if first > 12 else (first, second)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if ref is None:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
    try:
        return Reading("DATE", date(_nearest_year(month, day, ref, tense), month, day).isoformat(),
                       "day")
    except ValueError:
        return None


_YEAR = r"(\d{4}|'\d\d)"
_MONTH_DAY = re.compile(
    rf"(?:(?P<wd>{WEEKDAY_RE}),?\s+)?(?:the\s+)?"
    rf"(?:(?P<m1>{MONTH_RE})\s*[-,]?\s*(?P<d1>\d{{1,2}}|(?:twenty|thirty)[\s-][a-z]+|[a-z]+)(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}}|(?:twenty|thirty)[\s-][a-z]+|[a-z]+)(?:st|nd|rd|th)?\s*(?:of\s+)?-?(?P<m2>{MONTH_RE}))"
    rf"(?:\s*,?\s*-?(?:of\s+|in\s+)?(?P<y>\d{{4}}|'\d\d))?"
)


def year_number(text: str, ref: date | None) -> int | None:
    if text.startswith("'"):
        if ref is None:
            return None
        century = ref.year // 100 * 100
        year = century + int(text[1:])
        return year - 100 if year > ref.year + 10 else year
    return int(text)


def _nearest_year(month: int, day: int, ref: date, tense: str) -> int:
    """The year putting month/day nearest the reference, unless that contradicts the tense.

    A date up to two months ahead in a past-tense sentence is still taken as ahead: news gives
    deadlines and record dates in past-tense sentences ("declared a dividend payable Dec. 1").
    """
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return ref.year
    nearest = min(candidates, key=lambda c: abs((c - ref).days))
    if tense == "future" and (ref - nearest).days > _SLACK_DAYS:
        return nearest.year + 1
    if tense != "future" and (nearest - ref).days > _SLACK_DAYS:
        return nearest.year - 1
    return nearest.year


_SLACK_DAYS = 62


def _month_day(text: str, ref: date | None, tense: str) -> Reading | None:
    m = _MONTH_DAY.fullmatch(text)
    if not m:
        return None
    month = month_number(m["m1"] or m["m2"])
    day = parse_ordinal(m["d1"] or m["d2"])
    if month is None or day is None or not 1 <= day <= 31:
        return None
    if m["y"]:
        year = year_number(m["y"], ref)
    elif ref is not None:
        year = _nearest_year(month, day, ref, tense)
    else:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
    try:
        return Reading("DATE", date(year, month, day).isoformat(), "day")
    except (ValueError, TypeError):
        return None


_DAY_OF_MONTH = re.compile(
    rf"(?:(?P<wd>{WEEKDAY_RE}),?\s+(?:the\s+)?|the\s+)"
    r"(?P<d>\d{1,2}(?:st|nd|rd|th)|(?:twenty|thirty)[\s-][a-z]+|[a-z]+)"
)


def _day_of_month(text: str, ref: date | None, tense: str) -> Reading | None:
    """'On the 18th', 'Wednesday the 13th': that day of the nearest month (with that weekday),
    before or after the reference as the tense says."""
    m = _DAY_OF_MONTH.fullmatch(text)
    day_number = parse_ordinal(m["d"]) if m else None
    if ref is None or day_number is None or not 1 <= day_number <= 31:
        return None
    weekday = weekday_number(m["wd"]) if m["wd"] else None
    months = range(-14, 15) if weekday else range(-1, 2)
    candidates = []
    for shift in months:
        year, month = cal.shift_months(ref.year, ref.month, shift)
        try:
            candidate = date(year, month, day_number)
        except ValueError:
            continue
        if weekday is None or candidate.isoweekday() == weekday:
            candidates.append(candidate)
    if tense == "future":
        day = min((c for c in candidates if c >= ref), default=None)
    elif tense == "past":
        day = max((c for c in candidates if c <= ref), default=None)
    else:
        day = min(candidates, key=lambda c: abs((c - ref).days), default=None)
    return Reading("DATE", day.isoformat(), "day") if day else None


_NTH_DAY_OF = re.compile(
    rf"(?:the\s+)?(?P<d>\d{{1,2}}(?:st|nd|rd|th)|(?:twenty|thirty)[\s-][a-z]+|[a-z]+)\s+day\s+of"
    rf"\s+(?:(?P<which>the|this|next|last)\s+month|(?P<m>{MONTH_RE}(?:\s*,?\s*\d{{4}})?))"
)


def _nth_day_of(text: str, ref: date | None, tense: str) -> Reading | None:
    """'The 15th day of June', 'the thirty-first day of the month': a written-out day of month."""
    m = _NTH_DAY_OF.fullmatch(text)
    day_number = parse_ordinal(m["d"]) if m else None
    if day_number is None or not 1 <= day_number <= 31:
        return None
    if m["m"]:
        month = _month(m["m"], ref, tense)
    elif ref is not None:
        shift = {"next": 1, "last": -1}.get(m["which"], 0)
        month = Reading("DATE", cal.month_value(*cal.shift_months(ref.year, ref.month, shift)),
                        "month")
    else:
        month = None
    if month is None or month.value.startswith("X"):
        return None
    try:
        return Reading("DATE", date.fromisoformat(f"{month.value}-{day_number:02d}").isoformat(),
                       "day")
    except ValueError:
        return None


def _resolve_month(month: int, ref: date, tense: str, which: str = "") -> tuple[int, int]:
    if which in ("last", "past", "previous"):
        return (ref.year, month) if month < ref.month else (ref.year - 1, month)
    if which in ("next", "coming"):
        return (ref.year, month) if month > ref.month else (ref.year + 1, month)
    if which == "this":
        return ref.year, month
    return _nearest_year(month, 15, ref.replace(day=15), tense), month


def _month(text: str, ref: date | None, tense: str) -> Reading | None:
    m = re.fullmatch(
        rf"(?:(?P<which>last|next|this|this past|this coming|past|previous|coming)\s+)?"
        rf"(?P<m>{MONTH_RE})(?:,?\s*(?:of\s+|in\s+)?(?P<y>{_YEAR[1:-1]})"
        rf"|\s+(?P<rel>this|last|next) year)?",
        text,
    )
    if not m:
        return None
    month = month_number(m["m"])
    if month is None:
        return None
    if m["y"]:
        year = year_number(m["y"], ref)
        return Reading("DATE", cal.month_value(year, month), "month") if year else None
    if ref is None:
        return Reading("DATE", f"XXXX-{month:02d}", "month")
    if m["rel"]:
        year = ref.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
    else:
        which = (m["which"] or "").replace("this ", "")
        year, month = _resolve_month(month, ref, tense, which)
    return Reading("DATE", cal.month_value(year, month), "month")


def _weekday_date(weekday: int, ref: date, tense: str, which: str) -> date:
    """A weekday placed around the reference: news reports same-day events by weekday name."""
    delta = weekday - ref.isoweekday()
    if which == "this":
        return ref + timedelta(days=delta)
    if which in ("next", "coming", "this coming", "following"):
        return ref + timedelta(days=delta if delta > 0 else delta + 7)
    if which in ("last", "past", "this past", "previous"):
        return ref + timedelta(days=delta if delta < 0 else delta - 7)
    if tense == "future":
        return ref + timedelta(days=delta if delta >= 0 else delta + 7)
    return ref + timedelta(days=delta if delta <= 0 else delta - 7)


_CLOCK = (r"(?P<h>\d{1,2})(?::(?P<mi>\d\d))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?"
          r"|in the (?:morning|afternoon|evening|night))?(?:\s+[a-z]{2,3}t)?")


def _clock_value(m: re.Match[str]) -> str | None:
    hour = int(m["h"])
    minute = int(m["mi"] or 0)
    after_noon = m["ap"] and (m["ap"].startswith("p") or m["ap"].endswith(("afternoon",
                                                                          "evening", "night")))
    if after_noon and hour < 12:
        hour += 12
    elif m["ap"] and (m["ap"].startswith("a") or m["ap"].endswith("morning")) and hour == 12:
        hour = 0
    if not (m["ap"] or m["mi"]) or hour > 24 or minute > 59:
        return None
    return f"T{hour:02d}:{minute:02d}"


_DAY_WORD = (
    rf"(?P<rel>today|tonight|tomorrow|yesterday|the day before yesterday|the day after tomorrow"
    rf"|(?:(?P<which>last|next|this|this coming|this past|past|previous|coming|following|on)\s+)?"
    rf"(?P<wd>{WEEKDAY_RE}))"
)
_PART = r"(?P<part>morning|afternoon|evening|night|noon|midday|midnight)"
_DAY_TIME = [
    re.compile(rf"{_DAY_WORD}(?:'s)?(?:\s+{_PART})?"),
    re.compile(rf"(?:(?P<this>this|last|early this|late this)\s+)?{_PART}(?:,?\s+{_DAY_WORD})?"),
    re.compile(rf"(?:at\s+)?{_CLOCK}(?:,?\s+(?:on\s+)?{_DAY_WORD})?"),
]
_REL_DAYS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1,
             "the day before yesterday": -2, "the day after tomorrow": 2}
_PART_CLOCK = {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}


def _day_and_time(text: str, ref: date | None, tense: str) -> Reading | None:
    for pattern in _DAY_TIME:
        m = pattern.fullmatch(text)
        if m:
            break
    else:
        return None
    groups = m.groupdict()
    clock = _clock_value(m) if groups.get("h") else None
    if groups.get("h") and clock is None:
        return None
    part = groups.get("part")
    if groups.get("rel") is None and part is None and clock is None:
        return None
    if ref is None:
        if groups.get("wd") and not clock and not part:
            return Reading("DATE", f"XXXX-WXX-{weekday_number(groups['wd'])}", "day")
        return None
    if groups.get("wd"):
        weekday = weekday_number(groups["wd"])
        if weekday is None:
            return None
        which = "" if groups.get("which") in (None, "on") else groups["which"]
        day = _weekday_date(weekday, ref, tense, which)
    elif groups.get("rel"):
        day = ref + timedelta(days=_REL_DAYS[groups["rel"]])
    elif groups.get("this") == "last" and part == "night":
        day = ref - timedelta(days=1)
    else:
        day = ref
    if groups.get("rel") == "tonight":
        part = "night"
    if clock or part in _PART_CLOCK:
        return Reading("TIME", day.isoformat() + (clock or _PART_CLOCK[part]), "day")
    if part:
        return Reading("TIME", f"{day.isoformat()}T{DAY_PARTS[part]}", "day")
    return Reading("DATE", day.isoformat(), "day")




_WEEK_SHIFT = {"this": 0, "next": 1, "following": 1, "coming": 1, "last": -1, "previous": -1,
               "past": -1}
_DAY_IN_WEEK = re.compile(
    rf"(?:the\s+)?(?P<w1>this|next|following|coming|last|previous|past)\s+week(?:'s)?[\s,-]*(?:on\s+)?"
    rf"(?P<d1>{WEEKDAY_RE})|(?P<d2>{WEEKDAY_RE})\s+of\s+(?:the\s+)?"
    rf"(?P<w2>this|next|following|coming|last|previous|past)\s+week"
)


def _day_in_week(text: str, ref: date | None, tense: str) -> Reading | None:
    m = _DAY_IN_WEEK.fullmatch(text)
    if not m or ref is None:
        return None
    weekday = weekday_number(m["d1"] or m["d2"])
    if weekday is None:
        return None
    monday = ref - timedelta(days=ref.isoweekday() - 1)
    day = monday + timedelta(weeks=_WEEK_SHIFT[m["w1"] or m["w2"]], days=weekday - 1)
    return Reading("DATE", day.isoformat(), "day")


_ANCHORED = re.compile(
    rf"(?:(?P<clock>(?:at\s+)?{_CLOCK})|(?P<week>(?:the\s+)?week\s+of)"
    rf"|(?:this coming|this|next|last|on)\s+{WEEKDAY_RE})[,\s]+(?:on\s+)?(?P<rest>.+)"
)


def _anchored(text: str, ref: date | None, tense: str) -> Reading | None:
    """A written date with a clock time, a weekday or 'the week of' in front of it."""
    m = _ANCHORED.fullmatch(text)
    if not m:
        return None
    day = _month_day(m["rest"], ref, tense) or _iso_or_numeric(m["rest"], ref, tense)
    if day is None or day.precision != "day" or day.value.startswith("X"):
        return None
    if m["week"]:
        return Reading("DATE", cal.week_value(date.fromisoformat(day.value)), "week")
    if m["clock"]:
        clock = _clock_value(m)
        return Reading("TIME", day.value + clock, "day") if clock else None
    return day


RULES: tuple[Rule, ...] = (
    _fixed_ref, _iso_or_numeric, _month_day, _day_of_month, _nth_day_of, _month, _day_and_time,
    _day_in_week, _anchored,
)
