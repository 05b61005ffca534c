"""A situation report as data: key events, figures, quotes and disagreements, every factual
statement carrying numbered citations that resolve to one sentence of a source article.

A citation quotes the whole sentence that holds the evidence (from the stored sentence split; the
evidence span itself for a document stored without analysis), with its character offsets, so
`document.text[start:end] == sentence` always holds and a reader can check every claim.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from wirewatch.store.sqlite import Store
from wirewatch.views.documents import count_documents
from wirewatch.views.figure_charts import chart_series, key_series
from wirewatch.views.filters import Filters
from wirewatch.views.quote_list import quote_rows
from wirewatch.views.series import number_text, value_text
from wirewatch.views.timeline import timeline

MAX_EVENTS = 30
MAX_ALIKE = 3  # key events of one type between the same actors
MAX_QUOTES = 20
MAX_KEY_SERIES = 6  # figure series in a report without an actor (see key_series)
QUOTE_POOL = 500  # the scope's first quotes, in the order they were said, chosen from
MIN_QUOTE_WORDS = 4  # "claimed responsibility" reads as a quote of "responsibility"
# Cues that say someone said something. Attribution as PolNeAR annotates it (and the quotes
# extractor finds it) also covers beliefs and acts ("continued to attack", "has been
# encouraging"), which the quotes view lists but a report's "Who said what" leaves out.
_SPOKEN_CUE = re.compile(
    r"\b(?:s(?:ay|ays|aid|aying)|t(?:ell|ells|old|elling)|stat|announc|clai?m|accord|report"
    r"|wr(?:ote|ite|iting|itten)|tweet|add(?:ed|s|ing)?|not(?:ed|es|ing)|urg|call(?:ed|s|ing)?"
    r"|describ|den(?:y|ies|ied|ying)|warn|insist|argu|explain|confirm|acknowledg|alleg|assert"
    r"|declar|comment|remark|suggest|indicat|ask|repl|respond|quot|cit|testif|admit|stress"
    r"|underlin|emphasi[sz]|pledg|promis|vow|threaten|condemn|denounc|prais|accus|blam"
    r"|criticiz|reaffirm|reiterat|predict|estimat|reveal|disclos|mention|voic|conclud|demand"
    r"|express|hail|dismiss|label|inform|spok|speak|defend|characteri[sz]|recommend"
    r"|point(?:ed|s|ing)? out|read:)", re.IGNORECASE)
_ELLIPSIS = " … "  # between the pieces of a quote split by its cue
_OPENING_MARKS = frozenset('"“«')
_CLOSING_MARKS = frozenset('"”»')
# "adding to the 69 trainers already in Iraq" increases a number; it says nothing.
_ADDING_TO = re.compile(r"add(?:s|ed|ing)? to\b", re.IGNORECASE)
_IRREGULAR_PAST = {"saying": "said", "telling": "told", "writing": "wrote", "speaking": "spoke",
                   "giving": "gave", "making": "made", "taking": "took", "seeing": "saw"}
# A cue agreeing with a plural subject ("officials say"), told of the one actor they speak for.
_SINGULAR = {"have": "has", "are": "is", "were": "was", "do": "does", "say": "says",
             "tell": "tells", "claim": "claims", "allege": "alleges", "warn": "warns"}
MAX_QUOTES_PER_SPEAKER = 3  # unless the scope has few speakers
MAX_CITATIONS_PER_STATEMENT = 3
VERBS = {
    "AGREE": "agreed with", "CONSULT": "consulted", "SUPPORT": "supported",
    "CONCEDE": "made concessions to", "COOPERATE": "cooperated with", "AID": "gave aid to",
    "RETREAT": "withdrew from", "RETREAT/release": "released", "REQUEST": "made a request to",
    "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "threatened",
    "PROTEST": "protested against",
    "SANCTION": "sanctioned", "MOBILIZE": "mobilized against", "COERCE": "coerced",
    "ASSAULT": "attacked",
}

# "ASSAULT against Islamic State", "REQUEST to Canada": an event whose report names no source.
TARGET_PREPOSITIONS = {
    "AGREE": "with", "CONSULT": "with", "SUPPORT": "for", "CONCEDE": "to", "COOPERATE": "with",
    "AID": "to", "RETREAT": "from", "RETREAT/release": "of", "REQUEST": "to", **dict.fromkeys(
        ("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
        "against"),
}


@dataclass
class Citation:
    number: int
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    sentence: str
    start: int
    end: int


@dataclass
class Statement:
    """One factual sentence of the report and the numbers of the citations behind it."""

    text: str
    citations: list[int]
    date: str | None = None


@dataclass
class FigureSection:
    subject: str
    measure: str
    unit: str | None
    points: list[dict[str, Any]]
    statements: list[Statement]


@dataclass
class Report:
    title: str
    scope: dict[str, Any]
    n_documents: int
    key_events: list[Statement] = field(default_factory=list)
    figures: list[FigureSection] = field(default_factory=list)
    quotes: list[Statement] = field(default_factory=list)
    disagreements: list[Statement] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


class _Citer:
    """Numbers citations in order of first use; one number per (document, sentence)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.by_key: dict[tuple[str, int, int], Citation] = {}
        self.docs: dict[str, dict[str, Any]] = {}

    def cite(self, doc_id: str, start: int, end: int) -> int:
        doc = self._document(doc_id)
        row = self.store.query(
            "SELECT start, end FROM sentences WHERE doc_id = ? AND start <= ? AND end > ?"
            " ORDER BY start DESC LIMIT 1", (doc_id, start, start))
        s_start, s_end = (row[0]["start"], row[0]["end"]) if row else (start, end)
        key = (doc_id, s_start, s_end)
        if key not in self.by_key:
            self.by_key[key] = Citation(len(self.by_key) + 1, doc_id, doc["title"], doc["outlet"],
                                        doc["published"], doc["text"][s_start:s_end], s_start,
                                        s_end)
        return self.by_key[key].number

    def _document(self, doc_id: str) -> dict[str, Any]:
        if doc_id not in self.docs:
            row = self.store.query("SELECT title, outlet, published, text FROM documents"
                                   " WHERE id = ?", (doc_id,))[0]
            self.docs[doc_id] = dict(row)
        return self.docs[doc_id]

    def citations(self) -> list[Citation]:
        return sorted(self.by_key.values(), key=lambda c: c.number)


