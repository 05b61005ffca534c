"""The ingest stage: read → decode → clean + metadata → dedup → store, one document at a time.

Items are processed in fixed-size chunks: every text item of a chunk is observed by the template
learner before any of them is cleaned, so lines an outlet repeats across documents are learned
from the batch itself. Chunk boundaries depend only on the input order, and each document is
written atomically (a savepoint inside a transaction of a few documents), so a run killed at any
point and started again produces exactly the documents of an uninterrupted run.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from wirewatch.ingest.dedup import (
    NearDuplicateIndex,
    content_hash,
    minhash_signature,
)
from wirewatch.ingest.encoding import decode_bytes
from wirewatch.ingest.htmlclean import clean_html
from wirewatch.ingest.metadata import merge_hints
from wirewatch.ingest.outlets import outlet_from_text, outlet_from_url
from wirewatch.ingest.readers import DEFAULT_MAX_BYTES, iter_items
from wirewatch.ingest.textclean import TemplateLearner, clean_text, normalize_line
from wirewatch.ingest.textmeta import text_metadata
from wirewatch.parallel import batched, map_in_processes
from wirewatch.store.base import DOCS_PER_TRANSACTION
from wirewatch.store.sqlite import Store
from wirewatch.types import CleanDocument, Metadata, RawItem, ReadFailure

log = logging.getLogger(__name__)

CHUNK_SIZE = 256


@dataclass
class IngestReport:
    run_id: int
    n_ok: int = 0
    n_duplicates: int = 0
    n_skipped: int = 0
    n_failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    status: str = "running"

    @property
    def n_seen(self) -> int:
        return self.n_ok + self.n_skipped + self.n_failed


@dataclass(frozen=True)
class Progress:
    """What the CLI shows after each item: counts so far and the item just handled."""

    key: str
    outcome: str  # ok | duplicate | skipped | failed
    report: IngestReport


class CleaningFailed(ValueError):
    pass


def document_id(raw_sha256: str) -> str:
    return raw_sha256[:20]


def raw_identity(item: RawItem) -> str:
    """What makes an input the same input: its bytes, how they are read (the same bytes as text
    and as HTML are two inputs with two different clean bodies) and what its source states
    about it (a syndicated copy with another URL or date is another input, kept as a
    duplicate of the first, not dropped)."""
    stated = "\0".join(v or "" for v in (item.kind, item.url, item.title, item.published))
    return hashlib.sha256(stated.encode() + b"\0" + item.data).hexdigest()


def _decode(item: RawItem) -> tuple[str, str]:
    return decode_bytes(item.data, item.declared_charset, html=item.kind == "html")


def _text_outlet(item: RawItem, text: str) -> str | None:
    return (outlet_from_url(item.url) if item.url else None) or outlet_from_text(text)


def _template_lines(text: str) -> set[str]:
    return {key for key in (normalize_line(line) for line in text.splitlines()) if key}


@dataclass(frozen=True)
class Decoded:
    """One input read for this chunk: its text, its identity and (plain text) its outlet, with
    the lines the template learner observes for that outlet."""

    text: str
    encoding: str
    identity: str
    outlet: str | None
    template_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cleaned:
    """One input's clean body and metadata, with the hashes that find its duplicates."""

    body: str
    meta: Metadata
    removed: list[tuple[int, str, str]]
    content_hash: str
    signature: bytes


@dataclass(frozen=True)
class Prepared:
    """One input after the work that needs nothing from other inputs, so any engine can do it
    anywhere. Cleaning is done here only when it needs no learned templates (HTML, and text of
    no known outlet); `clean_error` says why it failed."""

    item: RawItem
    decoded: Decoded | None
    cleaned: Cleaned | None = None
    clean_error: str | None = None


# Maps `prepare_item` over the inputs and yields the results (read failures as they are) in
# input order; the local engine does it in this process, one item at a time.
Preparer = Callable[[Iterable[RawItem | ReadFailure]], Iterator[Prepared | ReadFailure]]


