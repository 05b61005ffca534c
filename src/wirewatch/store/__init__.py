"""wirewatch.store: one interface, two backends. A target naming a PostgreSQL database
(`postgresql://…` or `postgres://…`) opens the shared store; anything else is a SQLite file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wirewatch.store.base import BaseStore, StoreError

__all__ = ["BaseStore", "StoreError", "is_postgres", "open_store", "store_exists"]

_PG_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(_PG_SCHEMES)


def open_store(target: str | Path, *, readonly: bool = False, **options: Any) -> BaseStore:
    """The store at `target`; migrations are applied when it is opened for writing."""
    if is_postgres(target):
        try:
            from wirewatch.store.postgres import PostgresStore
        except ImportError as exc:  # pragma: no cover - the extra is part of `make install`
            raise StoreError("PostgreSQL needs psycopg: pip install 'wirewatch[postgres]'"
                             ) from exc
        return PostgresStore(str(target), readonly=readonly)
    from wirewatch.store.sqlite import Store

    return Store(target, readonly=readonly, **options)


def store_exists(target: str | Path) -> bool:
    """Whether there is something to open read-only: a database server is asked when opened,
    a SQLite file must exist."""
    return is_postgres(target) or Path(target).exists()
