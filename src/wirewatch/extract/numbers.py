"""Numbers as news writes them: digits, words, scales, ranges, vague plurals and hedges.

This module only reads numbers; deciding whether a number is a quantity (and not a year, a
date or part of a name) and what it counts is the job of `wirewatch.extract.quantities`.

Conventions (chosen so the figures extractor can compare numbers across sources):

- Hedges set `qualifier`: "about/around/roughly/some/an estimated/nearly/almost/close to" give
  "approximately". "nearly 200" and "almost 200" are "approximately", not "upper_bound": writers
  use them to round a figure, and an analyst comparing troop counts wants ≈200, not <200.
  "more than/over/at least/upwards of/…" give "lower_bound"; "fewer than/less than/under/up to/
  as many as/…" give "upper_bound"; a trailing "or more"/"-plus" gives "lower_bound".
- Ranges ("between 8,000 and 16,000", "8,000-16,000", "5 to 7", "from 5 to 7", "three or four")
  set `low`/`high`, `value=None`, qualifier "range". A scale written only on the high end is
  shared ("$89 to $93 billion", "1 to 2 thousand").
- Vague plurals of a scale word ("dozens", "hundreds", "tens of thousands", "millions") read as
  "at least one of that unit and fewer than ten": low = S, high = 10·S, value None, qualifier
  "approximately" ("dozens" = 12..120). This is the order-of-magnitude reading NewsQuant uses.
- "a dozen" is 12 "approximately"; the number words "twelve" or "12" stay exact.
- Signs ("minus 5", "$-50.8bn", "-18 °C"), fractions ("1/16", "2 1/2") and scientific notation
  ("2.48×10−5", "4e14") are read; codes ("CF-18", "G7", "COVID -19"), phone numbers, the second
  half of a year span ("2013-14") and score lines ("2-2") are not numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
# Abbreviated scales glued to or following digits ("5bn", "2.5 trillion", "10k"). A bare "m"
# is not here: after digits it is usually metres; quantities.py reads "$5m" as millions.
SCALE_ABBREVIATIONS = {"bn": 1e9, "b": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "k": 1e3}
VAGUE_PLURALS = {"dozens": 12, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
                 "billions": 1e9, "trillions": 1e12}

APPROXIMATELY = "approximately"
LOWER_BOUND = "lower_bound"
UPPER_BOUND = "upper_bound"
EXACT = "exact"
RANGE = "range"

_HEDGES = {
    APPROXIMATELY: ["about", "around", "approximately", "roughly", "some", "an estimated",
                    "estimated", "nearly", "almost", "close to", "circa", "approx.", "~",
                    "just about", "more or less", "an average of", "on average"],
    LOWER_BOUND: ["more than", "over", "at least", "upwards of", "in excess of", "above",
                  "just over", "well over", "no fewer than", "no less than", "exceeding",
                  "greater than", "a minimum of", "a high of more than"],
    UPPER_BOUND: ["fewer than", "less than", "under", "up to", "at most", "no more than",
                  "below", "as many as", "as much as", "just under", "not more than",
                  "a maximum of", "as few as", "as little as"],
}
_HEDGE_RE = re.compile(
    r"(?<![\w-])(?P<hedge>"
    + "|".join(
        re.escape(h).replace(r"\ ", r"\s+")
        for h in sorted((h for hs in _HEDGES.values() for h in hs), key=len, reverse=True)
    )
    + r")\s*$",
    re.IGNORECASE,
)
_HEDGE_KIND = {h: kind for kind, hs in _HEDGES.items() for h in hs}

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SCALE = "|".join(SCALES) + "|dozen"
_SCIENTIFIC = r"\d+(?:\.\d+)?(?:\s?[×x]\s?10\^?[−-]?\d+|e[−-]?\d+)(?![\w.])"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_WORD_NUMBER = (
    rf"(?:(?:{_WORD})(?:-(?:{'|'.join(UNITS)}))?|an?(?=\s+(?:{_SCALE})\b))"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:{_WORD}|{_SCALE})\b(?:-(?:{'|'.join(UNITS)})\b)?)*"
)
_DIGIT_NUMBER = (
    rf"(?:{DIGITS})(?:\s*(?:{'|'.join(SCALE_ABBREVIATIONS)})\b|"
    rf"\s*-?\s*(?:{_SCALE})\b(?:\s+(?:and\s+)?(?:{_SCALE})\b)*)?"
)
# A number starts at a word boundary that is not inside a code ("CF-18", "G7", "COVID-19").
NUMBER_RE = re.compile(
    rf"(?<![\d.,/:⁄^])(?:(?<=minus-)|(?<![^\W\d]-))(?<!(?-i:[A-Z])\s-)(?<!\d{{4}}[-–/])"
    rf"(?:(?P<scientific>{_SCIENTIFIC})|(?P<mixed>\d+\s+\d+/\d+)(?![\d/])|"
    rf"(?P<fraction>\d+[/⁄]\d+)(?![\d/])|"
    rf"(?P<digits>{_DIGIT_NUMBER})|(?P<words>\b{_WORD_NUMBER}\b))",
    re.IGNORECASE,
)
# Letters may touch a number only when they are a currency code ("USD10m", "RM23.50", "$US5").
_CODE_BEFORE = re.compile(
    r"(?:(?:^|[^\w$])(?:US|USD|RM|EUR|GBP|JPY|Rs|CAD|AUD|NZD|HKD)|\$(?:US|A|AU|C|NZ|HK))$"
)
_VAGUE_RE = re.compile(
    r"(?<![\w-])(?:(?P<mult>tens|hundreds)\s+of\s+)?(?P<scale>dozens|hundreds|thousands|"
    r"millions|billions|trillions)\b",
    re.IGNORECASE,
)
# What may stand between the two ends of a range; "by X to Y" is a change, not a range.
_RANGE_GLUE = re.compile(
    r"^\s*(?:-|–|—|-?\s*to|to\s*-|or|and)\s*(?:[$£€¥]|US\s?\$|[A-Z]{1,3}\$)?\s*$", re.IGNORECASE
)

_PHONE_RE = re.compile(r"(?:\(\d{3}\)\s*|\b\d{3}[-.\s])\d{3}[-.]\d{4}\b")
_MINUS = re.compile(r"(?:\bminus[\s-]*|(?<=[$£€¥\s(])-|^-)$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberMention:
    """A number read from text: char offsets of the whole expression, hedges included."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    number_start: int
    number_end: int


def _parse_words(words: list[str]) -> float | None:
    """Classic word-number reading; None when the words do not form one number."""
    total = 0.0
    current = 0.0
    previous = ""
    seen = False
    for word in words:
        if word == "and":
            if previous != "hundred":
                return None
            continue
        if word in ("a", "an"):
            if seen:
                return None
            current = 1
            seen = True
        elif word in UNITS:
            if previous in UNITS or previous in ("a", "an") or (previous in TENS and current % 10):
                return None
            current += UNITS[word]
            seen = True
        elif word in TENS:
            if previous in UNITS or previous in TENS:
                return None
            current += TENS[word]
            seen = True
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        previous = word
    if not seen and not total and not current:
        return None
    return total + current


def parse_number(text: str) -> float | None:
    """Read one number written in digits and/or words: "30,000", "1.2 billion", "six",
    "a dozen", "two hundred", "twenty-five", "5bn". None when `text` is not a number."""
    cleaned = text.strip().lower().replace("\u2009", "").replace("\xa0", " ")
    if not cleaned:
        return None
    match = re.fullmatch(rf"({DIGITS})\s*-?\s*(.*)", cleaned)
    if match:
        base = float(match.group(1).replace(",", ""))
        rest = match.group(2).strip()
        if not rest:
            return base
        if rest in SCALE_ABBREVIATIONS:
            return base * SCALE_ABBREVIATIONS[rest]
        scale = _parse_words(rest.split())
        if scale is None or re.search(rf"\b(?:{_WORD})\b", rest):
            return None
        return base * scale
    return _parse_words(re.split(r"[\s-]+", cleaned))


def _hedge_before(text: str, start: int) -> tuple[str, int]:
    """The hedge ending right before `start` (currency signs may sit between)."""
    window_start = max(0, start - 40)
    window = text[window_start:start]
    money = re.search(r"(?:[$£€¥]|US\s?\$|[A-Z]{1,3}\$)\s*$", window)
    if money:
        window = window[: money.start()]
    match = _HEDGE_RE.search(window)
    if not match:
        return EXACT, start
    hedge = re.sub(r"\s+", " ", match.group("hedge").lower())
    kind = _HEDGE_KIND[hedge]
    if hedge == "some" and re.match(r"\s*of\b", text[start:]):
        return EXACT, start
    return kind, window_start + match.start()


def _hedge_after(text: str, end: int) -> tuple[str | None, int]:
    match = re.match(r"(?:\s+or\s+(?:more|over)|-?plus\b|\+|\s+or\s+so)", text[end:], re.I)
    if not match:
        return None, end
    kind = APPROXIMATELY if "so" in match.group(0).lower() else LOWER_BOUND
    return kind, end + match.end()


def _parse_scientific(surface: str) -> float | None:
    """"2.48×10−5", "4e14", "3.5E10": a mantissa and a power of ten (Unicode minus allowed);
    None for a power no float holds."""
    mantissa, exponent = re.split(r"\s?[×x]\s?10\^?|e", surface.replace("−", "-"), maxsplit=1,
                                  flags=re.IGNORECASE)
    try:
        return float(mantissa) * 10 ** int(exponent)
    except OverflowError:
        return None


def _raw_numbers(text: str) -> list[tuple[int, int, float]]:
    phones = [m.span() for m in _PHONE_RE.finditer(text)]
    found = []
    for match in NUMBER_RE.finditer(text):
        if any(a <= match.start() < b for a, b in phones):
            continue
        if re.search(r"\d\s$", text[max(0, match.start() - 2) : match.start()]):
            continue  # the second digit group of an identifier ("No. 87982 7913")
        if match.start() and text[match.start() - 1].isalpha():
            if not _CODE_BEFORE.search(text[max(0, match.start() - 5) : match.start()]):
                continue
        surface = match.group(0)
        if match.group("scientific"):
            value = _parse_scientific(surface)
            if value is not None:
                found.append((match.start(), match.end(), value))
            continue
        if match.group("mixed"):
            whole, fraction = surface.split(None, 1)
            numerator, denominator = fraction.split("/")
            if 0 < int(numerator) < int(denominator):
                value = int(whole) + int(numerator) / int(denominator)
                found.append((match.start(), match.end(), value))
            continue
        if match.group("fraction"):
            numerator, denominator = re.split(r"[/⁄]", surface)
            if int(denominator) > int(numerator) > 0:
                found.append((match.start(), match.end(), int(numerator) / int(denominator)))
            continue
        value = parse_number(surface)
        end = match.end()
        # Shrink a word run until it reads as one number ("one two" -> "one").
        while value is None and " " in surface.strip():
            surface = surface.rsplit(None, 1)[0]
            value = parse_number(surface)
            end = match.start() + len(surface)
        if value is None and match.group("words"):
            pieces = re.split(r"(?<=\w)-(?=\w)", surface)
            surface = pieces[0]
            value = parse_number(surface)
            end = match.start() + len(surface)
        if value is not None:
            found.append((match.start(), end, value))
    return found


def _looks_like_year(surface: str) -> bool:
    return re.fullmatch(r"1\d{3}|20\d\d|21\d\d", surface.strip()) is not None