def _names(actors: list[dict[str, Any]]) -> str:
    names = [a["name"] for a in actors]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _in_date_order(item: dict[str, Any]) -> tuple[str, str]:
    """Events in the order of the dates the report shows: a month or year before the days in
    it, a week at its Monday. (By the first day each date may mean, an event dated by its
    report of 30 September stood before the 23rd's.)"""
    shown = item["start"] if item["date_precision"] == "week" else item["date"] or item["start"]
    return shown or "9999", item["id"]


def _event_sentence(item: dict[str, Any]) -> str:
    """"2016-08-26: ASSAULT against Islamic State — Ramadi (3 independent sources).": the
    place (where or near where) tells apart the strikes of one day, which otherwise read alike."""
    sources = _names(item["actors"]["source"])
    targets = _names(item["actors"]["target"])
    mode = _released(item["type"], item["mentions"])
    verb = VERBS.get(mode or item["type"], item["type"].lower())
    when = item["date"] or item["start"] or "undated"
    n = item["n_independent_sources"]
    count = f"{n} independent source{'s' if n != 1 else ''}"
    if item.get("intended"):
        count = f"intended; {count}"
    if sources and targets:
        what, count = f"{sources} {verb} {targets}", f"{item['type']}; {count}"
    elif sources:
        what = f"{item['type']} by {sources}"
    elif targets:
        preposition = TARGET_PREPOSITIONS.get(mode or item["type"], "involving")
        what = f"{item['type']} {preposition} {targets}"
    else:  # no actor named, a place ("two CF-18 Hornets striking … northwest of Mosul")
        what = item["type"]
    place = _place_name(item["mentions"])
    return f"{when}: {what}{f' — {place}' if place else ''} ({count})."


