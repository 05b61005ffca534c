"""The SQLite schema, as an ordered list of named migrations.

Each migration is a function that takes a connection inside a transaction. The store records the
number of applied migrations in `PRAGMA user_version`; opening a store applies the missing ones in
order. Never edit a released migration: add a new one. `docs/schema.md` documents every table.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Execute a multi-statement script inside the caller's transaction.

    `executescript` would COMMIT first; splitting on complete statements keeps a migration atomic.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement[:80]!r}")


def m001_documents_and_ledger(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        CREATE TABLE runs (
            id            INTEGER PRIMARY KEY,
            command       TEXT NOT NULL,
            sources       TEXT NOT NULL,           -- JSON list of what the user named
            started_at    TEXT NOT NULL,
            finished_at   TEXT,
            status        TEXT NOT NULL DEFAULT 'running',  -- running|ok|partial|failed|interrupted
            n_ok          INTEGER NOT NULL DEFAULT 0,
            n_skipped     INTEGER NOT NULL DEFAULT 0,
            n_failed      INTEGER NOT NULL DEFAULT 0,
            version       TEXT NOT NULL,
            pid           INTEGER                  -- the process running it, to spot crashed runs
        );

        -- Every input exactly as read (compressed), for provenance and re-processing.
        CREATE TABLE raw_inputs (
            sha256        TEXT PRIMARY KEY,           -- of the kind and the bytes
            key           TEXT NOT NULL,
            path          TEXT NOT NULL,
            kind          TEXT NOT NULL,           -- text | html
            url           TEXT,
            size          INTEGER NOT NULL,
            data          BLOB NOT NULL,           -- zlib-compressed bytes
            run_id        INTEGER NOT NULL REFERENCES runs(id)
        );

        CREATE TABLE documents (
            id                  TEXT PRIMARY KEY,  -- from the raw content hash: stable across runs
            raw_sha256          TEXT NOT NULL UNIQUE REFERENCES raw_inputs(sha256),
            key                 TEXT NOT NULL,
            path                TEXT NOT NULL,
            url                 TEXT,
            title               TEXT,
            outlet              TEXT,
            authors             TEXT NOT NULL DEFAULT '[]',   -- JSON list
            published           TEXT,              -- YYYY-MM-DD | YYYY-MM | YYYY | NULL
            published_precision TEXT,              -- day | month | year | NULL
            published_source    TEXT,              -- where the date came from
            dateline            TEXT,
            wire                TEXT,
            language            TEXT,
            encoding            TEXT,
            text                TEXT NOT NULL,     -- clean body; all evidence offsets index into it
            n_words             INTEGER NOT NULL,
            content_hash        TEXT NOT NULL,     -- normalised clean text, for exact duplicates
            duplicate_of        TEXT REFERENCES documents(id),
            run_id              INTEGER NOT NULL REFERENCES runs(id),
            seq                 INTEGER NOT NULL   -- order first seen; duplicate_of points back
        );
        CREATE INDEX documents_content_hash ON documents(content_hash);
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_outlet ON documents(outlet);

        -- Lines the cleaner removed, with the rule that removed them: cleaning is auditable.
        CREATE TABLE removed_lines (
            doc_id   TEXT NOT NULL REFERENCES documents(id),
            line_no  INTEGER NOT NULL,
            line     TEXT NOT NULL,
            reason   TEXT NOT NULL,
            PRIMARY KEY (doc_id, line_no)
        );

        CREATE TABLE doc_minhash (
            doc_id     TEXT PRIMARY KEY REFERENCES documents(id),
            signature  BLOB NOT NULL
        );

        -- Per-outlet line observations for learning template lines (one row per line per input).
        CREATE TABLE template_observations (
            outlet    TEXT NOT NULL,
            line      TEXT NOT NULL,
            doc_key   TEXT NOT NULL,
            PRIMARY KEY (outlet, line, doc_key)
        );

        -- The run ledger: one row per input, stage and run.
        CREATE TABLE ledger (
            run_id   INTEGER NOT NULL REFERENCES runs(id),
            item_key TEXT NOT NULL,
            stage    TEXT NOT NULL,                -- read | decode | clean | dedup | store | ...
            status   TEXT NOT NULL,                -- ok | skipped | failed
            doc_id   TEXT,
            reason   TEXT,
            at       TEXT NOT NULL,
            PRIMARY KEY (run_id, item_key, stage)
        );
        CREATE INDEX ledger_status ON ledger(status);
        CREATE INDEX ledger_doc ON ledger(doc_id, stage);

        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid', tokenize='porter unicode61'
        );
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """
    )


