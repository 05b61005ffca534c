"""Time-expression normalisation scored on TimeML (TBAQ) and on the Recognizers-Text DateTime spec.

TimeML: we hand `normalize_document` each document's text, its gold TIMEX3 spans and the
document creation time as reference, so relative expressions can lean on the dates the text
named before them, and count exact matches of the TimeML value. The one spelling we read as
equal is an unpadded ISO week: a few gold values write "2000-W7" for the week TimeML (ISO 8601)
writes "2000-W07", elsewhere in the same corpus written "1998-W07".
Recognizers-Text: we run `find_timexes` over each in-scope sentence and match our values to the
expected timexes; a range timex "(start,end,duration)" also matches a value covering the same
calendar interval, because we write "2019-Q1" where the spec writes its explicit range.
`accuracy`, `precision` and `recall` count matches of the spec's timex. The spec leaves the
year or week of a partial date open ("Friday" is "XXXX-WXX-5") and lists the dates it resolves
to against the reference ("2016-11-04" and "2016-11-11"; "November" is the month starting
2017-11-01 or the one starting 2018-11-01); we resolve against the reference too, so
`resolved_recall` and `resolved_precision` also count a value equal to one of those dates or
covering one of those ranges.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from wirewatch.extract.timex import Timex, find_timexes, normalize_document, to_interval

_CONTEXT_CHARS = 200
_SENTENCE_END = re.compile(r"(?:[.!?][\"')\]]*\s+(?=[A-Z\"'(])|\n\s*\n)")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    reference: date | None
    context: str


@dataclass(frozen=True)
class GoldDocument:
    text: str
    reference: date | None
    timexes: list[GoldTimex]


def evaluate(data: Path, **options: Any) -> dict[str, Any]:
    """Score the benchmark in `data`: a TimeML file/folder, or a Recognizers-Text JSON file."""
    if data.is_file() and data.suffix == ".json":
        return _evaluate_recognizers(data)
    if data.is_dir() and not any(data.rglob("*.tml")) and (data / "DateTimeModel.json").exists():
        return _evaluate_recognizers(data / "DateTimeModel.json")
    return _evaluate_timeml(data)


# --- TimeML -----------------------------------------------------------------------------------


def read_timeml(path: Path) -> GoldDocument:
    """One .tml file: its plain <TEXT>, its DCT, and its TIMEX3s with their sentences."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    reference = _parse_day(dct.get("value", "")) if dct is not None else None
    body = root.find("TEXT")
    if body is None:
        return GoldDocument("", reference, [])
    pieces: list[str] = [body.text or ""]
    spans: list[tuple[int, int, ET.Element]] = []
    offset = len(pieces[0])
    for child in body:
        inner = "".join(child.itertext())
        if child.tag == "TIMEX3":
            spans.append((offset, offset + len(inner), child))
        pieces.append(inner)
        pieces.append(child.tail or "")
        offset += len(inner) + len(child.tail or "")
    text = "".join(pieces)
    return GoldDocument(text, reference, [
        GoldTimex(
            start=start,
            end=end,
            text=text[start:end],
            type=node.get("type", ""),
            value=node.get("value", ""),
            reference=reference,
            context=_sentence_around(text, start, end),
        )
        for start, end, node in spans
    ])


