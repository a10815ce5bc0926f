"""Schema migrations: append-only, per feature, never dropping user data.

Each module in MIGRATION_MODULES has `MIGRATIONS = [(name, fn(db)), ...]`. A migration runs once,
inside the opening transaction; the names applied are kept in `_migrations` and PRAGMA
user_version holds how many have run, so an older file is recognised and brought forward.
Never edit or reorder a released migration: add a new one.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import datetime

from sqlite_utils import Database

Migration = tuple[str, Callable[[Database], None]]

MIGRATION_MODULES = [
    "catalog.storage.schema_core",
    "catalog.storage.schema_county",
    "catalog.storage.schema_notice",
    "catalog.storage.schema_ledger",
    "catalog.storage.schema_tasks",
]


def all_migrations() -> list[Migration]:
    out: list[Migration] = []
    for mod in MIGRATION_MODULES:
        out.extend(importlib.import_module(mod).MIGRATIONS)
    names = [n for n, _ in out]
    if len(names) != len(set(names)):
        raise RuntimeError(f"duplicate migration names: {names}")
    return out


def pending(db: Database) -> list[Migration]:
    if "_migrations" not in db.table_names():
        return all_migrations()
    done = {r["name"] for r in db["_migrations"].rows}
    return [m for m in all_migrations() if m[0] not in done]


def apply(db: Database) -> list[str]:
    """Run pending migrations (caller holds the transaction); return their names."""
    todo = pending(db)
    if not todo:
        return []
    if "_migrations" not in db.table_names():
        db.table("_migrations").create({"name": str, "applied_at": str}, pk="name")
    for name, fn in todo:
        fn(db)
        applied_at = datetime.now().isoformat(timespec="seconds")
        db.table("_migrations").insert({"name": name, "applied_at": applied_at})
    count = db.execute("select count(*) from _migrations").fetchone()[0]
    db.execute(f"PRAGMA user_version = {int(count)}")
    return [n for n, _ in todo]


def newer_than_app(db: Database) -> list[str]:
    """Migrations recorded in the file that this program does not know (a newer program wrote it)."""
    if "_migrations" not in db.table_names():
        return []
    known = {n for n, _ in all_migrations()}
    return [r["name"] for r in db["_migrations"].rows if r["name"] not in known]
