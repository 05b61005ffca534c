"""A document's time expressions, found once: events and then figures both read them from the
same text against the same publication date, and finding them is a pass over the whole text."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from wirewatch.extract.timex import Timex, find_timexes


def document_timexes(text: str, reference: date | None) -> list[Timex]:
    """`find_timexes(text, reference)`, computed once for the document being analysed."""
    return list(_last_documents(text, reference))


@lru_cache(maxsize=2)  # the document being analysed, and room for a second reference date
def _last_documents(text: str, reference: date | None) -> tuple[Timex, ...]:
    return tuple(find_timexes(text, reference))