def prepare_item(item: RawItem, *, clean: bool = False) -> Prepared:
    """Decode one input; with `clean`, also clean it when that needs no learned templates."""
    try:
        text, encoding = _decode(item)
    except Exception as exc:  # a decoder bug must not stop the batch
        log.warning("cannot decode %s: %s", item.key, exc)
        return Prepared(item, None)
    outlet = _text_outlet(item, text) if item.kind == "text" else None
    lines = tuple(sorted(_template_lines(text))) if outlet else ()
    decoded = Decoded(text, encoding, raw_identity(item), outlet, lines)
    if not clean or outlet:
        return Prepared(item, decoded)
    return Prepared(item, decoded, *_try_clean(item, decoded, frozenset()))


def prepare_here(entries: Iterable[RawItem | ReadFailure]) -> Iterator[Prepared | ReadFailure]:
    for entry in entries:
        yield entry if isinstance(entry, ReadFailure) else prepare_item(entry)


def prepare_in_processes(n_process: int, *, batch_size: int = 64) -> Preparer:
    """A preparer that decodes and cleans (where no learned templates are needed) in
    `n_process` forked processes, batch by batch, yielding in input order; at most two batches
    per process are in flight, so memory stays bounded."""

    def prepare(entries: Iterable[RawItem | ReadFailure]) -> Iterator[Prepared | ReadFailure]:
        return map_in_processes(prepare_batch, entries, n_process=n_process,
                                batch_size=batch_size)

    return prepare


def prepare_batch(entries: list[RawItem | ReadFailure]) -> list[Prepared | ReadFailure]:
    """Decode each input and clean it when that needs no learned templates (what any engine
    runs away from the driver); read failures pass through."""
    return [e if isinstance(e, ReadFailure) else prepare_item(e, clean=True) for e in entries]


def clean_item(
    item: RawItem, decoded: Decoded, templates: frozenset[str]
) -> tuple[str, Metadata, list[tuple[int, str, str]]]:
    """Turn one decoded input into (clean body, metadata, removed lines); `templates` are the
    learned template lines of its outlet."""
    text, outlet = decoded.text, decoded.outlet
    if item.kind == "html":
        body, meta = clean_html(text, url=item.url)
        removed: list[tuple[int, str, str]] = []
    else:
        cleaned = clean_text(text, template_lines=templates)
        body, removed = cleaned.text, cleaned.removed
        meta = text_metadata(text, cleaned, url=item.url)
        if outlet and not meta.outlet:
            meta.outlet = outlet
    meta = merge_hints(meta, item)
    if not body.strip():
        raise CleaningFailed("no article text found after cleaning")
    return body, meta, removed


def _try_clean(
    item: RawItem, decoded: Decoded, templates: frozenset[str]
) -> tuple[Cleaned | None, str | None]:
    """(cleaned, None), or (None, why cleaning failed)."""
    try:
        body, meta, removed = clean_item(item, decoded, templates)
    except Exception as exc:  # one bad page is a ledger entry, never the end of the batch
        return None, str(exc) or type(exc).__name__
    return Cleaned(body, meta, removed, content_hash(body), minhash_signature(body)), None


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_progress: Callable[[Progress], None] | None = None,
    prepare: Preparer = prepare_here,
) -> IngestReport:
    """Ingest every article found in `sources` into `store`; returns counts and failures.

    `prepare` does the per-item work (another engine passes its own); everything that depends
    on earlier items (templates, duplicates, the store's order) happens here, in input order."""
    sources = list(sources)
    report = IngestReport(run_id=store.start_run("ingest", sources))
    learner = TemplateLearner()
    for outlet, line, doc_key in store.template_observations():
        learner.observe_line(outlet, doc_key, line)
    near_duplicates = NearDuplicateIndex()
    for doc_id, signature in store.minhash_signatures():
        near_duplicates.add(doc_id, signature)

    def emit(key: str, outcome: str) -> None:
        if on_progress:
            on_progress(Progress(key, outcome, report))

    chunk: list[Prepared | ReadFailure] = []
    for entry in prepare(iter_items(sources, stdin=stdin, max_bytes=max_bytes)):
        chunk.append(entry)
        if len(chunk) >= CHUNK_SIZE:
            _ingest_chunk(chunk, store, learner, near_duplicates, report, emit)
            chunk = []
    if chunk:
        _ingest_chunk(chunk, store, learner, near_duplicates, report, emit)

    report.status = store.finish_run(
        report.run_id, n_ok=report.n_ok, n_skipped=report.n_skipped, n_failed=report.n_failed
    )
    return report


