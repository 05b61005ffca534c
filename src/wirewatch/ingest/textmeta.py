"""Metadata of a plain-text scrape: headline, outlet, bylines, date, dateline, agency, language.

Everything is read from what the text (or the URL) states; what it does not state stays None.
The cleaner's verdicts tell where the article starts and ends and which lines were byline
blocks, credits, video captions or lists of other stories, so a date in a list of other
headlines, in a photo caption or in an events box is never taken for the article's.

Published-date sources, strongest first:

- "text:first-published"  "This report by The Canadian Press was first published Feb. 17, 2021"
- "text:published-line"   "Published: June 16, 2017", "Posted June 16, 2017 10:00 am"
- "text:byline"           a date line in the byline block above the body ("June 16, 2017")
- "text:dateline"         "OTTAWA, June 16, 2017 —"
- "url"                   "/2017/06/16/", "/2017-06-16/", "/20170616/", "/2017/06/"
- "text:video-caption"    a date closing a video caption near the top
                          ("WATCH ABOVE: … – Jan 19, 2016")

"This story is over 5 years old" is not a date, and no date is ever filled in from the clock.
"""

from __future__ import annotations

import datetime as dt
import re

from wirewatch.ingest.outlets import (
    canonical_wire,
    is_known_outlet_name,
    outlet_from_url,
    outlet_is_curated,
    outlet_signal,
)
from wirewatch.ingest.textclean import (
    BYLINE_START,
    DATE_RE,
    MONTHS,
    TextCleanResult,
    dateline_match,
    looks_like_person_name,
    split_lines,
)
from wirewatch.types import DatePrecision, Metadata

__all__ = ["detect_language", "parse_date", "text_metadata"]

_SQUASH = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


def _squash(line: str) -> str:
    # _SQUASH's characters are those `str.split()` splits on, plus U+200B and U+FEFF
    if "\u200b" not in line and "\ufeff" not in line:
        return " ".join(line.split())
    return _SQUASH.sub(" ", line).strip()


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------
_MONTH_WORD = r"(?P<mon>[A-Za-z]{3,9})\.?"
_FORMS = [
    re.compile(rf"^(?:[A-Za-z]+\.?,?\s+)?{_MONTH_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
               r"(?P<y>\d{4})"),
    re.compile(rf"^(?:[A-Za-z]+\.?,?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
               rf"{_MONTH_WORD},?\s+(?P<y>\d{{4}})"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})"),
    re.compile(rf"^{_MONTH_WORD},?\s+(?P<y>\d{{4}})"),
]


def _valid(year: int, month: int, day: int | None) -> bool:
    try:
        value = dt.date(year, month, day or 1)
    except ValueError:
        return False
    return 1900 <= year and value <= dt.date.today() + dt.timedelta(days=1)


# Every form DATE_RE knows has a four-digit year: text without one holds no date.
_YEAR_DIGITS = re.compile(r"(?:1[89]|20)\d\d")


def parse_date(text: str) -> tuple[str, DatePrecision] | None:
    """The first date in `text` as (ISO string, precision); None if there is none or it is
    ambiguous ("03/04/2020") or in the future.

    >>> parse_date("Feb. 17, 2021")
    ('2021-02-17', 'day')
    >>> parse_date("June 2017")
    ('2017-06', 'month')
    """
    if not _YEAR_DIGITS.search(text):
        return None
    for found in DATE_RE.finditer(text):
        piece = found.group(0)
        for form in _FORMS:
            match = form.match(piece)
            if not match:
                continue
            groups = match.groupdict()
            year = int(groups["y"])
            if groups.get("mon"):
                month = MONTHS.get(groups["mon"].lower().rstrip("."))
                if month is None:
                    continue
            elif groups.get("m"):
                month = int(groups["m"])
            else:
                a, b = int(groups["a"]), int(groups["b"])
                if a > 12 >= b:
                    month, groups["d"] = b, str(a)
                elif b > 12 >= a:
                    month, groups["d"] = a, str(b)
                elif a == b:
                    month, groups["d"] = a, str(b)
                else:
                    break  # ambiguous day/month order
            day = int(groups["d"]) if groups.get("d") else None
            if not _valid(year, month, day):
                break
            if day is None:
                return f"{year:04d}-{month:02d}", "month"
            return f"{year:04d}-{month:02d}-{day:02d}", "day"
    return None


