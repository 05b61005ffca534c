"""Where time expressions are in a text: one pattern per written form, tried left to right.

The patterns only find spans; `timex.normalize_document` gives them values. Python tries the
alternatives in order at each position, so a longer or more specific form must come before a
shorter one that starts the same way ("the quarter a year ago" before "the quarter").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

# The parsed form of a pattern, which no public module exposes: the only way to read which
# characters each alternative can begin with from the pattern itself rather than a copy of it.
try:
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # a Python without them: _starts() falls back to the whole _FINDER
    sre = _parser = None

from wirewatch.extract import timex_holidays
from wirewatch.extract.timex_lexicon import MONTH_RE, NUMBER_RE, UNIT_RE

_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_ORDINAL_DAY = (r"(?:(?:twenty|thirty)[\s-])?(?:first|second|third|fourth|fifth|sixth|seventh"
                r"|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
                r"|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
_DAY = rf"(?:[0-3]?\d(?:st|nd|rd|th)?|{_ORDINAL_DAY})"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY_PART = r"(?:morning|afternoon|evening|night)"
_MOD = (r"(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of|earlier"
        r"|later|late|early)[\s-]+)?")
_WHICH = (r"(?:this|last|next|the past|the previous|the coming|the current|past|coming|current"
          r"|previous|following)(?:\s+(?:calendar|fiscal))?")
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_SPELLED_YEAR = (rf"(?:nineteen|eighteen|twenty)[\s-](?:{_TENS}(?:[\s-]{_ONES})?|{_TEENS})"
                 rf"|two thousand(?:\s+and\s+(?:{_TENS}(?:[\s-]{_ONES})?|{_TEENS}|{_ONES}))?")
_PATTERNS = [
    r"\d{4}-\d\d-\d\d",
    r"\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)",
    rf"\d{{4}}[-/]{MONTH_RE}[-/]\d{{1,2}}|{MONTH_RE}/\d{{1,2}}(?:/\d{{4}})?|{MONTH_RE}/\d{{4}}",
    # A bare "11/20" is a date only after "on" or a weekday; elsewhere it is a ratio or score.
    rf"(?:(?<=\bon\s)|{_WEEKDAY},?\s+)\d{{1,2}}/\d{{1,2}}",
    rf"(?:(?<=\bon\s)the|{_WEEKDAY},?(?:\s+the)?)\s+(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL_DAY})"
    r"(?=\s*(?:[.,;!?)]|$|\s+(?:and|or|at|to|until|through)\b))",
    rf"\d{{1,2}}[-/]{MONTH_RE}[-/]\d{{4}}|{MONTH_RE}-\d{{1,2}}-\d{{4}}",
    rf"\d{{4}}-\d{{1,2}}(?![\d-])|\d{{1,2}}-\d{{4}}|{MONTH_RE}-\d{{4}}",
    r"\d{4}[\s-]?[qh][1-4]|[qh][1-4][\s-]?\d{4}",
    rf"(?:the\s+)?week\s+\d{{1,2}}(?:\s+of\s+{_YEAR})?|(?:the\s+)?(?:first|1st|last)\s+week\s+of\s+{_YEAR}",
    rf"(?:the\s+)?(?:this|next|following|coming|last|previous|past)\s+week(?:'s)?[\s,-]*(?:on\s+)?"
    rf"{_WEEKDAY}|{_WEEKDAY}\s+of\s+(?:the\s+)?(?:this|next|following|coming|last|previous|past)"
    r"\s+week",
    rf"(?:{_WEEKDAY},?\s+)?{MONTH_RE}(?:\s*{_DAY}|,\s*[0-3]?\d(?:st|nd|rd|th))"
    rf"(?:\s*,?\s*(?:of\s+|in\s+)?{_YEAR})?(?!\d|:\d)",
    # Not a price: "$12 December 27" is December 27.
    rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?<!\$)(?<!\$\s){_DAY}\s+(?:of\s+)?{MONTH_RE}"
    rf"(?:\s*,?\s*(?:of\s+|in\s+)?{_YEAR})?",
    rf"{_MOD}(?:(?:last|next|this)\s+)?{MONTH_RE}(?![.\s]*\d{{1,2}}\b)(?:,?\s*(?:of\s+)?{_YEAR}"
    rf"|\s+(?:this|last|next)\s+year)?",
    rf"(?:\d{{1,2}}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+(?:[ecmp][sd]t|gmt))?|noon|midday|midnight)"
    rf"(?:,?\s+(?:on\s+)?(?:today|tonight|tomorrow|yesterday|{_WEEKDAY}|{MONTH_RE}\s*\d{{1,2}}\b))?",
    # Plural weekdays, day parts and seasons recur ("Tuesday nights", "the past three summers").
    rf"{_WEEKDAY}s(?:\s+{_DAY_PART}s)?|{_WEEKDAY}\s+{_DAY_PART}s"
    rf"|(?:(?:the\s+)?(?:past|last|previous)\s+(?:{NUMBER_RE}\s+|several\s+|few\s+)?)?"
    r"(?:spring|summer|fall|autumn|winter)s",
    rf"(?:(?:this|last|next|this coming|this past|coming|following|previous)\s+)?{_WEEKDAY}"
    rf"(?:\s+(?:morning|afternoon"
    rf"|evening|night))?",
    rf"(?:(?:the\s+)?day\s+(?:before|after)\s+(?:(?:last|next|this)\s+)?{_WEEKDAY}(?:'s)?"
    r"|(?:the day (?:before|after) )?(?:today|tonight|tomorrow|yesterday))",
    r"(?:this|last|early this|late this)\s+(?:morning|afternoon|evening|night)"
    r"|mid[\s-]?(?:morning|afternoon)",
    r"(?:the\s+)?(?:first|second|last|latter)\s+half\s+of\s+(?:the\s+)?(?:'\d0s|\d{3}0s)",
    r"(?:the\s+)?(?:(?:this|last|next)\s+year's\s+)?(?:first|second|third|fourth|final|last|1st"
    r"|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?(?:quarter|half)"
    rf"(?:\s+of\s+(?:{_YEAR}|(?:the|this|last|next)\s+year))?",
    r"(?:the\s+)?year[\s-](?:earlier|ago)\s+(?:quarter|period)"
    r"|(?:the\s+)?(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)"
    rf"|(?:the\s+)?{_YEAR}\s+(?:quarter|period)",
    rf"(?:the\s+)?week\s+of\s+{MONTH_RE}\s*{_DAY}",
    rf"{_MOD}(?:{_WHICH}|the following|the next|the)\s+(?:week|weekend|month|year|quarter|decade"
    r"|spring|summer|fall|autumn|winter)",
    r"(?:the\s+)?end\s+of\s+(?:month|year|week)|all\s+(?:day|night|week|month|year)",
    rf"(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL_DAY})\s+day\s+of\s+(?:(?:the|this|next"
    rf"|last)\s+month|{MONTH_RE}(?:\s*,?\s*{_YEAR})?)",
    rf"(?:(?<=\bis\s)|(?<='s\s))the\s+(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL_DAY})\s+day",
    rf"(?:{NUMBER_RE}|several|a few|a couple of)[\s-]+{UNIT_RE}(?:\s+or\s+so)?\s+(?:ago|earlier"
    r"|later|from now"
    r"|from today|after today|before today)",
    # TimeML marks the two ends of "two to six days" apart, and "the first nine months" apart
    # from "of 1997"; only "the first two quarters of 1990" is one expression (its first half).
    rf"(?:the\s+)?(?:first|last|final)\s+two\s+quarters\s+of\s+{_YEAR}",
    rf"(?:in\s+|(?:the\s+)?(?:past|last|next|first|coming)\s+)?{NUMBER_RE}[\s-]+{UNIT_RE}",
    rf"(?:the\s+year\s+)?(?:{_SPELLED_YEAR})",
    rf"(?:every|each)\s+(?:day|week|month|year|quarter|spring|summer|fall|autumn|winter"
    rf"|{_WEEKDAY}|{MONTH_RE})",
    # "Quarterly", "previously" and "soon" are left out: news uses them mostly as adjectives
    # and discourse words that TimeML does not mark.
    r"daily|everyday|weekly|monthly|annually|yearly|hourly",
    rf"now|currently|nowadays|these days|at present|recently"
    rf"|in the past(?!\s+(?:{NUMBER_RE}|few|several)\b)|lately"
    r"|(?:the\s+)?(?:near\s+)?future|the\s+(?:near|short|long)\s+term",
    rf"(?:(?:in\s+)?(?:the\s+)?(?:past|last|next|coming|recent)\s+(?:few|several)|coming|recent"
    rf"|past|several)\s+{UNIT_RE}(?:\s+and\s+{UNIT_RE})?",
    r"(?:the\s+)?(?:latest|most recent|year[\s-](?:earlier|ago))(?:\s+(?:fiscal\s+)?"
    r"(?:quarter|period|year))?|the\s+(?:fiscal|calendar|full)\s+year",
    r"(?:the\s+)?(?:\d{4}\s+)?(?:first|second|third|fourth)[\s-]+quarter",
    rf"(?:(?:earlier|later)\s+)?(?:that|the same)\s+(?:day|week|month|year|morning|afternoon"
    rf"|evening|night)|the\s+(?:following|next|previous|preceding)\s+(?:day|morning|afternoon"
    rf"|evening|night|{_WEEKDAY})|the\s+(?:morning|afternoon|evening)",
    r"(?:the\s+|around\s+)?year(?:'s)?[\s-]end",
    r"(?:this|the\s+\d{1,2}(?:st|nd|rd|th)|\d{1,2}(?:st|nd|rd|th))\s+century|centuries|decades",
    r"(?:several|a few|many|some) (?:days|weeks|months|years|decades) ago",
    # not a clock time in military notation ("1800 UTC", "0600 GMT", "2130 hours")
    rf"{_MOD}(?:fiscal\s+)?(?<![\d$.,]){_YEAR}(?![\d%,.]\d)"
    r"(?!\s+(?:utc|gmt|zulu|hours|hrs|local\s+time)\b)",
    rf"(?:the\s+)?{_MOD}(?:(?:1[5-9]|20)\d0'?s|'\d0s)"
    r"|the\s+(?:(?:early|late|mid)[\s-]+)?(?:twenties|thirties|forties|fifties|sixties"
    r"|seventies|eighties|nineties)",
    r"the\s+(?:days|weeks|months|years)\s+ahead",
    timex_holidays.HOLIDAY_RE,
]


def _finder(patterns: Sequence[str]) -> re.Pattern[str]:
    # Not inside a longer token: URLs, file names and numeric ranges ("5/1/2019-5/7/2020").
    return re.compile(r"(?<![\w/-])(?:" + "|".join(patterns) + r")(?![\w/-])", re.IGNORECASE)


_FINDER = _finder(_PATTERNS)
# A lower-case "may" or "march" is a verb far more often than a month.
_VERB_MONTHS = re.compile(
    r"(?:(?:this|last|next)\s+)?(?:may|march)(?:\s+(?:this|last|next)\s+year)?", re.IGNORECASE
)
# A bare abbreviation with no dot, day or year is a name far more often ("Jan Kavan").
_NAME_LIKE_MONTH = re.compile(r"(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)",
                              re.IGNORECASE)


# A final dot belongs to the span only when it ends an abbreviation ("Sept.", "p.m.").
_ABBREVIATION_DOT = re.compile(
    r"(?<!\bjan)(?<!\bfeb)(?<!\bmar)(?<!\bapr)(?<!\bjun)(?<!\bjul)(?<!\baug)(?<!\bsep)"
    r"(?<!\bsept)(?<!\boct)(?<!\bnov)(?<!\bdec)(?<![ap]\.m)\.$",
    re.IGNORECASE,
)


# Case-sensitive: only the lower-case word is the verb.
_LOWER_VERB_MONTH = re.compile(r"\b(?:may|march)\b")


def _is_name_or_verb(span: str) -> bool:
    if _VERB_MONTHS.fullmatch(span):
        return _LOWER_VERB_MONTH.search(span) is not None
    return _NAME_LIKE_MONTH.fullmatch(span) is not None


# --- where a match can start ----------------------------------------------------------------
# `re` tries every alternative of _FINDER at every word start. Which alternatives can begin with
# a text's next _HEAD characters is read once off the parsed patterns; the text is then searched
# only for those heads, and at each one only the alternatives that can begin there are tried.
# Dropping an alternative that cannot match at a position leaves the alternation's first
# success there unchanged, so the spans are those of `_FINDER.finditer`.

_HEAD = 3
_ASCII = [chr(code) for code in range(128)]
if sre is not None:
    _CATEGORIES = {
        sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
        sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
    }
    _REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
    _ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)


def _ascii_matched_by(pattern: str) -> set[str]:
    """The lower-cased ASCII characters one character of `pattern` matches, ignoring case."""
    compiled = re.compile(pattern, re.IGNORECASE)
    return {char.lower() for char in _ASCII if compiled.fullmatch(char)}


def _class_heads(items: list[tuple]) -> set[str]:
    """The lower-cased ASCII characters a parsed character class `[...]` matches."""
    heads: set[str] = set()
    for op, arg in items:
        if op is sre.NEGATE:
            return _ascii_matched_by(r"[\s\S]")
        if op is sre.LITERAL:
            heads |= {chr(arg).lower()} if arg < 128 else _ascii_matched_by(re.escape(chr(arg)))
        elif op is sre.RANGE:
            low, high = arg
            heads |= _ascii_matched_by(f"[{re.escape(chr(low))}-{re.escape(chr(high))}]")
        elif op is sre.CATEGORY:
            heads |= _ascii_matched_by(_CATEGORIES[arg])
        else:
            raise ValueError(f"no head analysis for {op} in a character class")
    return heads


class _HeadReader:
    """Every lower-cased ASCII string of up to `size` characters that a parsed pattern's matches
    can begin with; a shorter string is a whole match, which what follows it may extend."""

    def __init__(self, size: int) -> None:
        self.size = size
        # Keyed by id: parsed subpatterns are not hashable; the tree they belong to is kept
        # alive beside its heads.
        self._seen: dict[tuple[int, int], tuple[object, set[str]]] = {}

    def sequence(self, items: object, budget: int) -> set[str]:
        key = (id(items), budget)
        if key not in self._seen:
            heads = {""}
            for op, arg in items:  # type: ignore[attr-defined]
                heads = self._extend(heads, budget, lambda room, op=op, arg=arg:
                                     self._item(op, arg, room))
            self._seen[key] = (items, heads)
        return self._seen[key][1]

    @staticmethod
    def _extend(heads: set[str], budget: int, tails) -> set[str]:
        extended = {head for head in heads if len(head) == budget}
        for head in heads - extended:
            extended |= {head + tail for tail in tails(budget - len(head))}
        return extended

    def _item(self, op: object, arg, budget: int) -> set[str]:
        if op is sre.LITERAL:
            return {chr(arg).lower()} if arg < 128 else _ascii_matched_by(re.escape(chr(arg)))
        if op is sre.IN:
            return _class_heads(arg)
        if op in (sre.ANY, sre.NOT_LITERAL):
            return _ascii_matched_by(r"[\s\S]")
        if op is sre.BRANCH:
            return set().union(*(self.sequence(branch, budget) for branch in arg[1]))
        if op is sre.SUBPATTERN:
            return self.sequence(arg[3], budget)
        if op is sre.ATOMIC_GROUP:
            return self.sequence(arg, budget)
        if op in _REPEATS:
            return self._repeat(*arg, budget)
        if op in _ZERO_WIDTH:
            # A lookaround only narrows what matches; ignoring it keeps every real head.
            return {""}
        raise ValueError(f"no head analysis for {op}")

    def _repeat(self, least: int, most: int, body: object, budget: int) -> set[str]:
        heads: set[str] = set()
        level, count, extended = {""}, 0, set()
        while True:
            open_heads = {head for head in level if len(head) < budget}
            heads |= level if count >= least else level - open_heads
            if count == most:
                return heads
            if count >= least:
                # Past the minimum, a head extended once already gains nothing from more turns.
                open_heads -= extended
                extended |= open_heads
            if not open_heads:
                return heads
            level = self._extend(open_heads, budget, lambda room: self.sequence(body, room))
            count += 1


def _pattern_heads(pattern: str) -> set[str]:
    heads = _HeadReader(_HEAD).sequence(_parser.parse(pattern, re.IGNORECASE), _HEAD)
    if "" in heads:
        raise ValueError(f"pattern can match the empty string: {pattern!r}")
    return heads


def _trie_pattern(heads: set[str]) -> str:
    """A regex matching the start of a text that begins with one of `heads` (lower-cased ASCII),
    or with part of one followed by a non-ASCII character, which the heads cannot speak for."""
    root: dict = {}
    for head in heads:
        node = root
        for char in head:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        if list(node) == [""]:
            return ""
        chars_by_rest: dict[str, list[str]] = {}
        for char, child in node.items():
            if char:
                chars_by_rest.setdefault(branch(child), []).append(char)
        options = []
        for rest, chars in chars_by_rest.items():
            escaped = "".join(re.escape(char) for char in sorted(chars))
            first = escaped if len(chars) == 1 else f"[{escaped}]"
            options.append(f"{first}(?:{rest})" if rest else first)
        options.append(r"[^\x00-\x7f]")
        if "" in node:
            options.append("")
        return "|".join(options)

    return branch(root)


def _starts() -> tuple[list[set[str]], re.Pattern[str] | None]:
    """Each pattern's heads, and where a match may start: outside a token (as _FINDER
    requires), before a possible head. Should a later Python parse patterns into another
    shape, no heads are read and every text goes through _FINDER itself."""
    if _parser is None:
        return [], None
    try:
        heads = [_pattern_heads(pattern) for pattern in _PATTERNS]
    except (AttributeError, TypeError, KeyError, IndexError, ValueError):
        return [], None
    starts = r"(?<![\w/-])(?=" + _trie_pattern(set().union(*heads)) + ")"
    return heads, re.compile(starts, re.IGNORECASE)


_HEADS, _STARTS = _starts()


class _FindersByHead(dict[str, re.Pattern[str]]):
    """The finder holding only the alternatives that can begin with a head, built when needed."""

    def __init__(self) -> None:
        super().__init__()
        self._by_alternatives: dict[tuple[int, ...], re.Pattern[str]] = {}

    def __missing__(self, head: str) -> re.Pattern[str]:
        prefixes = {head[:size] for size in range(len(head) + 1)}
        # _STARTS lets through only heads some alternative has; should one slip by, the whole
        # alternation is tried rather than none of it.
        alternatives = (tuple(i for i, heads in enumerate(_HEADS) if prefixes & heads)
                        or tuple(range(len(_PATTERNS))))
        if alternatives not in self._by_alternatives:
            self._by_alternatives[alternatives] = _finder([_PATTERNS[i] for i in alternatives])
        self[head] = self._by_alternatives[alternatives]
        return self[head]


_FINDERS_BY_HEAD = _FindersByHead()


def _finder_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches `_FINDER.finditer(text)` gives, leftmost first and not overlapping."""
    if _STARTS is None:
        yield from _FINDER.finditer(text)
        return
    end = 0
    for start in _STARTS.finditer(text):
        at = start.start()
        if at < end:
            continue
        head = text[at : at + _HEAD]
        finder = _FINDERS_BY_HEAD[head.lower()] if head.isascii() else _FINDER
        # match(text, at) still lets the lookbehinds see the text before `at`.
        m = finder.match(text, at)
        if m:
            end = m.end()
            yield m


