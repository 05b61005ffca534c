"""Turn one news page's HTML into its clean article body and its metadata.

Trafilatura finds the body and the page's own metadata, htmldate the publication date. Both
only ever see an lxml tree we parsed ourselves, so neither can mistake a string for a URL and
fetch it. A byline that names a news agency fills `wire`; the dateline is left to the text
stage. Empty or unparsable HTML gives ``("", Metadata())`` rather than an exception: the
pipeline records an empty body as a skipped document with its reason, as for any empty page.
"""

from __future__ import annotations

import json
import logging
import re
from copy import deepcopy
from datetime import date, datetime

import trafilatura
from dateutil import parser as date_parser
from lxml import etree
from lxml.html import HtmlElement, tostring
from trafilatura.metadata import META_URL, extract_metadata
from trafilatura.utils import load_html

from wirewatch.ingest.outlets import canonical_wire
from wirewatch.types import Metadata

log = logging.getLogger(__name__)

# A precise extraction under this share of the balanced one has most likely cut the
# article itself (a page whose body sits in an unusual container), not just its boilerplate.
MIN_PRECISE_SHARE = 0.2

# A chunk must look like a body part (by its class) and hold a real passage of prose.
_CHUNK_CLASS_RE = re.compile(r"body|content|text|chunk|story|article", re.I)
MIN_CHUNK_CHARS = 200
MAX_LINK_SHARE = 0.3

# Tags of trafilatura's XML output: blocks that hold running text, and all block tags.
_TEXT_BLOCKS = {"p", "head", "quote", "code"}
_BLOCK_TAGS = _TEXT_BLOCKS | {"list", "item", "table"}
_XML_PARSER = etree.XMLParser(recover=True)

_SPACE_RE = re.compile(r"\s+")
_TITLE_SEPARATOR_RE = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
_WORD_RE = re.compile(r"\w+")
_LANG_RE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")

# htmldate settles for "YYYY-01-01" when it only saw a year (a copyright line, a year in the
# URL); we keep such a date only when the page writes out January 1st of that year somewhere.
_JAN_FIRST_FORMS = (
    "{y}-01-01",
    "{y}/01/01",
    "{y}.01.01",
    "{y}0101",
    "01.01.{y}",
    "01/01/{y}",
    "1/1/{y}",
    "01-01-{y}",
    "january 1, {y}",
    "jan 1, {y}",
    "jan. 1, {y}",
    "1 january {y}",
    "1 jan {y}",
)

# Keys of <meta> tags that state when the article was first published.
_PUBLISHED_META_KEYS = {
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "og:published_time",
    "sailthru.date",
    "parsely-pub-date",
    "date",
}
_UTC_STAMP_RE = re.compile(r"\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(?:Z|[+-]00:?00)$", re.I)
_LOCAL_OFFSET_RE = re.compile(r"\d:\d\d(?::\d\d(?:\.\d+)?)?\s*[+-](?!00:?00)\d\d:?\d\d$")
_ISO_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DEFAULT_A, _DEFAULT_B = datetime(2000, 1, 1), datetime(2001, 2, 2)
_EARLIEST_DAY = date(1995, 1, 1)

# Lines that open or close many article bodies but belong to the page, not the story:
# calls to share, subscribe or follow, and copyright notices.
_EDGE_BOILERPLATE_RE = re.compile(
    r"^(?:"
    r"(?:like|liked|enjoy(?:ed)?|love(?:d)?) this (?:story|article|post)\b.*"
    r"|share(?: (?:this|it)\b.*)?"
    r"|(?:click|tap) here to\b.*"
    r"|(?:sign up|subscribe)\b.*\b(?:newsletters?|inbox)\b.*"
    r"|get the latest\b.*(?:newsletter|inbox|updates).*"
    r"|follow (?:us|@?\w+) on (?:twitter|facebook|instagram)\b.*"
    r"|(?:copyright|©|\(c\))\s*(?:\d{4}|[A-Z]).{0,120}"
    r"|all rights reserved\.?"
    r"|advertisement|sponsored content|related(?: articles| stories)?:?"
    r")$",
    re.I,
)


