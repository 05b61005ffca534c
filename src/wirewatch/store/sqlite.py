"""The embedded store: one SQLite file in WAL mode, written through this class only.

What a store does (runs, ledger, documents) is `base.BaseStore`; this is the SQLite connection,
its transactions (`BEGIN IMMEDIATE`: one writer at a time) and its migrations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wirewatch.store.base import BaseStore, StoreError, utcnow
from wirewatch.store.dialect import SQLITE
from wirewatch.store.schema import SchemaTooNew, apply_migrations

__all__ = ["Store", "StoreError", "utcnow"]


class Store(BaseStore):
    dialect = SQLITE

    def __init__(
        self, path: str | Path, *, readonly: bool = False, check_same_thread: bool = True
    ) -> None:
        """`check_same_thread=False` lets a web framework open, use and close the connection
        from different threads, one at a time (FastAPI's dependencies do)."""
        self.path = Path(path)
        self.readonly = readonly
        self.applied_migrations: list[str] = []
        self._savepoints = 0
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

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write. Inside another transaction it is a savepoint: its failure undoes
        its own writes only, and nothing is durable before the outermost one commits (a run
        stores a group of documents in one transaction, which spares a commit per write)."""
        if self.db.in_transaction:
            yield from self._savepoint()
            return
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

    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        self._savepoints += 1
        name = f"write_{self._savepoints}"
        self.db.execute(f"SAVEPOINT {name}")
        try:
            yield self.db
        except BaseException as exc:
            if self.db.in_transaction:  # a failed statement may have ended the transaction
                self.db.execute(f"ROLLBACK TO {name}")
                self.db.execute(f"RELEASE {name}")
            if isinstance(exc, sqlite3.OperationalError):
                raise StoreError(f"cannot write to store {self.path}: {exc}") from exc
            raise
        else:
            self.db.execute(f"RELEASE {name}")
        finally:
            self._savepoints -= 1

    def _rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # queries -------------------------------------------------------------------------------

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Read-only parametrised query used by views; never format values into `sql`."""
        return self.db.execute(sql, tuple(params)).fetchall()

    def integrity_check(self) -> list[str]:
        problems = [row[0] for row in self.db.execute("PRAGMA integrity_check")]
        return [] if problems == ["ok"] else problems

    database_error = sqlite3.DatabaseError

    def integrity_problems(self) -> list[tuple[str, str]]:
        return [("integrity_check", problem) for problem in self.integrity_check()]

    def reference_problems(self) -> list[tuple[str, str]]:
        # SQLite enforces foreign keys only on connections that ask; a file written by another
        # tool may break them.
        return [("foreign_key_check", f"{row[0]} row {row[1]} references a missing {row[2]}")
                for row in self.db.execute("PRAGMA foreign_key_check")]

    def table_names(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
