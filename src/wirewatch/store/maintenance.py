"""Store maintenance: an integrity check (the engine's and our own invariants) and an online
backup.

SQLite's `integrity_check` and `foreign_key_check` catch a damaged file and broken references
(a PostgreSQL server enforces both itself; its check confirms the schema version); neither can
know that a fact's offsets must lie inside its document, or that evidence text must
be the text at those offsets. Those are the promises every citation rests on, so they are
checked here too, by queries that read the store and never write it.

The backup copies the store with SQLite's online backup API in a single step: the copy reads one
consistent snapshot (WAL lets a writer in another process go on meanwhile), so it holds exactly
the documents committed before it started, never half of one. A PostgreSQL store is backed up
with `pg_dump`, which also reads one snapshot.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirewatch.store.base import BaseStore
from wirewatch.store.sqlite import Store, StoreError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """One broken promise: which check found it and what exactly is wrong."""

    check: str
    detail: str

    def __str__(self) -> str:
        return f"{self.check}: {self.detail}"


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    documents: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


# Every column pair that holds character offsets into a document's clean text, per table;
# the table's `doc_id` names the document (participants reach it through their event); the
# label is the SQL that names the offending row in the report.
_SPANS: tuple[tuple[str, str, str, str], ...] = (
    ("sentences", "start", "end", "f.doc_id || ' sentence ' || f.idx"),
    ("mentions", "start", "end", "f.doc_id || ' mention at ' || f.start"),
    ("role_observations", "start", "end", "f.doc_id || ' role at ' || f.start"),
    ("events", "evidence_start", "evidence_end", "f.id"),
    ("events", "trigger_start", "trigger_end", "f.id"),
    ("quotes", "evidence_start", "evidence_end", "f.id"),
    ("quotes", "content_start", "content_end", "f.id"),
    ("quotes", "speaker_start", "speaker_end", "f.id"),
    ("figures", "evidence_start", "evidence_end", "f.id"),
    ("figures", "span_start", "span_end", "f.id"),
)
# Facts that store their evidence sentence's text beside its offsets, and the row's label.
_EVIDENCE_TEXT: tuple[tuple[str, str, str, str, str], ...] = (
    ("events", "evidence_start", "evidence_end", "evidence_text", "f.id"),
    ("figures", "evidence_start", "evidence_end", "evidence_text", "f.id"),
    ("mentions", "start", "end", "text", "'at ' || f.start"),
)
Quoted = Callable[[str], str]  # the dialect's SQL for a value as a literal, in messages
_MAX_LISTED = 50  # per check: a badly damaged store should not print a million lines


def check_store(store: BaseStore) -> CheckReport:
    """Run the engine's checks and wirewatch's invariants; no problems means healthy."""
    report = CheckReport()
    db = store.db
    try:
        report.problems += [Problem(*p) for p in store.integrity_problems()]
        if report.problems:
            # Queries over a damaged store can fail or mislead; the engine's list is the answer.
            return report
        report.problems += [Problem(*p) for p in store.reference_problems()]
        tables = store.table_names()
        report.documents = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        quoted = store.dialect.quoted
        _check_raw_inputs(db, report)
        _check_spans(db, tables, report)
        _check_evidence_text(db, quoted, tables, report)
        _check_participants(db, quoted, tables, report)
        _check_ledger(db, quoted, report)
    except store.database_error as exc:
        report.problems.append(Problem("read", f"the store cannot be read: {exc}"))
    return report


def _listed(db: Any, sql: str, check: str, report: CheckReport) -> None:
    for row in db.execute(f"{sql} LIMIT {_MAX_LISTED + 1:d}").fetchall()[:_MAX_LISTED]:
        report.problems.append(Problem(check, row[0]))


def _check_raw_inputs(db: Any, report: CheckReport) -> None:
    _listed(
        db,
        "SELECT 'document ' || d.id || ' has no raw input ' || d.raw_sha256 FROM documents d"
        " WHERE NOT EXISTS (SELECT 1 FROM raw_inputs r WHERE r.sha256 = d.raw_sha256)",
        "raw_input",
        report,
    )


def _check_spans(db: Any, tables: set[str], report: CheckReport) -> None:
    for table, start, end, label in _SPANS:
        if table not in tables:
            continue
        _listed(
            db,
            f"SELECT '{table} ' || {label}"
            f" || ' {start}..{end} = ' || f.{start} || '..' || f.{end}"
            f" || ' outside document ' || f.doc_id || ' ('"
            f" || COALESCE(CAST(length(d.text) AS TEXT), 'missing')"
            f" || ' characters)'"
            f" FROM {table} f LEFT JOIN documents d ON d.id = f.doc_id"
            f" WHERE f.{start} IS NOT NULL AND (d.id IS NULL OR f.{start} < 0"
            f" OR f.{end} < f.{start} OR f.{end} > length(d.text))",
            "offsets",
            report,
        )
    if "event_participants" in tables:
        _listed(
            db,
            "SELECT 'event participant ' || p.event_row || ' ' || p.role || ' ' || p.position"
            " || ' at ' || p.start || '..' || p.end || ' outside document ' || e.doc_id"
            " FROM event_participants p JOIN events e ON e.id = p.event_row"
            " JOIN documents d ON d.id = e.doc_id"
            " WHERE p.start < 0 OR p.end < p.start OR p.end > length(d.text)",
            "offsets",
            report,
        )


def _check_evidence_text(db: Any, quoted: Quoted, tables: set[str], report: CheckReport
                         ) -> None:
    for table, start, end, text, label in _EVIDENCE_TEXT:
        if table not in tables:
            continue
        # substr() counts characters for TEXT values, as Python offsets do; 1-based.
        _listed(
            db,
            f"SELECT '{table} ' || {label} || ' in ' || f.doc_id || ' at ' || f.{start}"
            f" || '..' || f.{end} || ': stored text ' || {quoted(f'substr(f.{text}, 1, 60)')}"
            f" || ' is not the document''s '"
            f" || {quoted(f'substr(d.text, f.{start} + 1, 60)')}"
            f" FROM {table} f JOIN documents d ON d.id = f.doc_id"
            f" WHERE f.{text} IS DISTINCT FROM"
            f" substr(d.text, f.{start} + 1, f.{end} - f.{start})",
            "evidence_text",
            report,
        )


def _check_participants(db: Any, quoted: Quoted, tables: set[str], report: CheckReport
                        ) -> None:
    if "event_participants" not in tables:
        return
    _listed(
        db,
        f"SELECT 'participant ' || {quoted('p.name')} || ' (' || p.role || ') of missing event '"
        " || p.event_row FROM event_participants p"
        " WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = p.event_row)",
        "participants",
        report,
    )


def _check_ledger(db: Any, quoted: Quoted, report: CheckReport) -> None:
    _listed(
        db,
        f"SELECT 'ledger row for ' || {quoted('l.item_key')} || ' (' || l.stage"
        " || ') names missing run '"
        " || l.run_id FROM ledger l WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = l.run_id)",
        "ledger",
        report,
    )
    _listed(
        db,
        f"SELECT 'ledger row for ' || {quoted('l.item_key')} || ' (' || l.stage || ', ' || l.status"
        " || ') names missing document ' || l.doc_id FROM ledger l WHERE l.doc_id IS NOT NULL"
        " AND l.status = 'ok'"
        " AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = l.doc_id)",
        "ledger",
        report,
    )


@dataclass(frozen=True)
class BackupReport:
    dest: Path
    pages: int  # SQLite pages copied; 0 for a pg_dump archive
    documents: int
    size: int = 0  # bytes written


class BackupFailed(StoreError):
    """The copy was made but does not pass the check; it has been removed."""


def backup_store(source: str | Path, dest: str | Path) -> BackupReport:
    """Copy the store at `source` to `dest` while others may write to it, then verify the copy.

    The copy is written beside `dest` under a temporary name and renamed into place only once it
    passes `check_store`, so `dest` is either a verified backup or untouched.
    """
    from wirewatch.store import is_postgres

    if is_postgres(source):
        return _pg_backup(str(source), Path(dest))
    source, dest = Path(source), Path(dest)
    if not source.exists():
        raise StoreError(f"no store at {source}")
    if dest.exists():
        raise StoreError(f"{dest} already exists; choose a new name for the backup")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".partial",
                                             dir=dest.parent)
    except OSError as exc:
        raise StoreError(f"cannot write the backup {dest}: {exc.strerror or exc}") from exc
    os.close(handle)
    try:
        os.chmod(temporary, source.stat().st_mode & 0o777)  # mkstemp's 0600 is not the store's
        pages = _copy(source, Path(temporary))
        with Store(temporary, readonly=True) as copy:
            report = check_store(copy)
        if not report.ok:
            listed = "; ".join(str(p) for p in report.problems[:5])
            raise BackupFailed(f"the backup of {source} does not pass the check: {listed}")
        os.replace(temporary, dest)
    except BaseException:
        _remove(Path(temporary))
        raise
    log.info("backed up %s to %s (%d pages, %d documents)", source, dest, pages, report.documents)
    return BackupReport(dest=dest, pages=pages, documents=report.documents,
                        size=dest.stat().st_size)


def _pg_tool(name: str) -> str:
    """A PostgreSQL client program: PATH first, then Debian's newest versioned folder."""
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise StoreError(f"{name} not found: install the PostgreSQL client programs"
                         " (Debian: apt-get install postgresql-client) to back up this store")
    return found