def _scale_of(surface: str) -> float:
    """The multiplying scale written on a number ("93 billion" -> 1e9), 1 when none."""
    match = re.search(rf"(?:{'|'.join(SCALES)}|{'|'.join(SCALE_ABBREVIATIONS)})\s*$",
                      surface.strip(), re.I)
    if not match:
        return 1.0
    word = match.group(0).lower()
    return SCALES.get(word) or SCALE_ABBREVIATIONS.get(word, 1.0)


def find_numbers(text: str) -> list[NumberMention]:
    """Every number expression in `text`, left to right, with hedges and ranges folded in."""
    raw = _raw_numbers(text)
    mentions: list[NumberMention] = []
    taken_until = -1
    i = 0
    while i < len(raw):
        start, end, value = raw[i]
        if start < taken_until:
            i += 1
            continue
        negative = _MINUS.search(text[max(0, start - 7) : start])
        if negative:
            value = -value
        sign_start = start - len(negative.group(0)) if negative else start
        qualifier, outer_start = _hedge_before(text, sign_start)
        low = high = None
        outer_end = end
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        glue = text[end : nxt[0]] if nxt else ""
        before = text[max(0, outer_start - 9) : outer_start].lower()
        is_between = bool(re.search(r"between\s*$", before)) and re.match(r"\s*and\s*", glue)
        glue_ok = nxt is not None and _RANGE_GLUE.match(glue) and not re.match(r"\s*and", glue)
        if glue_ok and re.match(r"\s*or\s", glue):
            glue_ok = value < 100 and nxt[2] < 100 and value != nxt[2]
        by_before = re.search(r"\bby\s*(?:[$£€¥]|US\s?\$)?\s*$", text[max(0, start - 8) : start])
        if glue_ok and by_before:
            glue_ok = _scale_of(text[start:end]) == 1 and not re.search(r"[$£€¥]", glue)
        if nxt is not None and _looks_like_year(text[start:end]) != _looks_like_year(
            text[nxt[0] : nxt[1]]
        ):
            glue_ok = is_between = False  # "from 20 mpg in 2008 to 29 mpg": not one range
        if nxt is not None and (is_between or glue_ok):
            high_value = nxt[2]
            low_value = value
            low_surface = text[start:end]
            high_scale = _scale_of(text[nxt[0] : nxt[1]])
            if _scale_of(low_surface) == 1 and high_value / high_scale >= low_value:
                low_value *= high_scale
            if low_value == high_value:
                i += 2  # "2-2", "89-89": a score, not a range
                taken_until = nxt[1]
                continue
            low, high, value = low_value, high_value, None
            if is_between:
                outer_start = max(0, outer_start - 9) + before.rfind("between")
            elif re.search(r"from\s*$", before):
                outer_start = max(0, outer_start - 9) + before.rfind("from")
            qualifier = RANGE
            outer_end = nxt[1]
            i += 1
        trailing, trailing_end = _hedge_after(text, outer_end)
        if trailing and qualifier == EXACT:
            qualifier, outer_end = trailing, trailing_end
        if value == 12 and re.match(r"an?\s+dozen", text[start:end], re.I) and qualifier == EXACT:
            qualifier = APPROXIMATELY
        mentions.append(
            NumberMention(outer_start, outer_end, value, low, high, qualifier, start, outer_end)
        )
        taken_until = outer_end
        i += 1
    for match in _VAGUE_RE.finditer(text):
        if any(m.start <= match.start() < m.end for m in mentions):
            continue
        low = VAGUE_PLURALS[match.group("scale").lower()]
        if match.group("mult"):
            low *= 10 if match.group("mult").lower() == "tens" else 100
        qualifier, outer_start = _hedge_before(text, match.start())
        mentions.append(NumberMention(outer_start, match.end(), None, low, low * 10,
                                      APPROXIMATELY, match.start(), match.end()))
    return sorted(mentions, key=lambda m: m.start)
