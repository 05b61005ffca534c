"""Reader for Reuters-21578 (SGML, gzipped), used for throughput benchmarks only — never shipped."""

from __future__ import annotations

import gzip
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_DOC = re.compile(r"<REUTERS\b[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("DATE", "TITLE", "BODY")}


@dataclass(frozen=True)
class ReutersStory:
    newid: str
    date: str | None
    title: str | None
    body: str


def _field(name: str, block: str) -> str | None:
    match = _FIELD[name].search(block)
    return html.unescape(match.group(1)).strip() if match else None


def read_reuters(folder: Path) -> Iterator[ReutersStory]:
    """Stories with a body, in file order. Latin-1 because one file has a stray 0xFC byte."""
    for path in sorted(folder.glob("reut2-*.sgm*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="latin-1") as handle:
            sgml = handle.read()
        for match in _DOC.finditer(sgml):
            block = match.group(2)
            body = _field("BODY", block)
            if not body:
                continue
            body = re.sub(r"&#\d+;", "", body).replace("\x03", "").strip()
            raw_date = _field("DATE", block)
            date = None
            if raw_date:
                try:
                    # " 2-MAR-1987 …": days 1-9 are padded with a space, not a zero
                    day = raw_date.split()[0]
                    date = datetime.strptime(day, "%d-%b-%Y").date().isoformat()
                except ValueError:
                    date = None
            yield ReutersStory(match.group(1), date, _field("TITLE", block), body)
