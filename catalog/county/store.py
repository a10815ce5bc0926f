"""SQL of the county workspace: imported township catalogs with their history, and per-domain figures.

Tables (created by MIGRATIONS, listed in storage.migrations): county_townships (one row per township,
pointing at its current import) and county_imports (every file ever imported, snapshot compressed,
status current / superseded / older). Nothing is deleted: a newer file supersedes, history stays.
"""
from __future__ import annotations

import json
import zlib
from datetime import datetime

from catalog.storage.workspace import Workspace, insert_row

CURRENT, SUPERSEDED, OLDER = "current", "superseded", "older"
STATUS_TEXT = {CURRENT: "当前", SUPERSEDED: "已被新版本替换", OLDER: "旧版本（仅存档）"}
ROLE_KEY, ROLE_COUNTY = "workspace_role", "county"


# The tables are created by catalog/storage/schema_county.py (light to import at start-up).
from catalog.storage.schema_county import MIGRATIONS  # noqa: E402,F401


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def pack(snapshot: dict) -> bytes:
    # level 1: a township snapshot shrinks ~8x already, at a fraction of the default level's time
    return zlib.compress(json.dumps(snapshot, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def unpack(blob: bytes) -> dict:
    """The snapshot of a stored catalog (stored as catalog.json of a package, or as a bare snapshot)."""
    data = json.loads(zlib.decompress(blob).decode("utf-8"))
    return data["snapshot"] if "snapshot" in data and "format" in data else data


class CountyStore:
    """Reads and writes the county tables; callers wrap writes in ws.atomic()."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.db = ws.db

    # -- townships -----------------------------------------------------------------------------
    def townships(self) -> list[dict]:
        """Townships with their current import's metadata and stats, ordered by 区划代码 then name."""
        rows = self.db.query(
            "select t.key, t.code, t.name, t.county, i.id as import_id, i.file_name, i.kind, "
            "i.catalog_version, i.title_year, i.exported_at, i.file_time, i.imported_at, i.problems, i.stats "
            "from county_townships t left join county_imports i on i.id = t.current_import order by "
            "coalesce(nullif(t.code, ''), 'zzzz'), t.name")
        out = []
        for r in rows:
            r = dict(r)
            r["problems"] = json.loads(r["problems"] or "[]")
            r["stats"] = json.loads(r["stats"] or "{}")
            out.append(r)
        return out

    def township(self, key: str) -> dict | None:
        row = self.db.execute("select key, code, name, county, current_import from county_townships"
                              " where key = ?", [key]).fetchone()
        keys = ("key", "code", "name", "county", "current_import")
        return None if row is None else dict(zip(keys, row, strict=True))

    def key_by_name(self, name: str) -> str | None:
        row = self.db.execute("select key from county_townships where name = ? order by code desc limit 1",
                              [name]).fetchone()
        return row[0] if row else None

    def rekey(self, old: str, new: str, code: str) -> None:
        """A township first known by name only gets its 区划代码 (from a later package)."""
        self.db.execute("update county_townships set key = ?, code = ? where key = ?", [new, code, old])
        self.db.execute("update county_imports set township_key = ?, code = ? where township_key = ?",
                        [new, code, old])

    def upsert_township(self, key: str, *, code: str, name: str, county: str, current_import: int) -> None:
        self.db.table("county_townships").upsert({"key": key, "code": code, "name": name, "county": county,
                                                 "current_import": current_import, "updated_at": _now()},
                                                pk="key")

    # -- imports -------------------------------------------------------------------------------
    def current_import(self, key: str) -> dict | None:
        rows = list(self.db.query("select id, kind, catalog_version, exported_at, file_time, file_sha256,"
                                  " content_sha256 from county_imports"
                                  " where township_key = ? and status = ?", [key, CURRENT]))
        return rows[0] if rows else None

    def has_file(self, key: str, sha256: str) -> dict | None:
        rows = list(self.db.query("select id, file_name, status from county_imports where township_key = ? "
                                  "and file_sha256 = ?", [key, sha256]))
        return rows[0] if rows else None

    def add_import(self, row: dict) -> int:
        row = {**row, "imported_at": _now()}
        return insert_row(self.db, "county_imports", row)

    def set_status(self, import_id: int, status: str) -> None:
        self.db.execute("update county_imports set status = ? where id = ?", [status, import_id])

    def history(self, key: str | None = None) -> list[dict]:
        """Every import (newest first), without snapshots."""
        where, params = ("where township_key = ?", [key]) if key else ("", [])
        return [dict(r) for r in self.db.query(
            "select id, township_key, code, name, file_name, kind, catalog_version, exported_at, file_time,"
            f" imported_at, status from county_imports {where} order by imported_at desc, id desc", params)]

    def snapshot(self, import_id: int) -> dict | None:
        row = self.db.execute("select snapshot from county_imports where id = ?", [import_id]).fetchone()
        return unpack(row[0]) if row and row[0] is not None else None

    # -- role ----------------------------------------------------------------------------------
    def role(self) -> str | None:
        return self.ws.setting(ROLE_KEY)

    def claim(self) -> None:
        """Mark this workspace as a county workspace (a township workspace is refused)."""
        if self.role() != ROLE_COUNTY:
            self.db.table("workspace_settings").upsert({"key": ROLE_KEY, "value": ROLE_COUNTY}, pk="key")