def _released(kind: str, mentions: list[dict[str, Any]]) -> str | None:
    """"RETREAT/release" when every report is a release: a released prisoner is not withdrawn
    from ("RETREAT of Usman Khan", "X released Y", not "RETREAT from Usman Khan")."""
    if kind == "RETREAT" and mentions and all(m.get("mode") == "release" for m in mentions):
        return "RETREAT/release"
    return None


def _place_name(mentions: list[dict[str, Any]]) -> str | None:
    """The place the first placed report gives (merged reports never name different places)."""
    for mention in mentions:
        if mention.get("place"):
            return json.loads(mention["place"]).get("name")
    return None


def _key_events(ranked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The MAX_EVENTS most reported events, at most MAX_ALIKE of one type between the same
    actors: a daily strike bulletin would otherwise fill the list with one line told 30 times."""
    chosen: list[dict[str, Any]] = []
    alike: dict[tuple[Any, ...], int] = {}
    for item in ranked:
        kind = (item["type"], *(tuple(sorted(a["actor_id"] or a["name"] for a in
                                             item["actors"][role]))
                                for role in ("source", "target")))
        if alike.get(kind, 0) < MAX_ALIKE:
            alike[kind] = alike.get(kind, 0) + 1
            chosen.append(item)
            if len(chosen) == MAX_EVENTS:
                break
    return chosen


def _told(cue: str | None) -> str:
    """How the report says a speaker said it: the article's own cue ("blamed", "called for",
    "tweeted:"), or "said:" where the cue is no verb of the speaker's ("according to",
    "reportedly"). A quote's speaker is one actor, so a plural cue is told in the singular."""
    words = " ".join((cue or "").split())
    if not words or words.lower().startswith("according") or words.lower() == "reportedly":
        return "said:"
    first, *rest = words.split()
    if first.lower().endswith("ing") and len(first) > 4:  # "…, saying", "…, blaming Iran"
        return " ".join([_past(first.lower()), *rest])
    if first.lower() in _SINGULAR:  # "German officials have announced" told of Germany
        return " ".join([_SINGULAR[first.lower()], *rest])
    return words


def _past(participle: str) -> str:
    """The past tense of a cue's present participle: "blaming" blamed, "admitting" admitted,
    "denying" denied, "saying" said (a report tells what was said, after it was said)."""
    if participle in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[participle]
    stem = participle[:-3]
    if stem.endswith("y") and len(stem) > 2 and stem[-2] not in "aeiou":
        return stem[:-1] + "ied"
    return stem + ("d" if stem.endswith("e") else "ed")  # "agreeing": agreed


def _as_said(text: str) -> str:
    """A quote's text as the report puts it in its own quotation marks: a direct quote loses
    the marks it was written with, which would double them (pieces of a split quote, joined
    by an ellipsis, each lose theirs, and the comma the cue followed)."""
    pieces = text.strip().split(_ELLIPSIS)
    if not all(_is_quotation(p) for p in pieces):
        return text.strip()
    return _ELLIPSIS.join(p[1:-1].strip().rstrip(",") for p in pieces)


def _is_quotation(piece: str) -> bool:
    """Opens and closes with a quotation mark, with none between (a quote, not a paraphrase
    with a quoted phrase in it)."""
    return (len(piece) > 2 and piece[0] in _OPENING_MARKS and piece[-1] in _CLOSING_MARKS
            and not any(c in _OPENING_MARKS | _CLOSING_MARKS for c in piece[1:-1]))