def _pg_backup(url: str, dest: Path) -> BackupReport:
    """`pg_dump` to a custom-format archive (one consistent snapshot; `pg_restore` reads it),
    checked to be a readable archive before it is renamed into place."""
    from wirewatch.store.postgres import PostgresStore, redacted

    if dest.exists():
        raise StoreError(f"{dest} already exists; choose a new name for the backup")
    with PostgresStore(url, readonly=True) as store:
        report = check_store(store)
    if not report.ok:
        listed = "; ".join(str(p) for p in report.problems[:5])
        raise BackupFailed(f"{redacted(url)} does not pass the check: {listed}")
    temporary = dest.with_name(f".{dest.name}.partial")
    try:
        for command in ([_pg_tool("pg_dump"), "--format=custom", "--file", str(temporary),
                         "--dbname", url],
                        [_pg_tool("pg_restore"), "--list", str(temporary)]):
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise StoreError(f"{Path(command[0]).name} failed for {redacted(url)}:"
                                 f" {done.stderr.strip()}")
        os.replace(temporary, dest)
    except BaseException:
        _remove(temporary)
        raise
    log.info("backed up %s to %s (%d documents)", redacted(url), dest, report.documents)
    return BackupReport(dest=dest, pages=0, documents=report.documents, size=dest.stat().st_size)


def _copy(source: Path, dest: Path) -> int:
    """One-step online backup; the copy is left in rollback-journal mode, a single file."""
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            src.execute("PRAGMA busy_timeout = 10000")
            dst = sqlite3.connect(dest)
            try:
                # pages=-1: the whole database in one step, from one read snapshot. Stepwise
                # copying would restart whenever another process commits, possibly forever.
                src.backup(dst, pages=-1)
                dst.execute("PRAGMA journal_mode = DELETE")
                pages = dst.execute("PRAGMA page_count").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise StoreError(f"cannot back up {source} to {dest}: {exc}") from exc
    return int(pages)


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass
