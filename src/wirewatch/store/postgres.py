"""The shared store: a PostgreSQL database (psycopg 3), behind the same interface as SQLite's.

The store's SQL is written once, with `?` placeholders; the connection wrapper here turns each
statement into psycopg's form once (and caches it). Writes are serialised across processes by a
transaction-scoped advisory lock, as SQLite's `BEGIN IMMEDIATE` serialises them, so the
store-wide order of documents (`seq`) is never given out twice. Rows read like `sqlite3.Row`:
by column name and by position.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from wirewatch.store.base import BaseStore, StoreError
from wirewatch.store.dialect import POSTGRES
from wirewatch.store.pg_schema import (
    PG_MIGRATIONS,
    WRITE_LOCK,
    SchemaTooNew,
    apply_pg_migrations,
    schema_version,
)

log = logging.getLogger(__name__)
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|[A-Za-z_][A-Za-z0-9_]*|.", re.S)


@lru_cache(maxsize=2048)
def to_psycopg(sql: str) -> str:
    """`?` placeholders become `%s`, a literal `%` becomes `%%`, and the column name `end`
    (reserved in PostgreSQL, not in SQLite) is quoted wherever it does not close a CASE."""
    out = []
    open_cases = 0
    for token in _TOKENS.findall(sql):
        word = token.lower()
        if token == "?":
            out.append("%s")
        elif token.startswith("'") or token == "%":
            out.append(token.replace("%", "%%"))
        elif word == "case":
            open_cases += 1
            out.append(token)
        elif word == "end" and open_cases:
            open_cases -= 1
            out.append(token)
        elif word == "end":
            out.append('"end"')
        else:
            out.append(token)
    return "".join(out)


class Row(tuple):
    """A result row read by position or by column name, like `sqlite3.Row`."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Any:
    index = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, index)


class Connection:
    """The part of `sqlite3.Connection` the store's code uses, over one psycopg connection."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self.conn.execute(to_psycopg(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> Any:
        cursor = self.conn.cursor()
        cursor.executemany(to_psycopg(sql), [tuple(r) for r in rows])
        return cursor

    def close(self) -> None:
        self.conn.close()


def _numeric_loader() -> Any:
    from psycopg.adapt import Loader

    class IntegralNumeric(Loader):
        """SUM over integers is NUMERIC in PostgreSQL and an integer in SQLite: read it as one
        (and AVG's fractions as floats), so views return the same values on both."""

        def load(self, data: Any) -> int | float:
            text = bytes(data)
            try:
                return int(text)
            except ValueError:
                return float(text)

    return IntegralNumeric


def connect(url: str, *, readonly: bool = False) -> Any:
    """A psycopg connection in autocommit mode (the store opens its own transactions)."""
    import psycopg

    options = "-c default_transaction_read_only=on" if readonly else None
    # Client-side binding: values are quoted into the statement, so `? IS NULL` and LIMIT
    # parameters need no declared types, as in SQLite.
    conn = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor,
                           row_factory=_row_factory, options=options, connect_timeout=10)
    conn.adapters.register_loader("numeric", _numeric_loader())
    return conn


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresStore(BaseStore):
    dialect = POSTGRES

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        import psycopg

        self.url = url
        self.path = redacted(url)
        self.readonly = readonly
        self.applied_migrations: list[str] = []
        self._own_runs: set[int] = set()
        try:
            self.db = Connection(connect(url, readonly=readonly))
        except psycopg.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}".strip()) from exc
        try:
            if readonly:
                self._check_version()
            else:
                self.applied_migrations = apply_pg_migrations(self.db.conn)
                if self.applied_migrations:
                    self._warn_about_collation()
        except SchemaTooNew as exc:
            self.close()
            raise StoreError(str(exc)) from exc
        except psycopg.Error as exc:
            self.close()
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    def _warn_about_collation(self) -> None:
        """Views sort text; only a C collation sorts it as SQLite does (by code point)."""
        collation = self.db.execute(
            "SELECT datcollate FROM pg_database WHERE datname = current_database()").fetchone()[0]
        if collation not in ("C", "POSIX", "C.UTF-8", "C.utf8"):
            log.warning("%s uses the collation %s: text sorts differently from SQLite; create "
                        "the database with --locale=C for the same order", self.path, collation)

    def _check_version(self) -> None:
        current = schema_version(self.db.conn)
        if current == 0:
            raise StoreError(f"no wirewatch store in {self.path} (run `wirewatch ingest PATH` "
                             "or `wirewatch migrate` first)")
        if current > len(PG_MIGRATIONS):
            raise SchemaTooNew(f"this store has schema version {current}, newer than this "
                               f"wirewatch ({len(PG_MIGRATIONS)}); upgrade wirewatch")
        if current < len(PG_MIGRATIONS):
            raise StoreError(f"the store {self.path} has schema version {current}; run "
                             "`wirewatch migrate` to upgrade it")

    def close(self) -> None:
        self.db.close()

    # A shared server is written from many machines, where a process id means nothing: a run
    # holds a session advisory lock instead, which the server drops when its process dies.
    def _claim_run(self, run_id: int) -> None:
        self.db.execute("SELECT pg_advisory_lock(?, ?)", (WRITE_LOCK, run_id))
        self._own_runs.add(run_id)

    def _release_run(self, run_id: int) -> None:
        # A process that runs many commands (a server, a test session) would otherwise hold one
        # lock per finished run until it disconnects.
        if run_id in self._own_runs:
            self.db.execute("SELECT pg_advisory_unlock(?, ?)", (WRITE_LOCK, run_id))
            self._own_runs.discard(run_id)

    def _run_alive(self, run_id: int, pid: int | None) -> bool:
        if run_id in self._own_runs:
            return True
        free = self.db.execute("SELECT pg_try_advisory_lock(?, ?)", (WRITE_LOCK, run_id)
                               ).fetchone()[0]
        if free:
            self.db.execute("SELECT pg_advisory_unlock(?, ?)", (WRITE_LOCK, run_id))
        return not free

    @property
    def database_error(self) -> type[Exception]:  # type: ignore[override]
        import psycopg

        return psycopg.DatabaseError

    def integrity_problems(self) -> list[tuple[str, str]]:
        # The server checks pages and enforces every foreign key itself; what it cannot know is
        # whether this schema is the one this wirewatch writes.
        current = schema_version(self.db.conn)
        if current != len(PG_MIGRATIONS):
            return [("schema_version", f"the store has schema version {current}, this "
                     f"wirewatch writes {len(PG_MIGRATIONS)} (run `wirewatch migrate`)")]
        return []

    def reference_problems(self) -> list[tuple[str, str]]:
        return []

    def table_names(self) -> set[str]:
        rows = self.query("SELECT table_name FROM information_schema.tables"
                          " WHERE table_schema = current_schema()")
        return {r[0] for r in rows}

    def __enter__(self) -> PostgresStore:
        return self

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        import psycopg

        try:
            with self.db.conn.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
                yield self.db
        except (psycopg.OperationalError, psycopg.errors.ReadOnlySqlTransaction,
                psycopg.errors.InsufficientPrivilege) as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        import psycopg

        try:
            return self.db.execute(sql, params).fetchall()
        except psycopg.OperationalError as exc:
            raise StoreError(f"the store {self.path} could not answer: {exc}") from exc
