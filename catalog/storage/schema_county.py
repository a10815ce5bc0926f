"""县级汇总 tables: imported township files, their history and digests.

Kept apart from the feature package so that opening a workspace (which runs migrations)
does not import the feature's heavy modules. Append-only: never edit a released migration.
"""
from __future__ import annotations

from sqlite_utils import Database


def _v1(db: Database) -> None:
    db.table("county_townships").create({
        "key": str, "code": str, "name": str, "county": str, "current_import": int, "updated_at": str,
    }, pk="key", not_null={"key", "name"})
    db.table("county_imports").create({
        "id": int, "township_key": str, "code": str, "name": str, "file_name": str, "file_path": str,
        "file_sha256": str, "kind": str, "catalog_version": int, "title_year": int, "exported_at": str,
        "file_time": str, "imported_at": str, "status": str, "snapshot": bytes, "problems": str, "stats": str,
    }, pk="id", not_null={"township_key", "file_name", "kind", "status"})
    db.table("county_imports").create_index(["township_key", "status"])
    db.table("county_imports").create_index(["file_sha256"])


def _v2_digest(db: Database) -> None:
    # content digest: the Excel and the .gkml of one export are the same catalog
    db.table("county_imports").add_column("content_sha256", str)


MIGRATIONS = [("county_0001_imports", _v1), ("county_0002_digest", _v2_digest)]
