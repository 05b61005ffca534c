"""The embedded store: one SQLite file in WAL mode, written through this class only.

Every write that belongs together (a raw input, its document, its ledger rows) happens in one
transaction, so a process killed at any point leaves either all of it or none of it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wirewatch import __version__
from wirewatch.store.schema import SchemaTooNew, apply_migrations
from wirewatch.types import CleanDocument, RawItem


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


class Store:
    def __init__(
        self, path: str | Path, *, readonly: bool = False, check_same_thread: bool = True
    ) -> None:
        """`check_same_thread=False` lets a web framework open, use and close the connection
        from different threads, one at a time (FastAPI's dependencies do)."""
        self.path = Path(path)
        self.readonly = readonly
        try:
            if readonly:
                uri = self.path.resolve().as_uri() + "?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, isolation_level=None,
                                          check_same_thread=check_same_thread)
            else:
                self.db = sqlite3.connect(self.path, isolation_level=None,
                                          check_same_thread=check_same_thread)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 10000")
            self.db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                self.applied_migrations = apply_migrations(self.db)
        except SchemaTooNew as exc:
            raise StoreError(str(exc)) from exc
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc
        try:
            yield self.db
        except sqlite3.OperationalError as exc:  # read-only file, full disk, I/O error
            self._rollback()
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc

    def _rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # runs and ledger -----------------------------------------------------------------------

    def start_run(self, command: str, sources: list[str]) -> int:
        with self.transaction() as db:
            for row in db.execute("SELECT id, pid FROM runs WHERE status = 'running'").fetchall():
                if not _alive(row["pid"]):
                    db.execute("UPDATE runs SET status = 'interrupted' WHERE id = ?", (row["id"],))
            cursor = db.execute(
                "INSERT INTO runs (command, sources, started_at, version, pid)"
                " VALUES (?, ?, ?, ?, ?)",
                (command, json.dumps(sources), utcnow(), __version__, os.getpid()),
            )
            return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, *, n_ok: int, n_skipped: int, n_failed: int) -> str:
        status = "ok" if n_failed == 0 else ("partial" if n_ok + n_skipped else "failed")
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, n_ok = ?, n_skipped = ?, n_failed = ?"
                " WHERE id = ?",
                (utcnow(), status, n_ok, n_skipped, n_failed, run_id),
            )
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
        db: sqlite3.Connection,
        run_id: int,
        item_key: str,
        stage: str,
        status: str,
        *,
        doc_id: str | None = None,
        reason: str | None = None,
    ) -> None:
        db.execute(
            "INSERT OR REPLACE INTO ledger (run_id, item_key, stage, status, doc_id, reason, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
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
                "INSERT OR IGNORE INTO raw_inputs"
                " (sha256, key, path, kind, url, size, data, run_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
            seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
            db.execute(
                "INSERT INTO documents (id, raw_sha256, key, path, url, title, outlet, authors,"
                " published, published_precision, published_source, dateline, wire, language,"
                " encoding, text, n_words, content_hash, duplicate_of, run_id, seq)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    seq,
                ),
            )
            db.executemany(
                "INSERT INTO removed_lines (doc_id, line_no, line, reason) VALUES (?, ?, ?, ?)",
                [(doc.id, n, line, reason) for n, line, reason in doc.removed_lines],
            )
            if signature is not None:
                db.execute(
                    "INSERT INTO doc_minhash (doc_id, signature) VALUES (?, ?)",
                    (doc.id, signature),
                )
            db.executemany(
                "INSERT OR IGNORE INTO template_observations (outlet, line, doc_key)"
                " VALUES (?, ?, ?)",
                [(outlet, line, doc.raw_sha256) for outlet, line in template_observations],
            )
            reason = f"duplicate of {doc.duplicate_of}" if doc.duplicate_of else None
            self._record(db, run_id, item.key, "store", "ok", doc_id=doc.id, reason=reason)

    def template_observations(self) -> Iterator[tuple[str, str, str]]:
        for row in self.db.execute("SELECT outlet, line, doc_key FROM template_observations"):
            yield row["outlet"], row["line"], row["doc_key"]

    def raw_input(self, sha256: str) -> bytes | None:
        row = self.db.execute("SELECT data FROM raw_inputs WHERE sha256 = ?", (sha256,)).fetchone()
        return zlib.decompress(row["data"]) if row else None

    # queries -------------------------------------------------------------------------------

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Read-only parametrised query used by views; never format values into `sql`."""
        return self.db.execute(sql, tuple(params)).fetchall()

    def integrity_check(self) -> list[str]:
        problems = [row[0] for row in self.db.execute("PRAGMA integrity_check")]
        return [] if problems == ["ok"] else problems