def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding [start, end), cut to about _CONTEXT_CHARS either side."""
    left = max(0, start - _CONTEXT_CHARS)
    right = min(len(text), end + _CONTEXT_CHARS)
    before = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    after = _SENTENCE_END.search(text, end, right)
    lo = before[-1] if before else left
    hi = after.start() + 1 if after else right
    return " ".join(text[lo:hi].split())


def _evaluate_timeml(data: Path) -> dict[str, Any]:
    files = [data] if data.is_file() else sorted(data.rglob("*.tml"))
    files = [f for f in files if not f.name.startswith("._")]
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    finding: Counter[str] = Counter()
    for path in files:
        document = read_timeml(path)
        spans = [(gold.start, gold.end) for gold in document.timexes]
        readings = normalize_document(document.text, spans, document.reference)
        for gold, found in zip(document.timexes, readings, strict=True):
            total[gold.type] += 1
            if found is not None and same_value(found.value, gold.value):
                right[gold.type] += 1
        finding.update(_score_finding(document))
    n = sum(total.values())
    result: dict[str, Any] = {
        "n": n,
        "documents": len(files),
        "accuracy": round(sum(right.values()) / n, 4) if n else 0.0,
        # End to end: find_timexes over the whole text, spans matched by overlap.
        "find_precision": _ratio(finding["matched"], finding["found"]),
        "find_recall": _ratio(finding["matched"], n),
        "find_accuracy": _ratio(finding["right"], n),
    }
    for kind in sorted(total):
        result[f"accuracy_{kind}"] = round(right[kind] / total[kind], 4)
        result[f"n_{kind}"] = total[kind]
    return result


_UNPADDED_WEEK = re.compile(r"(\d{4}-W)(\d)(?!\d)")


def same_value(ours: str, gold: str) -> bool:
    """Equal TimeML values, reading an unpadded ISO week ("2000-W7") as the padded one."""
    return ours == gold or _UNPADDED_WEEK.sub(r"\g<1>0\2", gold) == ours


def _score_finding(document: GoldDocument) -> Counter[str]:
    found = find_timexes(document.text, document.reference)
    counts: Counter[str] = Counter(found=len(found))
    used: set[int] = set()
    for gold in document.timexes:
        for i, timex in enumerate(found):
            if i not in used and timex.start < gold.end and timex.end > gold.start:
                used.add(i)
                counts["matched"] += 1
                counts["right"] += same_value(timex.value, gold.value)
                break
    return counts


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


# --- Recognizers-Text --------------------------------------------------------------------------

_IN_SCOPE = {"datetimeV2.date", "datetimeV2.daterange", "datetimeV2.duration", "datetimeV2.set"}


def _evaluate_recognizers(path: Path) -> dict[str, Any]:
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    skipped: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for case in cases:
        reason = _skip_reason(case)
        if reason:
            skipped[reason] += 1
            continue
        counts["cases"] += 1
        reference = _parse_day(case["Context"]["ReferenceDateTime"])
        found = find_timexes(case["Input"], reference)
        counts["predicted"] += len(found)
        counts["expected"] += len(case["Results"])
        counts["matched"] += _match_results(case["Results"], found, resolved=False)
        counts["resolved"] += _match_results(case["Results"], found, resolved=True)
    return {
        "n": counts["expected"],
        "cases": counts["cases"],
        "accuracy": _ratio(counts["matched"], counts["expected"]),
        "precision": _ratio(counts["matched"], counts["predicted"]),
        "recall": _ratio(counts["matched"], counts["expected"]),
        "resolved_precision": _ratio(counts["resolved"], counts["predicted"]),
        "resolved_recall": _ratio(counts["resolved"], counts["expected"]),
        "skipped": dict(sorted(skipped.items())),
    }


def _match_results(results: list[dict[str, Any]], found: list[Timex], *, resolved: bool) -> int:
    """How many expected results one of our timexes overlaps and matches, each used once."""
    used: set[int] = set()
    for result in results:
        values = result["Resolution"]["values"]
        timexes = {v.get("timex", "") for v in values}
        dates = {v["value"] for v in values if resolved and "value" in v}
        spans = {(_parse_day(v["start"]), _end_day(v["end"]))
                 for v in values if resolved and "start" in v and "end" in v}
        lo, hi = result["Start"], result["End"] + 1
        for i, timex in enumerate(found):
            if i in used or timex.end <= lo or timex.start >= hi:
                continue
            if (_matches(timex.value, timexes) or timex.value in dates
                    or to_interval(timex.value) in spans):
                used.add(i)
                break
    return len(used)


def _skip_reason(case: dict[str, Any]) -> str | None:
    for flag in ("NotSupported", "NotSupportedByDesign"):
        if "python" in case.get(flag, "").lower():
            return "not_supported_python"
    if "ReferenceDateTime" not in case.get("Context", {}):
        return "no_reference"
    types = {r.get("TypeName") for r in case["Results"]}
    if types - _IN_SCOPE:
        return "time_of_day_or_untyped"
    return None


def _matches(value: str, timexes: set[str]) -> bool:
    if value in timexes:
        return True
    ours = to_interval(value)
    if ours is None:
        return False
    for timex in timexes:
        m = re.fullmatch(r"\((\d{4}-\d\d-\d\d),(\d{4}-\d\d-\d\d),P\w+\)", timex)
        if m and (_parse_day(m[1]), _end_day(m[2])) == ours:
            return True
    return False


def _end_day(exclusive: str) -> date | None:
    day = _parse_day(exclusive)
    return day - timedelta(days=1) if day else None