def clean_html(html: str, *, url: str | None = None) -> tuple[str, Metadata]:
    """The clean article body (paragraphs joined by blank lines) and the page's metadata.

    Returns ``("", Metadata())`` for empty or unparsable HTML. Deterministic and offline.
    """
    if not html or not html.strip():
        return "", Metadata()
    tree = _parse(html, url)
    if tree is None:
        return "", Metadata()
    meta = _metadata(tree, url)
    titles = [meta.title, tree.findtext(".//title")]
    return _body(tree, url, [t for t in titles if t]), meta


def html_metadata(html: str, *, url: str | None = None) -> Metadata:
    """The metadata half of `clean_html`, for callers that do not need the body."""
    tree = _parse(html, url) if html and html.strip() else None
    return _metadata(tree, url) if tree is not None else Metadata()


def _parse(html: str, url: str | None) -> HtmlElement | None:
    tree = load_html(html)
    if tree is None:
        log.debug("unparsable HTML for %s", url)
    return tree


def _body(tree: HtmlElement, url: str | None, titles: list[str]) -> str:
    precise = _extract(tree, url, favor_precision=True)
    balanced = _extract(tree, url, favor_precision=False)
    keep_precise = _length(precise) >= MIN_PRECISE_SHARE * _length(balanced)
    paragraphs = _with_split_chunks(tree, precise if keep_precise else balanced)
    return "\n\n".join(_trim_edges(paragraphs, titles))


def _extract(tree: HtmlElement, url: str | None, *, favor_precision: bool) -> list[str]:
    # XML rather than plain text keeps the paragraphs of pages laid out in tables, which the
    # plain-text output flattens into one " | "-joined line per table row.
    xml = trafilatura.extract(
        deepcopy(tree),
        url=url,
        output_format="xml",
        favor_precision=favor_precision,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
    )
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"), parser=_XML_PARSER)
    if root is None:
        return []
    for line_break in root.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    main = root.find("main")
    paragraphs: list[str] = []
    _collect(main if main is not None else root, paragraphs)
    return paragraphs


def _collect(element: etree._Element, paragraphs: list[str]) -> None:
    """Paragraphs of trafilatura's XML in reading order: one per block or line break, and one
    per row of a data table (cells joined by " | "), while table cells holding blocks are
    read as ordinary text."""
    for child in element:
        if child.tag == "table":
            for row in child.iter("row"):
                cells = row.findall("cell")
                if any(_has_blocks(cell) for cell in cells):
                    for cell in cells:
                        _collect_block_or_text(cell, paragraphs)
                else:
                    row_text = " | ".join(filter(None, (_squash(_flat(c)) for c in cells)))
                    paragraphs.extend([row_text] if row_text else [])
        elif child.tag in _TEXT_BLOCKS:
            paragraphs.extend(_lines(_flat(child)))
        elif child.tag == "list":
            for item in child.findall("item"):
                paragraphs.extend(_lines(_flat(item)))
        elif child.tag != "graphic":
            _collect_block_or_text(child, paragraphs)
        paragraphs.extend(_lines(child.tail or ""))


def _collect_block_or_text(element: etree._Element, paragraphs: list[str]) -> None:
    if _has_blocks(element):
        paragraphs.extend(_lines(element.text or ""))
        _collect(element, paragraphs)
    else:
        paragraphs.extend(_lines(_flat(element)))


def _has_blocks(element: etree._Element) -> bool:
    return any(child.tag in _BLOCK_TAGS for child in element.iterdescendants())


def _flat(element: etree._Element) -> str:
    return "".join(element.itertext())


def _lines(text: str) -> list[str]:
    return [line for line in map(_squash, text.split("\n")) if line]


