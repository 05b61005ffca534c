"""The analysis stage: parse each stored document once, find and resolve mentions, run every
extractor over the parse, and store the document's analysis atomically (a savepoint; a few
documents share a transaction).

A stored parse is reused: re-running the stage with `redo=True` (new extractor code) reads the
parse back instead of parsing again. Each extractor's failure on one document is a ledger entry
for that document and extractor; the document keeps what the other extractors found.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from wirewatch.actors.registry import Registry
from wirewatch.nlp.document import build_parsed
from wirewatch.nlp.pipeline import (
    doc_from_bytes,
    doc_to_bytes,
    load_nlp,
    model_info,
    parse_stream,
)
from wirewatch.parallel import batched
from wirewatch.store.base import DOCS_PER_TRANSACTION
from wirewatch.store.facts import (
    DocumentAnalysis,
    RoleRow,
    document_for_analysis,
    documents_to_analyze,
    save_analysis,
)
from wirewatch.store.sqlite import Store
from wirewatch.types import ParsedDocument

log = logging.getLogger(__name__)

# An extractor sees the parsed document and what the extractors before it found.
Extractor = Callable[[ParsedDocument, DocumentAnalysis], list[Any]]


def default_extractors() -> dict[str, Extractor]:
    """name -> function(parsed, analysis so far) -> facts, in the order they run; the name is
    the field of DocumentAnalysis each one fills."""
    from wirewatch.extract.events import extract_events
    from wirewatch.extract.figures import extract_figures
    from wirewatch.extract.quote_speakers import extract_quotes

    def quotes(parsed: ParsedDocument, analysis: DocumentAnalysis) -> list[Any]:
        # Speakers' titles come from the roles already read, not from a second pass.
        titles = {r.actor_id: r.title for r in analysis.roles if r.title}
        return extract_quotes(parsed, roles=titles)

    return {
        "roles": lambda parsed, _: extract_role_rows(parsed),
        "events": lambda parsed, _: extract_events(parsed),
        "quotes": quotes,
        "figures": lambda parsed, _: extract_figures(parsed),
    }


def load_default_models() -> None:
    """Load, once in this process, what the default extractors read: the event classifier, the
    quotes taggers and the gazetteer. Each is otherwise loaded by the first document that needs
    it (the gazetteer only when a document names a place), which may come after a fork or inside
    a benchmark's timed run."""
    from wirewatch.extract.event_classifier import EventClassifier
    from wirewatch.extract.places_gazetteer import Gazetteer
    from wirewatch.extract.quotes import model_name

    EventClassifier.load()
    model_name()
    Gazetteer.load()


def extract_role_rows(parsed: ParsedDocument) -> list[RoleRow]:
    """Titles and appositives of the document's people, as the store keeps them."""
    from wirewatch.actors.roles import extract_roles
    from wirewatch.nlp.document import person_id

    return [
        RoleRow(r.person_id or person_id(r.person_name), r.person_name, r.title, r.organization,
                r.country, r.sector, r.start, r.end, tuple(r.sectors))
        for r in extract_roles(parsed)
    ]


