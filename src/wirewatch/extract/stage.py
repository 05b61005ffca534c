"""The analysis stage: parse each stored document once, find and resolve mentions, run every
extractor over the parse, and store the document's analysis in one transaction.

A stored parse is reused: re-running the stage with `redo=True` (new extractor code) reads the
parse back instead of parsing again. Each extractor's failure on one document is a ledger entry
for that document and extractor; the document keeps what the other extractors found.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
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


def _stream(
    store: Store, ids: list[str], nlp: Any, *, batch_size: int, n_process: int
) -> Iterator[tuple[Any, dict[str, Any], bool]]:
    """(spaCy Doc, document row, reused?): stored parses first, read back; then one parse
    stream over the rest, so worker processes start once per run, not once per batch."""
    parsed = {r["doc_id"] for r in store.query("SELECT doc_id FROM parses")}
    for doc_id in ids:
        if doc_id in parsed:
            row = document_for_analysis(store, doc_id)
            yield doc_from_bytes(nlp, row["parse"]), row, True
    unparsed = [doc_id for doc_id in ids if doc_id not in parsed]

    def texts() -> Iterator[tuple[str, dict[str, Any]]]:
        for doc_id in unparsed:
            row = document_for_analysis(store, doc_id)
            yield row["text"], row

    for doc, row in parse_stream(texts(), nlp=nlp, batch_size=batch_size, n_process=n_process):
        yield doc, row, False


def _analyze_one(
    store: Store,
    report: AnalyzeReport,
    doc: Any,
    row: dict[str, Any],
    reused: bool,
    model_name: str,
    registry: Registry,
    extractors: dict[str, Extractor],
    clock: float,
) -> bool:
    """Analyse and store one document; returns whether an extractor failed on it."""
    doc_id = row["id"]
    parsed = build_parsed(doc, doc_id, published=row["published"], outlet=row["outlet"],
                          dateline=row["dateline"], registry=registry)
    clock = report.timed("mentions", clock)
    analysis = DocumentAnalysis(
        doc_id=doc_id,
        model=row["model"] if reused else model_name,
        parse=row["parse"] if reused else doc_to_bytes(doc),
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
        mentions=parsed.mentions,
    )
    failed: set[str] = set()
    for name, extractor in extractors.items():
        try:
            facts = extractor(parsed, analysis)
        except Exception as exc:  # one extractor's bug on one document is a ledger entry
            log.warning("%s failed on %s: %s", name, doc_id, exc, exc_info=True)
            reason = f"{type(exc).__name__}: {exc}"
            store.record(report.run_id, doc_id, name, "failed", doc_id=doc_id, reason=reason)
            report.failures.append((doc_id, name, reason))
            failed.add(name)
            continue
        finally:
            clock = report.timed(name, clock)
        setattr(analysis, name, facts)
        report.counts[name] = report.counts.get(name, 0) + len(facts)
    save_analysis(store, analysis, keep=failed)
    report.timed("store", clock)
    return bool(failed)


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
    ids = documents_to_analyze(store, redo=redo)
    report = AnalyzeReport(run_id=store.start_run("analyze", []))
    if not ids:
        store.finish_run(report.run_id, n_ok=0, n_skipped=0, n_failed=0)
        return report
    nlp = load_nlp(model)
    info = model_info(nlp)
    model_name = f"{info['name']}-{info['version']}"
    registry = Registry.load()
    extractors = default_extractors() if extractors is None else extractors
    clock = time.perf_counter()
    for doc, row, reused in _stream(store, ids, nlp, batch_size=batch_size, n_process=n_process):
        clock = report.timed("parse", clock)
        doc_id = row["id"]
        try:
            failed = _analyze_one(store, report, doc, row, reused, model_name, registry,
                                  extractors, clock)
        except Exception as exc:  # a document that breaks the analysis is a ledger entry
            log.warning("analysis failed on %s: %s", doc_id, exc, exc_info=True)
            reason = f"{type(exc).__name__}: {exc}"
            store.record(report.run_id, doc_id, "analyze", "failed", doc_id=doc_id, reason=reason)
            report.failures.append((doc_id, "analyze", reason))
            failed = True
        if not failed:
            store.record(report.run_id, doc_id, "analyze", "ok", doc_id=doc_id)
        report.n_docs += 1
        report.n_reused += reused
        report.n_parsed += not reused
        if on_progress:
            on_progress(doc_id, report)
        clock = time.perf_counter()
    store.finish_run(report.run_id, n_ok=report.n_docs - len({f[0] for f in report.failures}),
                     n_skipped=0, n_failed=len({f[0] for f in report.failures}))
    return report
