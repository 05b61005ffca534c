"""The PostgreSQL side of bench/scale.py: a throwaway cluster (initdb in a temporary folder,
127.0.0.1 and a free port only, stopped and removed by `stop`), the analysed SQLite base copied
into it row for row, grown by scale_replicate's statements, its size and its query plans."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import psycopg
from scale_replicate import (
    ORPHANS,
    POSTGRES,
    REPLICAS_PER_TRANSACTION,
    REWRITES,
    STORE_WIDE,
    check_tables,
    copy_statements,
    scale_actor_counts_sql,
)

from wirewatch.store import open_store
from wirewatch.store.pg_schema import apply_pg_migrations

DATABASE = "scale"


def _bindir() -> Path:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    raise SystemExit("no PostgreSQL binaries in /usr/lib/postgresql/*/bin")


class PostgresScale:
    def __init__(self, base: Path, work: Path) -> None:
        self.base = base
        self.root = Path(tempfile.mkdtemp(prefix="wirewatch-scale-pg-"))
        self.bindir = _bindir()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        # PostgreSQL refuses to run as root: the cluster then belongs to `postgres`.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.started = False
        self.copies = 1

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=300)

    def url(self, database: str = DATABASE) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _start(self) -> None:
        if self.as_user:
            shutil.chown(self.root, user="postgres")
        data = str(self.root / "data")
        self._run(str(self.bindir / "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C")
        self._run(str(self.bindir / "pg_ctl"), "-D", data, "-l", str(self.root / "server.log"),
                  "-o", f"-h 127.0.0.1 -p {self.port} -k {self.root}", "-w", "start")
        self.started = True

    def reset(self) -> None:
        """A new database holding the SQLite base row for row, and its snapshot `scale_base`."""
        if not self.started:
            self._start()
        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
            admin.execute(f"CREATE DATABASE {DATABASE}")
        source = sqlite3.connect(self.base)
        try:
            with psycopg.connect(self.url()) as conn:
                apply_pg_migrations(conn)
                for table in [*STORE_WIDE - {"schema_version"}, *REWRITES]:
                    self._copy_table(source, conn, table)
                conn.execute("CREATE SCHEMA scale_base")
                for table in [*REWRITES, "actors"]:
                    conn.execute(f"CREATE TABLE scale_base.{table} AS TABLE public.{table}")
        finally:
            source.close()
        self.copies = 1

    @staticmethod
    def _copy_table(source: sqlite3.Connection, conn: Any, table: str) -> None:
        cursor = source.execute(f"SELECT * FROM {table}")
        names = ", ".join(f'"{d[0]}"' for d in cursor.description)
        with conn.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in cursor:
                copy.write_row(row)

    def grow(self, copies: int) -> None:
        with psycopg.connect(self.url()) as conn:
            tables = {r[0] for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
            check_tables(tables)
            seq_step = conn.execute("SELECT MAX(seq) FROM scale_base.documents").fetchone()[0]
            statements = copy_statements(conn, POSTGRES, seq_step)
            conn.execute("CREATE TEMP TABLE scale_replicas (k INTEGER NOT NULL)")
            conn.commit()
            for first in range(self.copies, copies, REPLICAS_PER_TRANSACTION):
                with conn.transaction():
                    conn.execute("DELETE FROM scale_replicas")
                    for k in range(first, min(first + REPLICAS_PER_TRANSACTION, copies)):
                        conn.execute("INSERT INTO scale_replicas (k) VALUES (%s)", (k,))
                    for statement in statements:
                        conn.execute(statement)
            conn.execute(scale_actor_counts_sql(copies))
            conn.commit()
            # What autovacuum would do shortly after a bulk load: fresh planner statistics.
            conn.autocommit = True
            conn.execute("ANALYZE")
        self.copies = copies

    def orphans(self) -> dict[str, int]:
        with psycopg.connect(self.url()) as conn:
            return {what: conn.execute(sql).fetchone()[0] for what, sql in ORPHANS.items()}

    def size(self) -> dict[str, Any]:
        """Bytes of the store's own tables with their indexes and TOAST (the `scale_base`
        snapshot excluded), largest first."""
        with psycopg.connect(self.url()) as conn:
            rows = conn.execute(
                "SELECT relname, pg_total_relation_size(c.oid) FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC").fetchall()
        by_table = {name: size for name, size in rows}
        return {"bytes": sum(by_table.values()), "by_table": by_table}

    def open(self) -> Any:
        return open_store(self.url(), readonly=True)

    def explain(self, store: Any, sql: str, params: tuple) -> list[str]:
        return [next(iter(dict(row).values())) for row in store.query("EXPLAIN " + sql, params)]

    def stop(self) -> None:
        if self.started:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast",
                      "-w", "stop")
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)