def candidate_spans(text: str) -> list[tuple[int, int]]:
    """The `[start, end)` of every span in `text` that looks like a time expression."""
    spans: list[tuple[int, int]] = []
    for m in _finder_matches(text):
        span = _ABBREVIATION_DOT.sub("", m.group(0))
        if not _is_name_or_verb(span) and not _year_of_a_name(text, m.start(), span):
            spans.append((m.start(), m.start() + len(span)))
    return spans


_BARE_YEAR = re.compile(_YEAR)
# The capitalised word right before a year, after a space, a quotation mark or a bracket (not
# a possessive: "Trump's 2016 campaign").
_WORD_BEFORE = re.compile(r"""(?:^|[\s"“‘'(])([A-Z][\w-]*) $""")
# Capitalised words a year may follow as a date: at the start of a sentence ("In 2017, …",
# "Since 2014 …") or as a date's own part ("Christmas 2019" is found whole; these are the rest).
_YEAR_LEADS = re.compile(
    rf"(?:in|since|by|until|till|through|from|to|for|during|after|before|around|about|circa|of"
    rf"|and|or|the|a|an|this|that|these|those|his|her|its|their|our|my|your|last|next|every"
    rf"|each|early|late|mid|end|start|beginning|fiscal|fy|year|q[1-4]|h[12]|spring|summer"
    rf"|fall|autumn|winter|{MONTH_RE}|{_WEEKDAY}|{timex_holidays.HOLIDAY_RE})",
    re.IGNORECASE)


def _year_of_a_name(text: str, start: int, span: str) -> bool:
    """ "Vision 2030", "Euro 2020", a programme "dubbed 'Zrínyi 2026' in 2017": a bare year right
    after a capitalised word is part of a name, not a date (the year of "in 2017" is)."""
    if not _BARE_YEAR.fullmatch(span):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and not _YEAR_LEADS.fullmatch(before.group(1))
