"""`wirewatch check` and `wirewatch backup DEST`: thin commands over store.maintenance.

They read the store path from the group's context object (`--db`), like every other command.
Exit codes follow cli.py: 0 healthy / backed up, 1 the check found problems, 4 the store (or the
backup's destination) cannot be opened or written.
"""

from __future__ import annotations

import sys
from pathlib import Path
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
    """Check the store: SQLite integrity, references, and that every fact's offsets and evidence
    text match its document. Lists what is wrong and exits 1 if anything is."""
    from wirewatch.store.maintenance import check_store
    from wirewatch.store.sqlite import Store, StoreError

    db = Path(obj["db"])
    if not db.exists():
        _fail(f"no store at {db}")
    try:
        with Store(db, readonly=True) as store:
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
    verify the copy with `check`."""
    from wirewatch.store.maintenance import backup_store
    from wirewatch.store.sqlite import StoreError

    try:
        report = backup_store(obj["db"], dest)
    except StoreError as exc:
        _fail(str(exc))
    click.echo(f"backed up {obj['db']} to {report.dest}: {report.documents} documents, "
               f"{report.pages} pages, check passed")
