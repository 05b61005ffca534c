"""Rules for amounts of time: durations ("three years"), shifts ("two years ago"), sets."""

from __future__ import annotations

import re
from datetime import date, timedelta

from wirewatch.extract import timex_calendar as cal
from wirewatch.extract.timex_calendar import Reading, Rule
from wirewatch.extract.timex_lexicon import (
    DAY_PARTS,
    FUZZY_UNITS,
    MONTH_RE,
    NUMBER_RE,
    SEASONS,
    UNIT_RE,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAY_RE,
    month_number,
    parse_number,
    unit_name,
    weekday_number,
)


def _number_text(count: str) -> float | None:
    if count in VAGUE_QUANTITIES:
        return None
    return parse_number(count)


def _unit_parts(unit: str) -> tuple[str, bool, int]:
    return UNITS[unit_name(unit)]


def shifted(text: str, ref: date | None, tense: str) -> Reading | None:
    """'Two weeks ago', 'three years later': a count of units before or after `ref`."""
    m = re.fullmatch(rf"(?P<n>{NUMBER_RE})[\s-]+(?P<u>{UNIT_RE})\s+(?P<dir>ago|earlier|before"
                     rf"|later|after|from now|from today|after today|before today|hence|back)",
                     text)
    if not m:
        return None
    letter, is_time, size = _unit_parts(m["u"])
    if is_time:
        # "Three hours later" moves a clock time we do not know: read it as the length it is.
        return _duration(f"{m['n']} {m['u']}", ref, tense)
    count = parse_number(m["n"])
    if ref is None or count is None or count != int(count):
        return None
    sign = 1 if m["dir"] in ("later", "after", "from now", "from today", "after today",
                             "hence") else -1
    amount = int(count) * size * sign
    # A count of days or weeks back names a day: "two weeks ago" is 14 days before, as TimeBank
    # and Recognizers-Text both write it.
    if letter in "DW":
        day = ref + timedelta(days=amount * (7 if letter == "W" else 1))
        return Reading("DATE", day.isoformat(), "day")
    if letter == "M":
        year, month = cal.shift_months(ref.year, ref.month, amount)
        return Reading("DATE", cal.month_value(year, month), "month")
    if letter == "Q":
        year, month = cal.shift_months(ref.year, ref.month, 3 * amount)
        return Reading("DATE", f"{year:04d}-Q{(month - 1) // 3 + 1}", "quarter")
    return Reading("DATE", f"{ref.year + amount:04d}", "year")


def _in_future(text: str, ref: date | None, tense: str) -> Reading | None:
    """'Will leave in two weeks': a point that far after the reference, in a future clause."""
    m = re.fullmatch(rf"in\s+(?P<n>{NUMBER_RE})[\s-]+(?P<u>{UNIT_RE})", text)
    if not m or ref is None or tense != "future":
        return None
    count = parse_number(m["n"])
    letter, is_time, size = _unit_parts(m["u"])
    if count is None or is_time or count != int(count) or letter == "Q":
        return None
    amount = int(count) * size
    if letter in "DW":
        day = ref + timedelta(days=amount * (7 if letter == "W" else 1))
        return Reading("DATE", day.isoformat(), "day")
    if letter == "M":
        year, month = cal.shift_months(ref.year, ref.month, amount)
        return Reading("DATE", cal.month_value(year, month), "month")
    return Reading("DATE", f"{ref.year + amount:04d}", "year")


def _duration(text: str, ref: date | None, tense: str) -> Reading | None:
    # TimeML counts thousands of years in millennia: "two thousand years" is P2L.
    text = re.sub(r"\bthousand[\s-]+years?\b", "millennia", text)
    m = re.fullmatch(
        rf"(?:(?:the|a|an|its|their|all)\s+)?(?:(?:past|last|next|first|latest|previous|following"
        rf"|coming|final|initial|remaining|other|entire|full|whole|additional|more|further)\s+)*"
        rf"(?P<n>{NUMBER_RE}|several|few|a few|some|many|a couple of|couple of)?[\s-]*"
        rf"(?:(?:more|additional|straight|consecutive|trading|business|working|calendar|full)\s+)?"
        rf"(?P<u>{UNIT_RE})(?:[\s-]+(?:long|old|period|term|span|stretch|run|more|ahead))?",
        text)
    if not m:
        return None
    count_text = m["n"] or ""
    if re.fullmatch(r"\d{4}", count_text):
        return None
    unit = m["u"]
    plural = unit.endswith(("s", "millennia")) and not unit.endswith("ss")
    letter, is_time, size = _unit_parts(unit)
    if not count_text and not plural:
        if not text.startswith(("a ", "an ", "all ")) and not re.match(r"the (past|last|next|full)",
                                                                     text):
            return None
        count: float | None = 1
    else:
        count = _number_text(count_text)
    prefix = "PT" if is_time else "P"
    if count is None:
        fuzzy = FUZZY_UNITS.get(unit_name(unit), letter)
        return Reading("DURATION", f"{prefix}X{fuzzy}", None)
    total = count * size
    if total != int(total):
        return _fractional(total, letter, prefix)
    return Reading("DURATION", f"{prefix}{int(total)}{letter}", None)


