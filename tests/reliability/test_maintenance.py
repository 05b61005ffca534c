"""`wirewatch check` finds what we break on purpose; `wirewatch backup` copies a store in use."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from clitools import wirewatch
from wirewatch.store.commands import backup, check
from wirewatch.store.maintenance import backup_store, check_store
from wirewatch.store.sqlite import Store

DEADLINE_S = 120


def run_check(db: Path):
    return CliRunner().invoke(check, [], obj={"db": str(db)})


def run_backup(db: Path, dest: Path):
    return CliRunner().invoke(backup, [str(dest)], obj={"db": str(db)})


@pytest.fixture(scope="module")
def analyzed_db(tmp_path_factory, seeds_dir) -> Path:
    """Two seeds, ingested and analysed: documents, events, participants, figures."""
    folder = tmp_path_factory.mktemp("seeds")
    for name in ("01.txt", "03.txt"):
        shutil.copy(seeds_dir / name, folder / name)
    db = tmp_path_factory.mktemp("store") / "w.db"
    result = wirewatch(db, "ingest", "--quiet", str(folder))
    assert result.returncode == 0, result.stderr.decode()
    return db


@pytest.fixture
def db_copy(analyzed_db, tmp_path) -> Path:
    copy = tmp_path / "w.db"
    with sqlite3.connect(analyzed_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return copy


def tamper(db: Path, *statements: str) -> None:
    """Write behind wirewatch's back, with SQLite's foreign key enforcement off (its default)."""
    conn = sqlite3.connect(db, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()


def test_maintenance_healthy_store_passes_check(analyzed_db):
    result = run_check(analyzed_db)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: 2 documents")
    assert wirewatch(analyzed_db, "check").returncode == 0  # registered in the real CLI
    with Store(analyzed_db, readonly=True) as store:
        assert store.query("SELECT COUNT(*) AS n FROM figures")[0]["n"] > 0
        assert store.query("SELECT COUNT(*) AS n FROM event_participants")[0]["n"] > 0


def test_maintenance_check_lists_figure_outside_its_document(db_copy):
    conn = sqlite3.connect(db_copy)
    figure_id = conn.execute("SELECT id FROM figures ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    tamper(db_copy, "UPDATE figures SET evidence_start = 10000000, evidence_end = 10000005"
                    f" WHERE id = '{figure_id}'")
    result = run_check(db_copy)
    assert result.exit_code == 1
    assert f"offsets: figures {figure_id} evidence_start..evidence_end = 10000000" in result.output


def test_maintenance_check_lists_dangling_participant(db_copy):
    tamper(db_copy, "INSERT INTO event_participants (event_row, role, position, local_actor_id,"
                    " actor_id, name, start, end) VALUES ('e-gone', 'source', 0, 'CAN', 'CAN',"
                    " 'Canada', 0, 6)")
    result = run_check(db_copy)
    assert result.exit_code == 1
    assert wirewatch(db_copy, "check").returncode == 1
    assert "participants: participant 'Canada' (source) of missing event e-gone" in result.output
    assert "foreign_key_check: event_participants" in result.output


def test_maintenance_check_lists_evidence_that_is_not_the_documents_text(db_copy):
    tamper(db_copy, "UPDATE events SET evidence_text = 'words nobody wrote'"
                    " WHERE id = (SELECT MIN(id) FROM events)")
    result = run_check(db_copy)
    assert result.exit_code == 1
    assert "evidence_text: events" in result.output
    assert "'words nobody wrote'" in result.output


def test_maintenance_check_lists_document_without_raw_input_and_orphan_ledger(db_copy):
    tamper(db_copy,
           "DELETE FROM raw_inputs WHERE sha256 = (SELECT raw_sha256 FROM documents LIMIT 1)",
           "INSERT INTO ledger (run_id, item_key, stage, status, at)"
           " VALUES (999, 'ghost.txt', 'read', 'failed', '2020-01-01')")
    result = run_check(db_copy)
    assert result.exit_code == 1
    assert "raw_input: document" in result.output
    assert "ledger: ledger row for 'ghost.txt' (read) names missing run 999" in result.output


def test_maintenance_check_reports_a_damaged_file(db_copy):
    size = db_copy.stat().st_size
    with open(db_copy, "r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xde\xad\xbe\xef" * 1024)
    result = run_check(db_copy)
    assert result.exit_code == 1, result.output
    assert "integrity_check:" in result.output or "disk image is malformed" in result.output


def test_maintenance_check_of_missing_store_exits_4(tmp_path):
    result = run_check(tmp_path / "absent.db")
    assert result.exit_code == 4
    assert "no store at" in result.output


def test_maintenance_backup_of_idle_store_is_verified_and_refuses_to_overwrite(analyzed_db,
                                                                               tmp_path):
    dest = tmp_path / "backup.db"
    result = run_backup(analyzed_db, dest)
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.output and "check passed" in result.output
    assert run_check(dest).exit_code == 0
    again = run_backup(analyzed_db, dest)
    assert again.exit_code == 4
    assert "already exists" in again.output
    elsewhere = run_backup(analyzed_db, tmp_path / "no" / "such" / "dir" / "b.db")
    assert elsewhere.exit_code == 4
    assert "cannot write the backup" in elsewhere.output


def _corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        body = " ".join(f"word{(i * 7 + k) % 97}" for k in range(60))
        (folder / f"{i:04d}.txt").write_text(
            f"Story {i}\n\nOTTAWA — Officials said on Monday that {body}, number {i}.\n",
            encoding="utf-8")


def _documents(db: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = conn.execute("SELECT id, raw_sha256, key, text, content_hash, duplicate_of, seq"
                        " FROM documents ORDER BY seq").fetchall()
    conn.close()
    return rows


def test_maintenance_backup_while_ingest_writes_is_a_consistent_prefix(tmp_path):
    folder = tmp_path / "corpus"
    _corpus(folder, 400)
    db = tmp_path / "w.db"
    assert wirewatch(db, "ingest", "--quiet", "--no-analyze", str(folder / "0000.txt")
                     ).returncode == 0
    writer = subprocess.Popen(
        [sys.executable, "-m", "wirewatch.cli", "--db", str(db), "ingest", "--quiet",
         "--no-analyze", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + DEADLINE_S
        while len(_documents(db)) < 20 and writer.poll() is None:
            assert time.monotonic() < deadline, "the ingest stored nothing in time"
        report = backup_store(db, tmp_path / "backup.db")
        was_writing = writer.poll() is None
        assert writer.wait(timeout=DEADLINE_S) == 0
    finally:
        if writer.poll() is None:
            writer.kill()
    assert was_writing, "the ingest ended before the backup: nothing concurrent was tested"
    copied = _documents(tmp_path / "backup.db")
    final = _documents(db)
    assert report.documents == len(copied)
    assert 20 <= len(copied) < len(final) == 400
    assert copied == final[: len(copied)]
    with Store(tmp_path / "backup.db", readonly=True) as store:
        assert check_store(store).ok