def _ingest_chunk(
    chunk: list[Prepared | ReadFailure],
    store: Store,
    learner: TemplateLearner,
    near_duplicates: NearDuplicateIndex,
    report: IngestReport,
    emit: Callable[[str, str], None],
) -> None:
    observations: dict[str, list[tuple[str, str]]] = {}
    for entry in chunk:
        read = None if isinstance(entry, ReadFailure) else entry.decoded
        if read and read.outlet:
            # Keyed by the input's identity, not its path: re-reading a file teaches nothing.
            observations[entry.item.key] = [(read.outlet, line) for line in read.template_lines]
            for line in read.template_lines:
                learner.observe_line(read.outlet, read.identity, line)

    for group in batched(chunk, DOCS_PER_TRANSACTION):
        outcomes = []
        with store.transaction():
            for entry in group:
                if isinstance(entry, ReadFailure):
                    _fail(store, report, entry.key, "read", entry.reason)
                    outcomes.append((entry.key, "failed"))
                    continue
                outcome = _ingest_item(entry, store, near_duplicates, report, learner,
                                       observations.get(entry.item.key, []))
                outcomes.append((entry.item.key, outcome))
        for key, outcome in outcomes:
            emit(key, outcome)


def _fail(store: Store, report: IngestReport, key: str, stage: str, reason: str) -> None:
    log.info("%s failed at %s: %s", key, stage, reason)
    store.record(report.run_id, key, stage, "failed", reason=reason)
    report.n_failed += 1
    report.failures.append((key, reason))


def _ingest_item(
    prepared: Prepared,
    store: Store,
    near_duplicates: NearDuplicateIndex,
    report: IngestReport,
    learner: TemplateLearner,
    observations: list[tuple[str, str]],
) -> str:
    item, decoded = prepared.item, prepared.decoded
    raw_sha = decoded.identity if decoded else raw_identity(item)
    existing = store.document_for_raw(raw_sha)
    if existing:
        store.record(report.run_id, item.key, "store", "skipped", doc_id=existing,
                     reason="already stored (same content)")
        report.n_skipped += 1
        return "skipped"
    if decoded is None:
        _fail(store, report, item.key, "decode", "could not decode the bytes as text")
        return "failed"
    cleaned, error = prepared.cleaned, prepared.clean_error
    if cleaned is None and error is None:
        templates = learner.template_lines(decoded.outlet) if decoded.outlet else frozenset()
        cleaned, error = _try_clean(item, decoded, templates)
    if cleaned is None:
        _fail(store, report, item.key, "clean", error or "")
        return "failed"

    duplicate_of = (store.document_by_content_hash(cleaned.content_hash)
                    or near_duplicates.find(cleaned.signature))
    doc = CleanDocument(
        id=document_id(raw_sha),
        key=item.key,
        path=item.path,
        url=item.url,
        text=cleaned.body,
        meta=cleaned.meta,
        raw_sha256=raw_sha,
        content_hash=cleaned.content_hash,
        encoding=decoded.encoding,
        removed_lines=cleaned.removed,
        duplicate_of=duplicate_of,
    )
    store.add_document(report.run_id, item, doc, signature=cleaned.signature,
                       template_observations=observations)
    near_duplicates.add(doc.id, cleaned.signature)
    report.n_ok += 1
    if duplicate_of:
        report.n_duplicates += 1
        return "duplicate"
    return "ok"
