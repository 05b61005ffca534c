"""Time expressions in news text: find them, give each a TimeML value against the publication date.

`normalize` reads one span ("last week", "Feb. 17, 2021", "several years ago") with the
sentence around it, because a bare weekday or month is placed by the sentence's tense ("said on
Monday" is the Monday before publication, "will meet Thursday" the next one). `find_timexes`
scans a text for such spans and normalises each. Relative expressions need a reference date:
without one they get no value, never one computed from today's clock.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from wirewatch.extract import timex_calendar as cal
from wirewatch.extract import timex_days, timex_holidays, timex_periods, timex_spans
from wirewatch.extract.timex_anchor import (
    Anchor,
    anchor_of,
    read_anaphora,
    read_shift_from_anchor,
)
from wirewatch.extract.timex_calendar import Reading, to_interval
from wirewatch.extract.timex_context import day_counted_today, vague_stretch, with_shared_head
from wirewatch.extract.timex_finder import candidate_spans
from wirewatch.extract.timex_lexicon import MONTH_RE, NUMBER_RE, UNIT_RE, tense_near
from wirewatch.extract.timex_periods import YEAR_END_RE

__all__ = ["Timex", "find_timexes", "normalize", "normalize_document", "to_interval"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Timex:
    """One time expression: its span in the text it was read from and its TimeML reading."""

    start: int
    end: int
    text: str
    type: str
    value: str
    precision: str | None


# Words around the head that TimeML keeps in the span but that do not change its value.
_MODIFIER = re.compile(
    r"^(?:early|late|mid|middle|the early|the late|the mid|post|pre|the middle of|the end of"
    r"|end of|the beginning of|beginning of|the (?:first|last|second|latter) half of"
    r"|the start of|start of|the rest of|the remainder of|around|about|approximately|nearly"
    r"|almost|roughly|some|more than|less than|fewer than|at least|at most|over|under|up to"
    r"|within|no more than|no less than|only|just|fully|earlier|later|as early as|as late as"
    r"|as recently as|as of|sometime|until|till|since|by|in|on|at|during|throughout|from|for"
    r"|then|again|already|still|well|even|of|beginning|starting|ending|each of)[\s-]+"
)
# "Weeks or months": TimeML values the first of two vague alternatives.
_SUFFIX = re.compile(r"\s+(?:or later|or earlier|and beyond|or so|or more|or longer|alone"
                     r"|or (?:days|weeks|months|years|decades))$")
# Most specific first: written dates and days, then named periods, then amounts of time.
_RULES = timex_days.RULES + timex_holidays.RULES + timex_periods.RULES + timex_spans.RULES
# "A year ago" in an earnings story means the same quarter one year back; in a sentence about a
# year-to-date total (nine months, first half) it means the same period of the year before.
_EARNINGS = re.compile(r"quarter|a share", re.I)
_EARNINGS_STORY = re.compile(r"\b(?:quarter|a share|net income|per share)\b", re.I)
_YEAR_TO_DATE = re.compile(r"\b(?:nine|six) months\b|\bfirst half\b|\byear to date\b", re.I)
_FISCAL_YEAR = re.compile(r"(?:the\s+)?(?:fiscal\s+)?year")
_YEAR_AGO = re.compile(r"(?:a|one)\s+year\s+(?:ago|earlier)|(?:the\s+)?year[\s-](?:ago|earlier)")
# "Compared with $3 million last year" in a quarterly report is the year-earlier quarter, unless
# the sentence is about a whole year ("the year ended Aug. 31").
_COMPARED = re.compile(r"\bcompared\s+with\b", re.I)
_WHOLE_YEAR = re.compile(r"\byear\s+end(?:ed|ing)\b|\bfor the year\b", re.I)
# What the words next to a span add to it: "in" before a count of units in a future clause
# ("redeemed in five years"), "earlier" after "a year", a day named after a clock time
# ("at 10:35 a.m. (0735 GMT) Friday"), "later in" before "the day", "since" before "year-end".
_IN_BEFORE = re.compile(r"\bin\s*$", re.I)
_COUNT = re.compile(rf"{NUMBER_RE}[\s-]+{UNIT_RE}", re.I)
_AGO_AFTER = re.compile(r"\s*(ago|earlier)\b", re.I)
_CLOCK_ONLY = re.compile(r"\d{1,2}(?::\d\d)?\s*[ap]\.?\s?m\.?|\d{1,2}\s+in\s+the\s+(?:morning"
                         r"|afternoon|evening|night)", re.I)
_YEAR_AFTER = re.compile(r"\s*,?\s*(this|last|next)\s+year\b", re.I)
_LATER_IN_BEFORE = re.compile(r"\b(later|earlier)\s+in\s*$", re.I)
_SINCE_BEFORE = re.compile(r"\bsince\s*$", re.I)
_YEAR_END = re.compile(YEAR_END_RE)
_DAY_AFTER = re.compile(r"[^;!?]{0,25}?\b(today|tonight|tomorrow|yesterday|(?:mon|tues|wednes"
                        r"|thurs|fri|satur|sun)day)\b", re.I)


_EDGE_PUNCTUATION = re.compile(r"^[\s\"'(\[,]+|[\s\"')\],;:!?]+$")
_FINAL_DOT = re.compile(r"(?<![ap]\.m)(?<![ap]m)\.$")
_POSSESSIVE = re.compile(r"'s?$")
_MONTH = re.compile(MONTH_RE)
_YEAR_PERIOD = re.compile(r"(?:the\s+)?(\d{4})\s+period")
# An earnings story reports one quarter and names it in its lead ("a 47% decline in
# fourth-quarter earnings"): its "latest period" and "the year-earlier quarter" are that one, not
# the calendar quarter before publication (a fiscal year may end in September).
_LEAD_QUARTER = re.compile(r"\b(?:first|second|third|fourth)[\s-]+quarter", re.I)
_QUARTER_OF_YEAR = re.compile(r"\d{4}|year", re.I)
_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
_REPORTED_QUARTER = re.compile(r"(?:the|its|their)\s+(?:(?:latest|most recent)\s+)?(?:quarter"
                               r"|period)|(?:latest|most recent)\s+(?:quarter|period)")
_YEAR_AGO_QUARTER = re.compile(r"(?:the\s+)?(?:year[\s-](?:earlier|ago)\s+(?:quarter|period)"
                               r"|(?:quarter|period) a year (?:ago|earlier))")
_YEAR_QUARTER = re.compile(r"(?:the\s+)?(\d{4})\s+quarter")


def _clean(expression: str) -> str:
    text = expression.replace("\u2019", "'").replace("\u2013", "-").lower()
    text = " ".join(text.split())
    text = _EDGE_PUNCTUATION.sub("", text)
    text = _FINAL_DOT.sub("", text)
    text = _POSSESSIVE.sub("", text).replace(" or so ", " ")
    return _SUFFIX.sub("", text)


def _year_ended(expression: str, text: str, context: str) -> Reading | None:
    """'For the year ended March 31': a fiscal year named by its end is a length of time."""
    if not _FISCAL_YEAR.fullmatch(text):
        return None
    if not re.search(re.escape(expression.strip()) + r"\s+end(?:ed|ing)\b", context, re.I):
        return None
    return Reading("DURATION", "P1Y", None)


@dataclass(frozen=True)
class _Setting:
    """What the document around an expression tells us: its tense, anchors and genre."""

    context: str
    tense: str
    anchor: Anchor | None
    earnings: bool
    before: str = ""
    after: str = ""
    last_day: date | None = None
    quarter: tuple[int, int] | None = None


def _setting(expression: str, context: str, anchor: Anchor | None, earnings: bool,
             last_day: date | None = None, quarter: tuple[int, int] | None = None) -> _Setting:
    at = context.lower().find(expression.lower())
    before, after = (context[max(0, at - 40) : at], context[at + len(expression) :][:40]) \
        if at >= 0 else ("", "")
    return _Setting(context, tense_near(context, expression), anchor,
                    earnings or bool(_EARNINGS.search(context)), before, after, last_day, quarter)


def _story_quarter(reference: date, setting: _Setting) -> tuple[int, int]:
    """The quarter the story reports: the one its lead named, else the last calendar quarter
    before publication."""
    if setting.quarter is not None:
        return setting.quarter
    quarter = cal.quarter_of(reference) - 1
    return (reference.year, quarter) if quarter else (reference.year - 1, 4)


def _quarter(year: int, quarter: int) -> Reading:
    return Reading("DATE", f"{year:04d}-Q{quarter}", "quarter")


def _reported_quarter(text: str, reference: date | None, setting: _Setting) -> Reading | None:
    """'The latest period', 'the year-earlier quarter', 'the 1988 quarter' in a story whose
    lead named its quarter."""
    if setting.quarter is None:
        return None
    year, quarter = setting.quarter
    if _REPORTED_QUARTER.fullmatch(text):
        return _quarter(year, quarter)
    if _YEAR_AGO_QUARTER.fullmatch(text):
        return _quarter(year - 1, quarter)
    if m := _YEAR_QUARTER.fullmatch(text):
        return _quarter(int(m[1]), quarter)
    return None


def _year_ago(text: str, reference: date | None, setting: _Setting) -> Reading | None:
    if reference is None or not setting.earnings:
        return None
    if text == "last year" and _COMPARED.search(setting.context):
        whole_year = _YEAR_TO_DATE.search(setting.context) or _WHOLE_YEAR.search(setting.context)
        year, quarter = _story_quarter(reference, setting)
        return None if whole_year else _quarter(year - 1, quarter)
    if not _YEAR_AGO.fullmatch(text):
        return None
    if _YEAR_TO_DATE.search(setting.context):
        return Reading("DATE", f"{reference.year - 1:04d}", "year")
    year, quarter = _story_quarter(reference, setting)
    return _quarter(year - 1, quarter)


def _year_period(text: str, reference: date | None, setting: _Setting) -> Reading | None:
    """'The 1989 period' in an earnings report is that year's reported quarter, unless the
    sentence is about a year-to-date total ('in the first nine months ... the 1988 period')."""
    m = _YEAR_PERIOD.fullmatch(text)
    if not m or reference is None or not setting.earnings or _YEAR_TO_DATE.search(setting.context):
        return None
    return _quarter(int(m[1]), _story_quarter(reference, setting)[1])


def _with_neighbours(text: str, setting: _Setting) -> str:
    """The span as the words right around it complete it ("February" in "began in February
    this year" is this year's)."""
    if setting.tense == "future" and _COUNT.fullmatch(text) and _IN_BEFORE.search(setting.before):
        return f"in {text}"
    if text in ("a year", "one year") and (m := _AGO_AFTER.match(setting.after)):
        return f"{text} {m[1].lower()}"
    if _CLOCK_ONLY.fullmatch(text) and (m := _DAY_AFTER.match(setting.after)):
        return f"{text} {m[1].lower()}"
    if _MONTH.fullmatch(text) and (m := _YEAR_AFTER.match(setting.after)):
        return f"{text} {m[1].lower()} year"
    if text == "the day" and (m := _LATER_IN_BEFORE.search(setting.before)):
        return f"{m[1].lower()} in the day"
    if _YEAR_END.fullmatch(text) and _SINCE_BEFORE.search(setting.before):
        return f"since {text}"
    return with_shared_head(text, setting.after)


_DAY_BESIDE = re.compile(r"(?:the\s+)?day\s+(before|after)\s+(.+)")


def _day_beside(text: str, reference: date | None, setting: _Setting) -> Reading | None:
    """'The day before last Tuesday': the named day, moved by one."""
    m = _DAY_BESIDE.fullmatch(text)
    if not m or m[2] in ("yesterday", "tomorrow"):
        return None
    named = _read(m[2], reference, setting)
    if named is None or named.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", named.value):
        return None
    day = date.fromisoformat(named.value) + timedelta(days=1 if m[1] == "after" else -1)
    return Reading("DATE", day.isoformat(), "day")


def _read(text: str, reference: date | None, setting: _Setting) -> Reading | None:
    special = (_year_ago(text, reference, setting) or _year_period(text, reference, setting)
               or _reported_quarter(text, reference, setting)
               or _day_beside(text, reference, setting)
               or vague_stretch(text, setting.before)
               or day_counted_today(text, reference, setting.before)
               or read_anaphora(text, setting.anchor, reference, setting.last_day)
               or read_shift_from_anchor(text, setting.anchor))
    if special is not None:
        return special
    for rule in _RULES:
        try:
            reading = rule(text, reference, setting.tense)
        except (ValueError, OverflowError):
            # Calendar arithmetic ran off the supported range (year 1 or 9999): no value.
            logger.debug("date out of range reading %r against %s", text, reference)
            continue
        if reading is not None:
            return reading
    return None


def normalize(
    expression: str, reference: date | None, *, context: str = "", anchor: date | None = None
) -> Timex | None:
    """The TimeML reading of one time expression, or None when we cannot give it a value.

    `context` is the sentence the expression sits in; its tense places bare weekdays, months
    and seasons before or after `reference`. `anchor` is the latest day the surrounding text
    named: 'that day' and 'the following year' are read against it rather than `reference`.
    """
    setting = _setting(expression, context, Anchor(anchor, "day") if anchor else None, False)
    return _normalize(expression, reference, setting)


def _normalize(expression: str, reference: date | None, setting: _Setting) -> Timex | None:
    text = _with_neighbours(_clean(expression), setting)
    while text:
        reading = _year_ended(expression, text, setting.context) or _read(
            text, reference, setting)
        if reading is not None:
            return Timex(0, len(expression), expression, *reading)
        stripped = _MODIFIER.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    logger.debug("no reading for time expression %r", expression)
    return None


def _lead_quarter(expression: str, value: str) -> tuple[int, int] | None:
    """The quarter a story's lead names ("fourth-quarter earnings"), not one of another year."""
    m = _QUARTER_VALUE.fullmatch(value)
    if not m or not _LEAD_QUARTER.search(expression) or _QUARTER_OF_YEAR.search(expression):
        return None
    return int(m[1]), int(m[2])


def normalize_document(
    text: str, spans: Sequence[tuple[int, int]], reference: date | None
) -> list[Timex | None]:
    """Readings for the spans `[start, end)` of one document, in the order given.

    Spans are read in text order so each can lean on the dates before it: the latest date the
    text named (other than the reference day itself, which news repeats as 'today') anchors
    'that year' and 'the following day'. An earnings story, told by its whole text, reads
    'a year ago' as the year-earlier quarter.
    """
    earnings = len(_EARNINGS_STORY.findall(text)) >= 2
    readings: dict[int, Timex | None] = {}
    anchor: Anchor | None = None
    last_day: date | None = None
    quarter: tuple[int, int] | None = None
    for index in sorted(range(len(spans)), key=lambda i: spans[i]):
        start, end = spans[index]
        expression = text[start:end]
        context = _sentence(text, start, end)
        setting = _setting(expression, context, anchor, earnings, last_day, quarter)
        timex = _normalize(expression, reference, setting)
        readings[index] = None if timex is None else Timex(
            start, end, expression, timex.type, timex.value, timex.precision)
        if earnings and quarter is None and timex is not None:
            quarter = _lead_quarter(expression, timex.value)
        found = anchor_of(timex.value) if timex is not None else None
        if found is not None and found.precision == "day":
            last_day = found.day
        if found is not None and found.day != reference:
            anchor = found
    return [readings[i] for i in range(len(spans))]


# --- recognition ---------------------------------------------------------------------------

# The period of "a.m." before a time zone ("4 a.m. EDT Thursday") ends no sentence.
_SENTENCE_BREAK = re.compile(r"(?<![ap]\.m(?=\.\s+(?:[A-Z]{1,3}T|UTC)\b))"
                             r"[.!?][\"')\]\u201d]*\s+(?=[A-Z\"'(\u201c])|\n\s*\n")


def _sentence(text: str, start: int, end: int) -> str:
    left = max(0, start - 300)
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, left, start)]
    after = _SENTENCE_BREAK.search(text, end, min(len(text), end + 300))
    return text[breaks[-1] if breaks else left : after.start() + 1 if after else end + 300]


def find_timexes(text: str, reference: date | None) -> list[Timex]:
    """Every time expression we can recognise and normalise in `text`, in text order."""
    spans = candidate_spans(text)
    return [timex for timex in normalize_document(text, spans, reference) if timex is not None]