def m002_parses_mentions_facts(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        -- spaCy parses, serialised, so later stages never parse a document twice.
        CREATE TABLE parses (
            doc_id       TEXT PRIMARY KEY REFERENCES documents(id),
            model        TEXT NOT NULL,             -- pipeline name and version
            data         BLOB NOT NULL,
            n_sentences  INTEGER NOT NULL
        );

        CREATE TABLE sentences (
            doc_id  TEXT NOT NULL REFERENCES documents(id),
            idx     INTEGER NOT NULL,
            start   INTEGER NOT NULL,
            end     INTEGER NOT NULL,
            PRIMARY KEY (doc_id, idx)
        );

        -- Named mentions, resolved or not. Every fact table keeps two actor columns:
        -- local_* is what the analysis of that one document said (never changed afterwards);
        -- the plain column is the store-wide actor after consolidation and human judgements,
        -- rewritten by the resolve stage from actor_map.
        CREATE TABLE mentions (
            doc_id          TEXT NOT NULL REFERENCES documents(id),
            start           INTEGER NOT NULL,
            end             INTEGER NOT NULL,
            text            TEXT NOT NULL,
            label           TEXT NOT NULL,
            sentence        INTEGER NOT NULL,
            local_actor_id  TEXT,
            local_name      TEXT,                  -- the local actor's name ("Harjit Sajjan")
            actor_id        TEXT,
            PRIMARY KEY (doc_id, start, end)
        );
        CREATE INDEX mentions_actor ON mentions(actor_id);

        -- Titles and appositives seen with a person in one document.
        CREATE TABLE role_observations (
            doc_id          TEXT NOT NULL REFERENCES documents(id),
            local_actor_id  TEXT NOT NULL,
            actor_id        TEXT,                  -- NULL: a judgement rejected the actor
            name          TEXT NOT NULL,
            title         TEXT,
            organization  TEXT,
            country       TEXT,
            sector        TEXT,
            sectors       TEXT NOT NULL DEFAULT '',  -- all sectors, primary first, comma-separated
            start         INTEGER NOT NULL,
            end           INTEGER NOT NULL,
            PRIMARY KEY (doc_id, start, end)
        );

        -- Facts, one row per mention; JSON columns hold lists/objects of the data contract.
        CREATE TABLE events (
            id              TEXT PRIMARY KEY,      -- stable: doc, evidence span, type, trigger
            event_id        TEXT,                  -- the merged event across documents
            doc_id          TEXT NOT NULL REFERENCES documents(id),
            type            TEXT NOT NULL,
            mode            TEXT,
            negated         INTEGER NOT NULL,
            modality        TEXT NOT NULL,
            date            TEXT,
            date_precision  TEXT,
            place           TEXT,                  -- JSON {name, country, admin1, lat, lon}
            evidence_start  INTEGER NOT NULL,
            evidence_end    INTEGER NOT NULL,
            evidence_text   TEXT NOT NULL,
            trigger_start   INTEGER,
            trigger_end     INTEGER,
            confidence      REAL NOT NULL
        );
        CREATE INDEX events_doc ON events(doc_id);
        CREATE INDEX events_event ON events(event_id);
        CREATE INDEX events_date ON events(date);

        -- One row per event as all its reports tell it (rebuilt by the resolve stage).
        CREATE TABLE merged_events (
            id                     TEXT PRIMARY KEY,
            type                   TEXT NOT NULL,
            date                   TEXT,
            date_precision         TEXT,
            n_mentions             INTEGER NOT NULL,
            n_independent_sources  INTEGER NOT NULL
        );

        CREATE TABLE event_participants (
            event_row       TEXT NOT NULL REFERENCES events(id),
            role            TEXT NOT NULL,         -- source | target
            position        INTEGER NOT NULL,
            local_actor_id  TEXT NOT NULL,
            actor_id        TEXT,                  -- NULL: a judgement rejected the actor
            name            TEXT NOT NULL,
            start           INTEGER NOT NULL,
            end             INTEGER NOT NULL,
            PRIMARY KEY (event_row, role, position)
        );
        CREATE INDEX event_participants_actor ON event_participants(actor_id);

        CREATE TABLE quotes (
            id              TEXT PRIMARY KEY,
            doc_id          TEXT NOT NULL REFERENCES documents(id),
            speaker_local_id TEXT,
            speaker_id      TEXT,
            speaker_name    TEXT,
            speaker_role    TEXT,
            speaker_start   INTEGER,
            speaker_end     INTEGER,
            text            TEXT NOT NULL,
            kind            TEXT NOT NULL,
            cue             TEXT,
            content_start   INTEGER NOT NULL,
            content_end     INTEGER NOT NULL,
            evidence_start  INTEGER NOT NULL,
            evidence_end    INTEGER NOT NULL
        );
        CREATE INDEX quotes_doc ON quotes(doc_id);
        CREATE INDEX quotes_speaker ON quotes(speaker_id);

        CREATE TABLE figures (
            id               TEXT PRIMARY KEY,
            doc_id           TEXT NOT NULL REFERENCES documents(id),
            subject_local_id TEXT,
            subject_id       TEXT,
            subject_name     TEXT,
            measure          TEXT NOT NULL,
            value            REAL,
            low              REAL,
            high             REAL,
            qualifier        TEXT NOT NULL,
            unit             TEXT,
            as_of            TEXT,
            as_of_precision  TEXT,
            place            TEXT,
            span_start       INTEGER NOT NULL,
            span_end         INTEGER NOT NULL,
            evidence_start   INTEGER NOT NULL,
            evidence_end     INTEGER NOT NULL,
            evidence_text    TEXT NOT NULL
        );
        CREATE INDEX figures_doc ON figures(doc_id);
        CREATE INDEX figures_series ON figures(subject_id, measure);

        -- The actors known to this store (registry actors that occur, and people), rebuilt by
        -- the resolve stage from mentions, roles and judgements.
        CREATE TABLE actors (
            id             TEXT PRIMARY KEY,
            name           TEXT NOT NULL,
            kind           TEXT NOT NULL,
            country        TEXT,
            sector         TEXT,
            aliases        TEXT NOT NULL DEFAULT '[]',
            roles          TEXT NOT NULL DEFAULT '[]',
            mention_count  INTEGER NOT NULL DEFAULT 0,
            doc_count      INTEGER NOT NULL DEFAULT 0
        );
        -- local actor id in a document -> the store-wide actor id (after judgements)
        CREATE TABLE actor_map (
            doc_id    TEXT NOT NULL,
            local_id  TEXT NOT NULL,
            actor_id  TEXT,                       -- NULL: a judgement rejected this actor
            PRIMARY KEY (doc_id, local_id)
        );

        -- Human corrections, kept apart from machine output and re-applied after every run.
        CREATE TABLE judgements (
            id          INTEGER PRIMARY KEY,
            action      TEXT NOT NULL,   -- merge | split | alias | reject | reject_fact | speaker
            subject     TEXT NOT NULL,
            object      TEXT,
            note        TEXT,
            created_at  TEXT NOT NULL
        );
        """,
    )


def m003_participants_by_actor_and_event(db: sqlite3.Connection) -> None:
    """An actor's events in one index walk: the timeline of an actor grew with the square of
    the store without it (bench/scale_index.py: 3.9 s to 16 ms at 100,000 documents)."""
    run_script(
        db,
        "CREATE INDEX event_participants_actor_event ON event_participants(actor_id, event_row);",
    )


def m004_documents_by_seq(db: sqlite3.Connection) -> None:
    """Documents in the order first seen by index: each new document's number was the maximum
    over a full scan of the table, so ingest slowed with the store's size (PostgreSQL's schema
    had this index from the start)."""
    run_script(db, "CREATE INDEX IF NOT EXISTS documents_seq ON documents(seq);")


MIGRATIONS: list[Migration] = [
    m001_documents_and_ledger,
    m002_parses_mentions_facts,
    m003_participants_by_actor_and_event,
    m004_documents_by_seq,
]


class SchemaTooNew(RuntimeError):
    pass


def apply_migrations(db: sqlite3.Connection) -> list[str]:
    """Bring the schema up to date; returns the names of the migrations applied now.

    The version is read again inside the write lock, so two processes opening a new store at
    the same moment apply each migration once.
    """
    applied = []
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            current = db.execute("PRAGMA user_version").fetchone()[0]
            if current > len(MIGRATIONS):
                raise SchemaTooNew(
                    f"this store has schema version {current}, newer than this wirewatch "
                    f"({len(MIGRATIONS)}); upgrade wirewatch"
                )
            if current == len(MIGRATIONS):
                db.execute("COMMIT")
                return applied
            migration = MIGRATIONS[current]
            migration(db)
            db.execute(f"PRAGMA user_version = {current + 1:d}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        applied.append(migration.__name__)