def _fractional(total: float, letter: str, prefix: str) -> Reading | None:
    """'2 1/2 years' -> P2Y6M: TimeML writes a fraction in the next smaller unit."""
    smaller = {"Y": ("M", 12), "M": ("D", 30), "D": ("H", 24), "W": ("D", 7), "H": ("M", 60)}
    if letter not in smaller:
        return None
    small, factor = smaller[letter]
    whole, rest = int(total), round((total - int(total)) * factor)
    time_part = "T" if small == "H" and prefix == "P" else ""
    head = f"{whole}{letter}" if whole else ""
    return Reading("DURATION", f"{prefix}{head}{time_part}{rest}{small}", None)


_SET_WORDS = {"daily": "P1D", "everyday": "P1D", "nightly": "P1D", "weekly": "P1W",
              "monthly": "P1M",
              "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y",
              "hourly": "PT1H", "biweekly": "P2W", "biannually": "P6M"}


def _set(text: str, ref: date | None, tense: str) -> Reading | None:
    if text in _SET_WORDS:
        return Reading("SET", _SET_WORDS[text], None)
    m = re.fullmatch(rf"(?:every|each|per|a|an|once a|twice a|once an?)\s+(?:(?P<n>{NUMBER_RE}"
                     rf"|other)\s+)?(?P<u>{UNIT_RE}|{WEEKDAY_RE}|{MONTH_RE}|(?:spring|summer"
                     rf"|fall|autumn|winter))", text)
    if not m:
        return _plural_set(text)
    word = m["u"]
    if weekday_number(word) and not re.fullmatch(UNIT_RE, word):
        return Reading("SET", f"XXXX-WXX-{weekday_number(word)}", None)
    if month_number(word) and not re.fullmatch(UNIT_RE, word):
        return Reading("SET", f"XXXX-{month_number(word):02d}", None)
    if word in SEASONS:
        return Reading("SET", f"XXXX-{SEASONS[word]}", None)
    if text.startswith(("a ", "an ")):
        return None
    count = 2 if m["n"] == "other" else parse_number(m["n"]) if m["n"] else 1
    if count is None or count != int(count):
        return None
    letter, is_time, size = _unit_parts(word)
    return Reading("SET", f"{'PT' if is_time else 'P'}{int(count) * size}{letter}", None)


_PARTS = r"(?:morning|afternoon|evening|night)"
_PLURAL_SET = re.compile(
    rf"(?P<wd>{WEEKDAY_RE})(?:s(?:\s+(?P<p1>{_PARTS})s)?|\s+(?P<p2>{_PARTS})s)"
    r"|(?:the\s+)?(?P<ord>first|second|third|fourth)[\s-]+quarters"
    rf"|(?:(?:the\s+)?(?:past|last|previous)\s+(?:{NUMBER_RE}\s+|several\s+|few\s+)?)?"
    r"(?P<season>spring|summer|fall|autumn|winter)s"
)
_QUARTER_NUMBERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _plural_set(text: str) -> Reading | None:
    """A plural calendar name recurs: 'Tuesday nights', 'fourth quarters', 'the past three
    summers' are each a SET of that day, quarter or season, whatever the count in front."""
    m = _PLURAL_SET.fullmatch(text)
    if not m:
        return None
    if m["wd"]:
        part = m["p1"] or m["p2"]
        suffix = f"T{DAY_PARTS[part]}" if part else ""
        return Reading("SET", f"XXXX-WXX-{weekday_number(m['wd'])}{suffix}", None)
    if m["ord"]:
        return Reading("SET", f"XXXX-Q{_QUARTER_NUMBERS[m['ord']]}", None)
    return Reading("SET", f"XXXX-{SEASONS[m['season']]}", None)


RULES: tuple[Rule, ...] = (shifted, _in_future, _set, _duration)