def _key_quotes(pool: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """MAX_QUOTES of `pool` (in its order): the named speakers' before the unnamed ones, the
    most quoted first, a few each so that one voice does not fill the section, and only quotes
    that say something (MIN_QUOTE_WORDS words or more), told by a cue of speech."""
    telling = [q for q in pool if len(q["text"].split()) >= MIN_QUOTE_WORDS
               and (not q["cue"] or (_SPOKEN_CUE.search(q["cue"])
                                     and not _ADDING_TO.match(q["cue"])))]
    by_speaker: dict[str | None, list[dict[str, Any]]] = {}
    for q in telling:
        by_speaker.setdefault(q["speaker_id"] or q["speaker"], []).append(q)
    named = [key for key in by_speaker if key is not None]
    cap = max(MAX_QUOTES_PER_SPEAKER, MAX_QUOTES // max(len(named), 1))
    order = sorted(named, key=lambda key: -len(by_speaker[key])) + [None] * (None in by_speaker)
    chosen: list[dict[str, Any]] = []
    for key in order:
        chosen += by_speaker[key][:min(cap, MAX_QUOTES - len(chosen))]
    position = {id(q): i for i, q in enumerate(pool)}
    return sorted(chosen, key=lambda q: position[id(q)])


def build_report(store: Store, filters: Filters, *, title: str | None = None) -> Report:
    """The report for checked filters (Filters.checked): everything it states is cited."""
    citer = _Citer(store)
    scope = {"query": filters.q, "actor": filters.actor, "type": filters.type,
             "outlet": filters.outlet, "from": filters.date_from, "to": filters.date_to,
             "place": filters.place}
    label = " · ".join(str(v) for v in (filters.q, filters.actor) if v) or "all sources"
    report = Report(title or f"Situation report: {label}", scope, count_documents(store, filters))

    items = timeline(store, filters, limit=None)
    key = _key_events(sorted(items, key=lambda i: (-i["n_independent_sources"],
                                                   -i["n_mentions"], i["start"] or "")))
    for item in sorted(key, key=_in_date_order):
        # one sentence may report an event twice (a verb and its noun): cited once
        sentences = list(dict.fromkeys((m["doc_id"], m["evidence_start"], m["evidence_end"])
                                       for m in item["mentions"]))
        numbers = [citer.cite(*s) for s in sentences[:MAX_CITATIONS_PER_STATEMENT]]
        if numbers:
            report.key_events.append(Statement(_event_sentence(item), numbers, item["start"]))
        dates = sorted({m["date"] for m in item["mentions"] if m["date"]})
        involved = item["actors"]["source"] + item["actors"]["target"]
        if len(dates) > 1:
            report.disagreements.append(Statement(
                f"Sources date the {item['type']} event involving"
                f" {_names(involved) or 'unnamed actors'} differently: {', '.join(dates)}.",
                [citer.cite(m["doc_id"], m["evidence_start"], m["evidence_end"])
                 for m in item["mentions"] if m["date"]][:MAX_CITATIONS_PER_STATEMENT * 2]))

    found = (chart_series(store, filters) if filters.actor
             else key_series(store, filters, limit=MAX_KEY_SERIES))
    for s in found:
        statements = []
        for p in s["points"]:
            numbers = [citer.cite(f["doc_id"], f["evidence_start"], f["evidence_end"])
                       for f in p["figures"]]
            unit = f" {s['unit']}" if s["unit"] else ""
            statements.append(Statement(
                f"{s['subject']} {s['measure']}:"
                f" {value_text(p['value'], p['low'], p['high'], p['qualifier'])}{unit}"
                f" as of {p['as_of']}"
                f" ({p['n_independent_sources']} independent source"
                f"{'s' if p['n_independent_sources'] != 1 else ''}).", numbers, p["as_of"]))
            if p["conflict"]:
                readings = ", ".join(number_text(v[1]) for v in p["values_seen"]
                                     if v[1] is not None)
                report.disagreements.append(Statement(
                    f"Sources disagree on {s['subject']} {s['measure']} as of {p['as_of']}:"
                    f" {readings}.", numbers, p["as_of"]))
        report.figures.append(FigureSection(s["subject"], s["measure"], s["unit"],
                                            s["points"], statements))

    for q in _key_quotes(quote_rows(store, filters, limit=QUOTE_POOL)):
        who = q["speaker"] or "An unnamed speaker"
        role = f" ({q['speaker_role']})" if q["speaker_role"] else ""
        report.quotes.append(Statement(
            f"{who}{role} {_told(q['cue'])} “{_as_said(q['text'])}”",
            [citer.cite(q["doc_id"], q["evidence_start"], q["evidence_end"])], q["published"]))
    report.citations = citer.citations()
    return report