def _squash(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _length(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs)


def _with_split_chunks(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """Add the rest of an article body that the page split into several same-class containers.

    Some sites cut the body into chunks (one <div class="article__body"> per chunk, with ads
    in between); trafilatura keeps the first chunk only. Chunks are found as elements with the
    extracted paragraphs' container's tag and class, within the same article, holding prose.
    """
    if not paragraphs:
        return paragraphs
    known = set(paragraphs)
    parents = [e.getparent() for e in tree.iter("p") if _text(e) in known]
    if not parents:
        return paragraphs
    container = max(parents, key=parents.count)
    classes = container.get("class")
    if not classes or not _CHUNK_CLASS_RE.search(classes):
        return paragraphs
    before: list[str] = []
    after: list[str] = []
    seen_container = False
    for chunk in tree.iter(container.tag):
        if chunk is container:
            seen_container = True
            continue
        if chunk.get("class") != classes or not _same_article(chunk, container):
            continue
        prose = (e for e in chunk.iter("p") if _link_share(e) < MAX_LINK_SHARE)
        texts = [t for t in map(_text, prose) if t and t not in known]
        if sum(len(t) for t in texts) >= MIN_CHUNK_CHARS and _link_share(chunk) < MAX_LINK_SHARE:
            (after if seen_container else before).extend(texts)
            known.update(texts)
    return before + paragraphs + after


def _same_article(chunk: HtmlElement, container: HtmlElement) -> bool:
    """Two elements are parts of one article when neither holds the other and their closest
    common ancestor is a block inside <body>, not the page itself."""
    chunk_line = set(chunk.iterancestors())
    if container in chunk_line or chunk in set(container.iterancestors()):
        return False
    common = next((a for a in container.iterancestors() if a in chunk_line), None)
    return common is not None and common.tag not in ("body", "html")


def _link_share(element: HtmlElement) -> float:
    """How much of an element's text is link text: high for "read more" and teaser boxes."""
    total = len(_text(element))
    linked = sum(len(_text(a)) for a in element.iter("a"))
    return linked / total if total else 1.0


def _text(element: HtmlElement) -> str:
    return _squash(element.text_content())


def _trim_edges(paragraphs: list[str], titles: list[str]) -> list[str]:
    """Drop a repeated headline at the top and share/subscribe/copyright lines at either end."""
    headlines = set().union(*map(_headline_forms, titles))
    start, end = 0, len(paragraphs)
    while start < end and (
        _EDGE_BOILERPLATE_RE.match(paragraphs[start])
        or tuple(_WORD_RE.findall(paragraphs[start].lower())) in headlines
    ):
        start += 1
    while end > start and _EDGE_BOILERPLATE_RE.match(paragraphs[end - 1]):
        end -= 1
    return paragraphs[start:end]


def _headline_forms(title: str) -> set[tuple[str, ...]]:
    """The page title's words, whole and for each part around a " | " or " - " separator,
    since pages title themselves "Outlet | Headline" or "Headline - Outlet"."""
    parts = [title, *_TITLE_SEPARATOR_RE.split(title)]
    return {words for words in (tuple(_WORD_RE.findall(p.lower())) for p in parts) if words}


def _metadata(tree: HtmlElement, url: str | None) -> Metadata:
    # htmldate runs inside extract_metadata; original_date prefers the publication date over
    # later updates, and its default upper bound (the end of today) rejects future dates.
    # Without a date in the page it returns None: it never falls back to the crawl date.
    found = extract_metadata(
        deepcopy(tree),
        default_url=url,
        date_config={"extensive_search": True, "original_date": True},
    )
    page_url = found.url or url
    published = _checked_date(found.date, tree, page_url)
    source = _date_source(published, tree, page_url) if published else None
    published, source = _preferred_stated_date(published, source, _stated_publication_dates(tree))
    bylines = [name.strip() for name in (found.author or "").split(";") if name.strip()]
    # A byline naming a news agency states the wire the story came from; it is not a person.
    wires = [wire for wire in map(canonical_wire, bylines) if wire]
    return Metadata(
        title=found.title or None,
        outlet=_outlet(found.sitename, page_url),
        authors=[name for name in bylines if not canonical_wire(name)],
        published=published,
        published_precision="day" if published else None,
        published_source=source,
        language=_language(tree),
        wire=", ".join(dict.fromkeys(wires)) or None,
    )


def _checked_date(date: str | None, tree: HtmlElement, url: str | None) -> str | None:
    """Keep htmldate's date unless it is a year-only guess dressed up as January 1st."""
    if not date or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return None
    if date.endswith("-01-01"):
        year = date[:4]
        haystack = " ".join([url or "", _serialize(tree)]).lower()
        if not any(form.format(y=year) in haystack for form in _JAN_FIRST_FORMS):
            return None
    return date


def _date_source(date: str, tree: HtmlElement, url: str | None) -> str:
    """Name where the date was read, checked in the order htmldate looks (URL, head, JSON-LD)."""
    year, month, day = date.split("-")
    url_forms = (
        f"{year}/{month}/{day}",
        f"{year}-{month}-{day}",
        f"{year}{month}{day}",
        f"{year}/{int(month)}/{int(day)}",
        f"{year}_{month}_{day}",
    )
    if url and any(form in url for form in url_forms):
        return "url"
    for element in tree.iter("meta", "time"):
        value = element.get("content") or element.get("datetime") or ""
        if value.startswith(date):
            return "html:meta"
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "") and date in (script.text or ""):
            return "html:jsonld"
    return "html:text"


def _stated_publication_dates(tree: HtmlElement) -> list[tuple[str, str, str]]:
    """(raw value, day, source) for each JSON-LD `datePublished` and publication-date <meta>."""
    stated = []
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "").lower():
            for value in _json_values(script.text or "", "datePublished"):
                stated.append((value.strip(), _parse_day(value), "html:jsonld"))
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        if key.lower() in _PUBLISHED_META_KEYS:
            value = element.get("content") or ""
            stated.append((value.strip(), _parse_day(value), "html:meta"))
    return [(raw, day, source) for raw, day, source in stated if day]