_URL_DATES = [
    (re.compile(r"/((?:19|20)\d\d)[/_-](\d{1,2})[/_-](\d{1,2})(?:/|[_-]|$)"), "day"),
    (re.compile(r"[/_-]((?:19|20)\d\d)(\d{2})(\d{2})(?:/|[_-]|\.|$)"), "day"),
    (re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/"), "month"),
]


def _date_from_url(url: str) -> tuple[str, DatePrecision] | None:
    for pattern, precision in _URL_DATES:
        match = pattern.search(url)
        if not match:
            continue
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if precision == "day" else None
        if not _valid(year, month, day) or not 1 <= month <= 12:
            continue
        if day is None:
            return f"{year:04d}-{month:02d}", "month"
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    return None


# ---------------------------------------------------------------------------------------------
# Language
# ---------------------------------------------------------------------------------------------
_EN_STOPWORDS = frozenset(
    """a about after all also an and any are as at be because been before being but by can
    could did do does for from had has have he her his how i if in into is it its just more
    most my no not of on one only or other our out over said says she so some than that the
    their them then there these they this those to under up was we were what when where which
    while who will with would you""".split()
)
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str | None:
    """"en" when the text is clearly English (many English function words), else None."""
    tokens = [t.casefold() for t in _TOKEN.findall(text)]
    if len(tokens) < 30:
        return None
    ratio = sum(1 for t in tokens if t in _EN_STOPWORDS) / len(tokens)
    return "en" if ratio >= 0.15 else None


# ---------------------------------------------------------------------------------------------
# Bylines and agencies
# ---------------------------------------------------------------------------------------------
_NOT_AUTHORS = re.compile(
    r"\b(?:staff|reporters?|editorial|desk|team|newsroom|correspondents?|editors?|writers?|"
    r"bureau|wire|services?|contributors?|news|press|media|agency|online|digital)\b", re.I)
_FOLLOW = re.compile(r"^follow\s+(?P<name>.+?)\s+on\s+(?:twitter|x|facebook|instagram|threads|"
                     r"bluesky|linkedin|mastodon)\b", re.I)
_REPORTING = re.compile(r"^\(?(?:reporting|additional reporting|written) by\s+(?P<names>[^;)]+)",
                        re.I)
_FIRST_PUBLISHED = re.compile(
    r"\b(?:this|the) (?:report|story|article) (?:by (?P<by>.{1,80}?) )?was (?:first |originally )"
    r"?published\b(?P<rest>.*)$", re.I)
_WITH_FILES = re.compile(r"^[\W_]*with (?:files|reporting|additional reporting|reports?) "
                         r"(?:from|by)\s+(?P<who>.+?)\s*\.?$", re.I)


def _first_published(line: str) -> re.Match[str] | None:
    """_FIRST_PUBLISHED's match in `line`; an ASCII line without "published" cannot have one."""
    if line.isascii() and "published" not in line.lower():
        return None
    return _FIRST_PUBLISHED.search(line)


_DATE_WORDS = re.compile(r"^(?:first |originally )?(?:published|posted)\b", re.I)
_UPDATED = re.compile(r"^(?:last )?(?:updated|modified)\b", re.I)


_PARENTHESES = re.compile(r"\([^)]*\)")
_BYLINE_SEP = re.compile(r"\s+(?:for|at)\s+(?=[A-Z])|\s*[|·•/]\s*|\s+[-–—]\s+|\s*,\s*|\s*;\s*|"
                         r"\s+(?:and|&)\s+")
_META_SEP = re.compile(r"\s[·•|]\s")
_LIST_SEP = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
_COPYRIGHT_HOLDER = re.compile(r"^.*©\s*|,?\s*\d{4}.*$")
_CAPTION_DATE = re.compile(r"[-–—|]\s*([^-–—|]{6,40})\s*$")
_WIRE_SUFFIX = re.compile(
    r"\s((?:the )?(?:canadian press|associated press|reuters|agence france-presse|afp|"
    r"bloomberg news|bloomberg|press association|pa media|dpa))$", re.I)


def _person_names(text: str) -> tuple[list[str], list[str]]:
    """(person names, agency names) in a byline such as "By A and B, The Canadian Press"."""
    t = BYLINE_START.sub("", _squash(text))
    t = _PARENTHESES.sub(" ", t)
    date = DATE_RE.search(t)
    if date:
        t = t[: date.start()]
    parts = _BYLINE_SEP.split(t)
    names: list[str] = []
    wires: list[str] = []
    for part in parts:
        part = part.strip(" .:")
        if not part:
            continue
        wire = canonical_wire(part)
        if wire:
            wires.append(wire)
            continue
        tail = _WIRE_SUFFIX.search(part)
        if tail and canonical_wire(tail.group(1)):
            wires.append(canonical_wire(tail.group(1)) or tail.group(1))
            part = part[: tail.start()].strip()
        if part.isupper():
            part = part.title()
        if is_known_outlet_name(part) or _NOT_AUTHORS.search(part):
            continue
        if looks_like_person_name(part):
            names.append(part)
    return names, wires


def _add(names: list[str], new: list[str]) -> None:
    for name in new:
        if name not in names:
            names.append(name)


# ---------------------------------------------------------------------------------------------
# The whole
# ---------------------------------------------------------------------------------------------
_SKIP_IN_BLOCKS = {"footer-headlines", "caption", "video", "ad", "related", "newsletter",
                   "account", "weather", "comments", "template", "categories", "contact"}


def text_metadata(raw: str, cleaned: TextCleanResult, *, url: str | None = None) -> Metadata:
    """Metadata of one plain-text scrape (see the module docstring for the date sources)."""
    lines = [_squash(line) for line in split_lines(raw)]
    reasons = {index: reason for index, _, reason in cleaned.removed}
    nonblank = [i for i, line in enumerate(lines) if line]
    kept = [i for i in nonblank if i not in reasons]
    body_start = kept[0] if kept else len(lines)
    body_end = kept[-1] if kept else -1
    pre = [i for i in nonblank if i < body_start and reasons.get(i) not in _SKIP_IN_BLOCKS]
    # byline lines the cleaner found inside the body's span (under a standfirst, say)
    pre += [i for i in nonblank if i >= body_start and reasons.get(i) == "byline"
            and i < body_end]
    post = [i for i in nonblank if i > body_end and reasons.get(i) not in _SKIP_IN_BLOCKS][:8]

    meta = Metadata(title=cleaned.title)

    # outlet: a curated URL; a masthead, page title or copyright line; a name made from the
    # URL's domain; last, the way the text refers to itself ("confirmed to Global News")
    text_outlet, signal = outlet_signal(raw)
    url_outlet = outlet_from_url(url) if url else None
    if url_outlet and outlet_is_curated(url or ""):
        meta.outlet = url_outlet
    elif text_outlet and signal != "self-reference":
        meta.outlet = text_outlet
    else:
        meta.outlet = url_outlet or text_outlet

    # dateline (first paragraph of the body)
    first_para = cleaned.text.split("\n\n", 1)[0] if cleaned.text else ""
    dateline = dateline_match(first_para) if first_para else None
    if dateline:
        meta.dateline = dateline.group("place").strip(" ,")

    # authors and agency from the byline block, then from lines after the body
    authors: list[str] = []
    wires: list[str] = []
    for i in pre:
        line = lines[i]
        if reasons.get(i) in ("title", "page-title"):
            continue
        if BYLINE_START.match(line):
            names, found = _person_names(line)
            _add(authors, names)
            _add(wires, found)
        elif canonical_wire(line):
            _add(wires, [canonical_wire(line) or line])
        elif _META_SEP.search(line) and len(line.split()) <= 25:
            names, found = _person_names(line)
            if found:
                _add(authors, names)
                _add(wires, found)
        elif (reasons.get(i) == "byline" and looks_like_person_name(line)
              and not _NOT_AUTHORS.search(line)):
            _add(authors, [line])
    for i in post:
        line = lines[i]
        follow = _FOLLOW.match(line)
        if follow and looks_like_person_name(follow.group("name")):
            _add(authors, [follow.group("name").strip()])
            continue
        reporting = _REPORTING.match(line)
        if reporting and not authors:
            names, _ = _person_names(reporting.group("names"))
            _add(authors, names)
            continue
        if BYLINE_START.match(line) and reasons.get(i) in ("byline", "footer", "credit"):
            names, found = _person_names(line)
            _add(authors, names)
            _add(wires, found)
    meta.authors = authors

    # agency: byline block, dateline "(AP)", "first published" credit, copyright, files credit
    if dateline and dateline.group("wire"):
        _add(wires, [canonical_wire(dateline.group("wire")) or dateline.group("wire").strip()])
    files_credit: str | None = None
    for i in nonblank:
        line = lines[i]
        if i in reasons and reasons[i] not in ("credit", "copyright", "footer", "byline"):
            continue
        if body_start <= i <= body_end and i not in reasons:
            continue
        published = _first_published(line)
        if published and published.group("by"):
            wire = canonical_wire(published.group("by"))
            if wire:
                _add(wires, [wire])
            continue
        files = _WITH_FILES.match(line)
        if files and files_credit is None:
            items = [p.strip(" .") for p in _LIST_SEP.split(files.group("who")) if p.strip(" .")]
            files_credit = ", ".join(canonical_wire(p) or p for p in items) or None
            continue
        if i > body_end and (canonical_wire(line) or (
                "©" in line and canonical_wire(_COPYRIGHT_HOLDER.sub("", line)))):
            wire = canonical_wire(line) or canonical_wire(
                _COPYRIGHT_HOLDER.sub("", line))
            if wire:
                _add(wires, [wire])
    meta.wire = wires[0] if wires else files_credit

    # published date
    meta.published, meta.published_precision, meta.published_source = _published(
        lines, reasons, pre, post, dateline, url, body_start)

    meta.language = detect_language(cleaned.text or raw)
    return meta


def _published(
    lines: list[str],
    reasons: dict[int, str],
    pre: list[int],
    post: list[int],
    dateline: re.Match[str] | None,
    url: str | None,
    body_start: int,
) -> tuple[str | None, DatePrecision | None, str | None]:
    # 1. "... was first published Feb. 17, 2021" (a credit line, wherever it stands)
    for i, line in enumerate(lines):
        if not line or reasons.get(i) in ("footer-headlines", "caption", "video"):
            continue
        match = _first_published(line)
        if match:
            found = parse_date(match.group("rest"))
            if found:
                return found[0], found[1], "text:first-published"
    # 2. "Published: ..." / a date in the byline block above the body
    byline_dates: list[tuple[str, DatePrecision]] = []
    for i in pre + post[:3]:
        line = lines[i]
        if len(line.split()) > 20 or _UPDATED.match(line):
            continue
        found = parse_date(line)
        if not found:
            continue
        if _DATE_WORDS.match(line):
            return found[0], found[1], "text:published-line"
        if i < body_start or reasons.get(i) == "byline":
            byline_dates.append(found)
    if byline_dates:
        return byline_dates[0][0], byline_dates[0][1], "text:byline"
    # 3. "OTTAWA, June 16, 2017 —"
    if dateline and dateline.group("date"):
        found = parse_date(dateline.group("date"))
        if found:
            return found[0], found[1], "text:dateline"
    # 4. the URL's date path
    if url:
        found = _date_from_url(url)
        if found:
            return found[0], found[1], "url"
    # 5. a video caption near the top closing with its date ("... – Jan 19, 2016")
    for i, line in enumerate(lines):
        if reasons.get(i) != "video" or i > body_start + 3:
            continue
        tail = _CAPTION_DATE.search(line)
        if tail:
            found = parse_date(tail.group(1))
            if found:
                return found[0], found[1], "text:video-caption"
    return None, None, None
