"""What every store does, whichever database holds it: runs, the ledger, documents.

The SQL here is portable (`?` placeholders, `ON CONFLICT`, `RETURNING`); a backend supplies the
connection (`db`, whose `execute` and `executemany` take that SQL), `transaction()` and
`query()`. Every write that belongs together (a raw input, its document, its ledger rows)
happens in one transaction, so a process killed at any point leaves either all of it or none.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from wirewatch import __version__
from wirewatch.store.dialect import Dialect
from wirewatch.types import CleanDocument, RawItem

# Documents a run writes in one transaction (savepoints inside keep each one atomic): a commit
# per document cost more than the writes of a small one.
DOCS_PER_TRANSACTION = 32


class StoreError(RuntimeError):
    """The store cannot be opened or written (read-only file, full disk, newer schema…)."""


def _alive(pid: int | None) -> bool:
    """Whether a run's process still exists on this machine (a killed run's does not)."""
    if not pid or pid == os.getpid():
        return pid == os.getpid()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class BaseStore:
    db: Any
    dialect: Dialect
    readonly: bool
    applied_migrations: list[str]

    def transaction(self) -> AbstractContextManager[Any]:
        """One atomic write; nested inside another, a savepoint (undone alone on failure,
        durable only when the outermost transaction commits)."""
        raise NotImplementedError

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        """Read-only parametrised query used by views; never format values into `sql`.
        Rows are read by column name or by position."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # what `wirewatch check` asks the database engine itself ------------------------------------

    database_error: type[Exception] = Exception  # what a damaged or unreadable store raises

    def integrity_problems(self) -> list[tuple[str, str]]:
        """(check, detail) for damage the engine itself detects; queries over a damaged store
        can fail or mislead, so the check stops here if there is any."""
        raise NotImplementedError

    def reference_problems(self) -> list[tuple[str, str]]:
        """(check, detail) for rows referencing missing rows."""
        raise NotImplementedError

    def table_names(self) -> set[str]:
        raise NotImplementedError

    def __enter__(self) -> BaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # runs and ledger -----------------------------------------------------------------------

    def start_run(self, command: str, sources: list[str]) -> int:
        with self.transaction() as db:
            for row in db.execute("SELECT id, pid FROM runs WHERE status = 'running'").fetchall():
                if not self._run_alive(row["id"], row["pid"]):
                    db.execute("UPDATE runs SET status = 'interrupted' WHERE id = ?", (row["id"],))
            row = db.execute(
                "INSERT INTO runs (command, sources, started_at, version, pid)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                (command, json.dumps(sources), utcnow(), __version__, os.getpid()),
            ).fetchone()
        self._claim_run(int(row[0]))
        return int(row[0])

    def _run_alive(self, run_id: int, pid: int | None) -> bool:
        """Whether the process of a run still marked running exists (a killed run's does not).
        A file is written from one machine, so the process id tells."""
        return _alive(pid)

    def _claim_run(self, run_id: int) -> None:
        """Make the run recognisably this process's while it lives (the pid does it here)."""

    def _release_run(self, run_id: int) -> None:
        """Undo `_claim_run` once the run is finished (nothing to undo here)."""

    def finish_run(self, run_id: int, *, n_ok: int, n_skipped: int, n_failed: int) -> str:
        status = "ok" if n_failed == 0 else ("partial" if n_ok + n_skipped else "failed")
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, n_ok = ?, n_skipped = ?, n_failed = ?"
                " WHERE id = ?",
                (utcnow(), status, n_ok, n_skipped, n_failed, run_id),
            )
        self._release_run(run_id)
        return status

    def record(
        self,
        run_id: int,
        item_key: str,
        stage: str,
        status: str,
        *,
        doc_id: str | None = None,
        reason: str | None = None,
    ) -> None:
        with self.transaction() as db:
            self._record(db, run_id, item_key, stage, status, doc_id=doc_id, reason=reason)

    @staticmethod
    def _record(
        db: Any,
        run_id: int,
        item_key: str,
        stage: str,
        status: str,
        *,
        doc_id: str | None = None,
        reason: str | None = None,
    ) -> None:
        db.execute(
            "INSERT INTO ledger (run_id, item_key, stage, status, doc_id, reason, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, item_key, stage) DO UPDATE"
            " SET status = excluded.status, doc_id = excluded.doc_id, reason = excluded.reason,"
            " at = excluded.at",
            (run_id, item_key, stage, status, doc_id, reason, utcnow()),
        )

    # documents -----------------------------------------------------------------------------

    def document_for_raw(self, raw_sha256: str) -> str | None:
        row = self.db.execute(
            "SELECT id FROM documents WHERE raw_sha256 = ?", (raw_sha256,)
        ).fetchone()
        return row["id"] if row else None

    def document_by_content_hash(self, content_hash: str) -> str | None:
        row = self.db.execute(
            "SELECT id FROM documents WHERE content_hash = ? ORDER BY seq LIMIT 1",
            (content_hash,),
        ).fetchone()
        return row["id"] if row else None

    def minhash_signatures(self) -> Iterator[tuple[str, bytes]]:
        rows = self.db.execute(
            "SELECT m.doc_id, m.signature FROM doc_minhash m JOIN documents d ON d.id = m.doc_id"
            " ORDER BY d.seq"
        )
        for row in rows:
            yield row["doc_id"], row["signature"]

    def add_document(
        self,
        run_id: int,
        item: RawItem,
        doc: CleanDocument,
        *,
        signature: bytes | None,
        template_observations: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Store a raw input, its clean document and its ledger row in one transaction."""
        meta = doc.meta
        with self.transaction() as db:
            db.execute(
                "INSERT INTO raw_inputs (sha256, key, path, kind, url, size, data, run_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    doc.raw_sha256,
                    item.key,
                    item.path,
                    item.kind,
                    item.url,
                    len(item.data),
                    zlib.compress(item.data, 6),
                    run_id,
                ),
            )
            # seq (the next in order) is read by the INSERT itself: one statement fewer
            db.execute(
                "INSERT INTO documents (id, raw_sha256, key, path, url, title, outlet, authors,"
                " published, published_precision, published_source, dateline, wire, language,"
                " encoding, text, n_words, content_hash, duplicate_of, run_id, seq)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " (SELECT COALESCE(MAX(seq), 0) + 1 FROM documents))",
                (
                    doc.id,
                    doc.raw_sha256,
                    doc.key,
                    doc.path,
                    doc.url,
                    meta.title,
                    meta.outlet,
                    json.dumps(meta.authors),
                    meta.published,
                    meta.published_precision,
                    meta.published_source,
                    meta.dateline,
                    meta.wire,
                    meta.language,
                    doc.encoding,
                    doc.text,
                    len(doc.text.split()),
                    doc.content_hash,
                    doc.duplicate_of,
                    run_id,
                ),
            )
            if doc.removed_lines:
                db.executemany(
                    "INSERT INTO removed_lines (doc_id, line_no, line, reason)"
                    " VALUES (?, ?, ?, ?)",
                    [(doc.id, n, line, reason) for n, line, reason in doc.removed_lines],
                )
            if signature is not None:
                db.execute(
                    "INSERT INTO doc_minhash (doc_id, signature) VALUES (?, ?)",
                    (doc.id, signature),
                )
            observations = [(outlet, line, doc.raw_sha256)
                            for outlet, line in template_observations]
            if observations:
                db.executemany(
                    "INSERT INTO template_observations (outlet, line, doc_key)"
                    " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    observations,
                )
            reason = f"duplicate of {doc.duplicate_of}" if doc.duplicate_of else None
            self._record(db, run_id, item.key, "store", "ok", doc_id=doc.id, reason=reason)

    def template_observations(self) -> Iterator[tuple[str, str, str]]:
        for row in self.db.execute("SELECT outlet, line, doc_key FROM template_observations"):
            yield row["outlet"], row["line"], row["doc_key"]

    def raw_input(self, sha256: str) -> bytes | None:
        row = self.db.execute("SELECT data FROM raw_inputs WHERE sha256 = ?", (sha256,)).fetchone()
        return zlib.decompress(row["data"]) if row else None
