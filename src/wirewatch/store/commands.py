"""`wirewatch check`, `wirewatch backup DEST` and `wirewatch migrate`: thin commands over
store.maintenance and the schemas.

They read the store (a SQLite path or a postgresql:// URL) from the group's context object
(`--db`), like every other command.
Exit codes follow cli.py: 0 healthy / backed up, 1 the check found problems, 4 the store (or the
backup's destination) cannot be opened or written.
"""

from __future__ import annotations

import sys
from typing import NoReturn

import click

EXIT_PROBLEMS = 1
EXIT_STORE = 4


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_STORE)


@click.command()
@click.pass_obj
def check(obj: dict) -> None:
    """Check the store: the engine's integrity (SQLite) or schema version (PostgreSQL),
    references, and that every fact's offsets and evidence text match its document. Lists what
    is wrong and exits 1 if anything is."""
    from wirewatch.store import StoreError, open_store, store_exists
    from wirewatch.store.maintenance import check_store

    if not store_exists(obj["db"]):
        _fail(f"no store at {obj['db']}")
    try:
        with open_store(obj["db"], readonly=True) as store:
            db = store.path
            report = check_store(store)
    except StoreError as exc:
        _fail(str(exc))
    if report.ok:
        click.echo(f"ok: {report.documents} documents, no problems found in {db}")
        return
    click.echo(f"{len(report.problems)} problem(s) in {db}:")
    for problem in report.problems:
        click.echo(f"  {problem}")
    sys.exit(EXIT_PROBLEMS)


@click.command()
@click.argument("dest", type=click.Path(dir_okay=False))
@click.pass_obj
def backup(obj: dict, dest: str) -> None:
    """Copy the store to DEST (a new file) while other processes may be writing to it, and
    verify the copy with `check`. A PostgreSQL store is checked, then dumped with `pg_dump`
    (custom format: restore it with `pg_restore`)."""
    from wirewatch.store.maintenance import backup_store
    from wirewatch.store.sqlite import StoreError

    try:
        report = backup_store(obj["db"], dest)
    except StoreError as exc:
        _fail(str(exc))
    if report.pages:
        click.echo(f"backed up {obj['db']} to {report.dest}: {report.documents} documents, "
                   f"{report.pages} pages, check passed")
    else:
        click.echo(f"backed up to {report.dest} with pg_dump: {report.documents} documents, "
                   f"{report.size} bytes, check passed")


@click.command()
@click.pass_obj
def migrate(obj: dict) -> None:
    """Upgrade the store's schema (SQLite or PostgreSQL) to this wirewatch's, creating it if
    the store is new, and list the migrations applied."""
    from wirewatch.store import StoreError, open_store

    try:
        with open_store(obj["db"]) as store:
            applied = store.applied_migrations
            where = store.path
    except StoreError as exc:
        _fail(str(exc))
    if applied:
        click.echo(f"applied {len(applied)} migration(s) to {where}: {', '.join(applied)}")
    else:
        click.echo(f"{where} is up to date")
