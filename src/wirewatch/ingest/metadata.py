"""Metadata the source itself supplies (JSONL fields, WARC URLs) merged over what we extracted."""

from __future__ import annotations

import re
from datetime import date

from wirewatch.types import Metadata, RawItem

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_given_date(value: str) -> tuple[str, str] | None:
    """An explicit date field ("2019-01-04", "2019-01-04T10:00Z", "2019-01") → (iso, precision)."""
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        return year, "year"
    if day:
        try:
            date(int(year), int(month), int(day))
        except ValueError:  # "2019-02-30": keep what is certain
            return f"{year}-{month}", "month"
        return f"{year}-{month}-{day}", "day"
    if month:
        return f"{year}-{month}", "month"
    return year, "year"


def merge_hints(meta: Metadata, item: RawItem) -> Metadata:
    """Fields the input states explicitly win over fields we inferred from the page."""
    if item.title and item.title.strip():
        meta.title = item.title.strip()
    if item.published:
        given = parse_given_date(item.published)
        if given:
            meta.published, meta.published_precision = given
            meta.published_source = "input:published"
    return meta
