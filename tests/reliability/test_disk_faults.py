"""Disk faults: a store that cannot be written (read-only file) or that runs out of room.

The CLI must stop with a clear message and exit code 4, and nothing stored before the fault may
be lost or damaged: the store passes `check` and the earlier documents are exactly as they were.

A full disk is simulated without privileges: in the CLI by a file-size limit (RLIMIT_FSIZE; Python
ignores SIGXFSZ, so writes past it fail like writes to a full disk), and in the library by a low
`PRAGMA max_page_count`. A read-only store is a file its user may not write: as root, permissions
do not bind, so the CLI then runs as the unprivileged user `nobody`.
"""

from __future__ import annotations

import os
import pwd
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from clitools import export, wirewatch
from wirewatch.ingest.pipeline import ingest
from wirewatch.store.maintenance import check_store
from wirewatch.store.sqlite import Store, StoreError


def _write_corpus(folder: Path, first: int, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(first)
    for i in range(first, first + n):
        body = " ".join(f"w{rng.randrange(100_000)}" for _ in range(400))
        (folder / f"{i:04d}.txt").write_text(
            f"Story {i}\n\nGENEVA — Delegates said on Tuesday that {body}, number {i}.\n",
            encoding="utf-8")


def assert_intact(db: Path, before: list[dict]) -> None:
    with Store(db, readonly=True) as store:
        report = check_store(store)
    assert report.ok, [str(p) for p in report.problems]
    by_id = {doc["id"]: doc for doc in export(db, "documents")}
    assert [by_id.get(doc["id"]) for doc in before] == before


@pytest.fixture
def stored(tmp_path) -> tuple[Path, Path, list[dict]]:
    """A store holding ten documents, and a folder of forty more to ingest into it."""
    db = tmp_path / "w.db"
    _write_corpus(tmp_path / "first", 0, 10)
    _write_corpus(tmp_path / "more", 10, 40)
    result = wirewatch(db, "ingest", "--quiet", "--no-analyze", str(tmp_path / "first"))
    assert result.returncode == 0, result.stderr.decode()
    return db, tmp_path / "more", export(db, "documents")


def test_disk_faults_full_disk_in_cli_exits_4_and_keeps_what_was_stored(stored):
    db, more, before = stored
    limit = db.stat().st_size + 64 * 1024

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "--db", str(db), "ingest", "--quiet",
         "--no-analyze", str(more)],
        capture_output=True, preexec_fn=small_disk, timeout=300)
    assert result.returncode == 4, result.stderr.decode()
    message = " ".join(result.stderr.decode().split())  # rich wraps long lines on stderr
    assert "cannot write to store" in message
    assert "disk I/O error" in message or "disk is full" in message
    assert "Traceback" not in message
    assert_intact(db, before)
    # With room again, the same command finishes the job.
    assert wirewatch(db, "ingest", "--quiet", "--no-analyze", str(more)).returncode == 0
    assert len(export(db, "documents")) == 50
    assert_intact(db, before)


def test_disk_faults_full_store_in_library_raises_store_error(stored):
    db, more, before = stored
    with Store(db) as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 8:d}")
        with pytest.raises(StoreError, match="database or disk is full"):
            ingest([str(more)], store)
        n_documents = store.query("SELECT COUNT(*) AS n FROM documents")[0]["n"]
    assert 10 <= n_documents < 50
    assert_intact(db, before)


def test_disk_faults_readonly_store_in_library_refuses_writes(stored):
    db, more, before = stored
    with Store(db, readonly=True) as store:
        with pytest.raises(StoreError, match="cannot write to store .*readonly database"):
            ingest([str(more)], store)
    assert_intact(db, before)


def _unprivileged() -> tuple[int, int] | None:
    """(uid, gid) to run the CLI as so that file permissions bind; None if we cannot."""
    if os.geteuid() != 0:
        return os.geteuid(), os.getegid()
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        return None
    try:
        # The interpreter may live where only root may go (e.g. /root/.pyenv).
        probe = subprocess.run([sys.executable, "-c", "import wirewatch.cli"],
                               preexec_fn=_as_user(nobody.pw_uid, nobody.pw_gid),
                               capture_output=True, cwd="/", timeout=60)
    except OSError:
        return None
    return (nobody.pw_uid, nobody.pw_gid) if probe.returncode == 0 else None


def _as_user(uid: int, gid: int):  # noqa: ANN202 - a preexec_fn
    def switch() -> None:
        if os.geteuid() != uid:
            os.setgid(gid)
            os.setuid(uid)

    return switch


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can enter (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="wirewatch-readonly-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_disk_faults_readonly_store_in_cli_exits_4_and_stays_intact(stored, shared_folder):
    user = _unprivileged()
    if user is None:
        pytest.skip("running as root with no unprivileged user able to run wirewatch, so file"
                    " permissions cannot make the store read-only (the library test covers it)")
    db, more, before = stored
    store_dir = shared_folder / "store"
    store_dir.mkdir()
    readonly_db = store_dir / "w.db"
    with sqlite3.connect(db) as src, sqlite3.connect(readonly_db) as dst:
        src.backup(dst)
    inputs = shared_folder / "more"
    shutil.copytree(more, inputs)
    for path in (shared_folder, inputs, *inputs.iterdir()):
        path.chmod(0o755 if path.is_dir() else 0o644)
    readonly_db.chmod(0o444)
    store_dir.chmod(0o555)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "wirewatch.cli", "--db", str(readonly_db), "ingest",
             "--quiet", "--no-analyze", str(inputs)],
            capture_output=True, preexec_fn=_as_user(*user), timeout=300, cwd="/",
            env={**os.environ, "HOME": str(shared_folder), "PYTHONDONTWRITEBYTECODE": "1"})
    finally:
        store_dir.chmod(0o755)
    assert result.returncode == 4, result.stderr.decode()
    message = " ".join(result.stderr.decode().split())
    assert "error:" in message and "store" in message
    assert "readonly" in message or "unable to open" in message
    assert "Traceback" not in message
    assert_intact(readonly_db, before)
