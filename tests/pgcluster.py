"""A throwaway PostgreSQL cluster for the test session: initdb in a temporary folder, listening
on 127.0.0.1 only, stopped and removed at the end. Nothing is downloaded: the binaries come from
the Debian package (`scripts/ensure_postgres.sh` installs it) or whatever is on PATH."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "postgres"


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL binaries here, or the cluster would not start (the message says which)."""


def find_bindir() -> Path:
    """The folder holding initdb and pg_ctl: PATH first, then Debian's versioned folders."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    raise ClusterUnavailable("PostgreSQL not found (no initdb on PATH or in "
                             "/usr/lib/postgresql/*/bin); run scripts/ensure_postgres.sh")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """One server process owned by the test session; `url(name)` addresses a database in it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="wirewatch-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        # PostgreSQL refuses to run as root: the cluster then belongs to the `postgres` user.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.started = False

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self.as_user, *args], capture_output=True, text=True,
                                timeout=120)
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise ClusterUnavailable(f"{' '.join(args[:2])} failed: {result.stderr}{tail}")

    def start(self) -> None:
        if self.as_user:
            shutil.chown(self.root, user="postgres")
        # C locale: text sorts by code point, as SQLite's BINARY collation does.
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                  "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
        # A throwaway cluster needs no durability: fsync off makes CREATE DATABASE cheap.
        options = (f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
                   " -c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.root / "server.log"), "-o", options, "-w", "start")
        self.started = True

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE DATABASE needs that)."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def stop(self) -> None:
        try:
            if self.started:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                          "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