@dataclass
class AnalyzeReport:
    run_id: int
    n_docs: int = 0
    n_parsed: int = 0
    n_reused: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # parse, mentions, extractors, store

    def timed(self, part: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[part] = self.seconds.get(part, 0.0) + now - started
        return now


def split_reused(store: Store, ids: list[str]) -> tuple[list[str], list[str]]:
    """(ids with a stored parse, ids to parse), each in the given order: every engine analyses
    the first group first, so the writes happen in the same order whatever the engine."""
    parsed = {r["doc_id"] for r in store.query("SELECT doc_id FROM parses")}
    return [i for i in ids if i in parsed], [i for i in ids if i not in parsed]


def _stream(
    store: Store, ids: list[str], nlp: Any, *, batch_size: int
) -> Iterator[tuple[Any, dict[str, Any], bool]]:
    """(spaCy Doc, document row, reused?): stored parses first, read back; then one parse
    stream over the rest."""
    reused, unparsed = split_reused(store, ids)
    for doc_id in reused:
        row = document_for_analysis(store, doc_id)
        yield doc_from_bytes(nlp, row["parse"]), row, True
    rows = (document_for_analysis(store, doc_id) for doc_id in unparsed)
    texts = ((row["text"], row) for row in rows)
    for doc, row in parse_stream(texts, nlp=nlp, batch_size=batch_size):
        yield doc, row, False


def rows_to_analyze(store: Store, ids: list[str]) -> Iterator[tuple[dict[str, Any], bool]]:
    """(document row, reused?) in the order `_stream` parses them, for other processes."""
    reused, unparsed = split_reused(store, ids)
    for doc_id in reused:
        yield document_for_analysis(store, doc_id), True
    for doc_id in unparsed:
        yield document_for_analysis(store, doc_id), False


@dataclass
class ComputedAnalysis:
    """One document's analysis before it is stored: plain data, so it can be computed in
    another process (a Ray worker) and stored by the driver."""

    doc_id: str
    reused: bool
    analysis: DocumentAnalysis | None  # None when the analysis as a whole failed
    failures: list[tuple[str, str]] = field(default_factory=list)  # (extractor, reason)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def compute_analysis(
    doc: Any,
    row: dict[str, Any],
    reused: bool,
    *,
    model_name: str,
    registry: Registry,
    extractors: dict[str, Extractor],
) -> ComputedAnalysis:
    """The pure per-document work: mentions, then every extractor over the parse."""
    doc_id = row["id"]
    computed = ComputedAnalysis(doc_id, reused, None)
    clock = time.perf_counter()

    def timed(part: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        computed.seconds[part] = computed.seconds.get(part, 0.0) + now - clock
        clock = now

    try:
        parsed = build_parsed(doc, doc_id, published=row["published"], outlet=row["outlet"],
                              dateline=row["dateline"], registry=registry)
        timed("mentions")
        analysis = DocumentAnalysis(
            doc_id=doc_id,
            model=row["model"] if reused else model_name,
            parse=row["parse"] if reused else doc_to_bytes(doc),
            sentences=[(s.start_char, s.end_char) for s in doc.sents],
            mentions=parsed.mentions,
        )
    except Exception as exc:  # a document that breaks the analysis is a ledger entry
        log.warning("analysis failed on %s: %s", doc_id, exc, exc_info=True)
        computed.failures.append(("analyze", _reason(exc)))
        return computed
    for name, extractor in extractors.items():
        try:
            facts = extractor(parsed, analysis)
        except Exception as exc:  # one extractor's bug on one document is a ledger entry
            log.warning("%s failed on %s: %s", name, doc_id, exc, exc_info=True)
            computed.failures.append((name, _reason(exc)))
            continue
        finally:
            timed(name)
        setattr(analysis, name, facts)
        computed.counts[name] = len(facts)
    computed.analysis = analysis
    return computed


def store_computed(store: Store, report: AnalyzeReport, computed: ComputedAnalysis) -> None:
    """Store one document's analysis and its ledger entries: the writes of every engine."""
    doc_id = computed.doc_id
    clock = time.perf_counter()
    for part, seconds in computed.seconds.items():
        report.seconds[part] = report.seconds.get(part, 0.0) + seconds
    for name, reason in computed.failures:
        store.record(report.run_id, doc_id, name, "failed", doc_id=doc_id, reason=reason)
        report.failures.append((doc_id, name, reason))
    for name, count in computed.counts.items():
        report.counts[name] = report.counts.get(name, 0) + count
    failed = bool(computed.failures)
    if computed.analysis is not None:
        try:
            save_analysis(store, computed.analysis, keep={name for name, _ in computed.failures})
        except Exception as exc:  # a document whose facts cannot be stored is a ledger entry
            log.warning("analysis failed on %s: %s", doc_id, exc, exc_info=True)
            store.record(report.run_id, doc_id, "analyze", "failed", doc_id=doc_id,
                         reason=_reason(exc))
            report.failures.append((doc_id, "analyze", _reason(exc)))
            failed = True
        report.timed("store", clock)
    if not failed:
        store.record(report.run_id, doc_id, "analyze", "ok", doc_id=doc_id)
    report.n_docs += 1
    report.n_reused += computed.reused
    report.n_parsed += not computed.reused


def start_analysis(store: Store, *, redo: bool) -> tuple[list[str], AnalyzeReport]:
    """The documents to analyse, in order, and the run that records their outcomes."""
    ids = documents_to_analyze(store, redo=redo)
    return ids, AnalyzeReport(run_id=store.start_run("analyze", []))


def finish_analysis(store: Store, report: AnalyzeReport) -> None:
    failed = len({f[0] for f in report.failures})
    store.finish_run(report.run_id, n_ok=report.n_docs - failed, n_skipped=0, n_failed=failed)


def model_name_of(nlp: Any) -> str:
    """The name stored beside each parse."""
    info = model_info(nlp)
    return f"{info['name']}-{info['version']}"


def analyze(
    store: Store,
    *,
    model: str | None = None,
    redo: bool = False,
    batch_size: int = 32,
    n_process: int = 1,
    extractors: dict[str, Extractor] | None = None,
    on_progress: Callable[[str, AnalyzeReport], None] | None = None,
) -> AnalyzeReport:
    ids, report = start_analysis(store, redo=redo)
    if not ids:
        finish_analysis(store, report)
        return report
    if n_process > 1:
        from wirewatch.extract.workers import compute_in_workers

        results = compute_in_workers(rows_to_analyze(store, ids), model=model,
                                     extractors=extractors, n_process=n_process,
                                     batch_size=batch_size)
    else:
        results = _compute_here(store, ids, model, extractors, batch_size=batch_size)
    store_results(store, report, results, on_progress)
    finish_analysis(store, report)
    return report


def store_results(
    store: Store, report: AnalyzeReport, results: Iterable[ComputedAnalysis],
    on_progress: Callable[[str, AnalyzeReport], None] | None = None,
) -> None:
    """Store each engine's analyses in input order, a few documents per transaction."""
    for group in batched(results, DOCS_PER_TRANSACTION):
        store_group(store, report, group)
        if on_progress:
            for computed in group:
                on_progress(computed.doc_id, report)


def store_group(store: Store, report: AnalyzeReport, group: Iterable[ComputedAnalysis]) -> None:
    """Store the analyses of a few documents in one transaction. Each document's writes stay
    atomic on their own (savepoints), and a run killed mid-group leaves the group to be redone."""
    with store.transaction():
        for computed in group:
            store_computed(store, report, computed)
        clock = time.perf_counter()
    report.timed("store", clock)


def _compute_here(
    store: Store, ids: list[str], model: str | None, extractors: dict[str, Extractor] | None,
    *, batch_size: int
) -> Iterator[ComputedAnalysis]:
    """Each document's analysis, computed in this process."""
    nlp = load_nlp(model)
    model_name = model_name_of(nlp)
    registry = Registry.load()
    if extractors is None:
        load_default_models()
        extractors = default_extractors()
    clock = time.perf_counter()
    for doc, row, reused in _stream(store, ids, nlp, batch_size=batch_size):
        parse_seconds = time.perf_counter() - clock
        computed = compute_analysis(doc, row, reused, model_name=model_name, registry=registry,
                                    extractors=extractors)
        computed.seconds = {"parse": parse_seconds, **computed.seconds}
        yield computed
        clock = time.perf_counter()