def _preferred_stated_date(
    published: str | None, source: str | None, stated: list[tuple[str, str, str]]
) -> tuple[str | None, str | None]:
    """Overrule htmldate where the page's own publication stamps say better.

    A stated date beats one htmldate picked out of free text (it misses stated dates in
    formats such as "Tue, Sep 15 2020"). And when htmldate read the day off a UTC stamp while
    the page also stamps its publication with a local offset, the local day is the one the
    publisher and its readers saw.
    """
    if not stated:
        return published, source
    if source in (None, "html:text"):
        return stated[0][1], stated[0][2]
    local = next(((d, s) for raw, d, s in stated if _LOCAL_OFFSET_RE.search(raw)), None)
    read_off_utc = any(d == published and _UTC_STAMP_RE.search(raw) for raw, d, _ in stated)
    if source in ("html:meta", "html:jsonld") and local and read_off_utc:
        return local
    return published, source


def _json_values(text: str, key: str) -> list[str]:
    """Every string stored under `key` anywhere in a JSON document (none if it is broken)."""
    try:
        stack = [json.loads(text)]
    except ValueError:
        return []
    values = []
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get(key), str):
                values.append(item[key])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return values


def _parse_day(value: str) -> str | None:
    """The calendar day a stated timestamp names, in its own time zone; None if no full day.

    Parsing twice with different default dates tells a stated day from one dateutil filled in
    (it would otherwise complete "Sep 2020" with today's day of the month).
    """
    value = value.strip()
    if not value:
        return None
    iso = _ISO_DAY_RE.match(value)
    try:
        if iso:
            day = date(int(iso[1]), int(iso[2]), int(iso[3]))
        else:
            first = date_parser.parse(value, default=_DEFAULT_A, ignoretz=True).date()
            second = date_parser.parse(value, default=_DEFAULT_B, ignoretz=True).date()
            if first != second:
                return None
            day = first
    except (ValueError, OverflowError):
        return None
    if not _EARLIEST_DAY <= day <= date.today():
        return None
    return day.isoformat()


def _outlet(sitename: str | None, url: str | None) -> str | None:
    """The site name the page states; trafilatura's fallback to the URL's host is not one."""
    if not sitename:
        return None
    host = META_URL.match(url) if url else None
    if host and sitename.lower() == host[1].lower():
        return None
    return sitename


def _language(tree: HtmlElement) -> str | None:
    """The page's declared language as a lowercase ISO 639 code ("en-GB" gives "en")."""
    declared = [tree.get("lang"), tree.get("xml:lang")]
    for element in tree.iter("meta"):
        key = (element.get("http-equiv") or element.get("property") or "").lower()
        if key in ("content-language", "og:locale"):
            declared.append(element.get("content"))
    for value in declared:
        match = _LANG_RE.match((value or "").strip())
        if match:
            return match.group(1).lower()
    return None


def _serialize(tree: HtmlElement) -> str:
    return tostring(tree, encoding="unicode")
