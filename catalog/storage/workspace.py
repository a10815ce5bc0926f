"""The workspace: one SQLite file (WAL, foreign keys), migrated on open, backed up on rotation.

All SQL of the app lives under catalog/storage and the feature `store` modules; widgets and CLI
handlers ask these objects, never the database.
"""
from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from catalog.errors import WorkspaceError
from catalog.storage import migrations

KEEP_BACKUPS = 10
# At most one automatic backup per interval, so a script running many commands does not push
# the useful older copies out of the rotation.
AUTO_BACKUP_INTERVAL_S = 600


class WorkspaceCorrupt(WorkspaceError):
    """The file is damaged; `backups` lists good copies, newest first."""

    def __init__(self, path: Path, detail: str, backups: list[Path]):
        self.path, self.backups = path, backups
        hint = (f"最新的备份是 {backups[0]}，可以恢复：python main.py --db \"{path}\" restore "
                f"\"{backups[0]}\""
                if backups else "没有找到可用的备份。")
        super().__init__(f"工作区文件 {path} 已损坏（{detail}），为避免丢失数据已停止打开。{hint}")


class Workspace:
    """An open workspace file. Use `Workspace.open(path)`; close() when done (or use `with`)."""

    def __init__(self, path: Path, db: Database):
        self.path = path
        self.db = db

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, backup: bool = True, create: bool = True) -> Workspace:
        path = Path(path)
        existed = path.exists() and path.stat().st_size > 0
        if not existed and not create:
            raise WorkspaceError(f"工作区文件不存在：{path}。请先用 init 命令创建。")
        path.parent.mkdir(parents=True, exist_ok=True)
        if existed:
            _check_integrity(path)
            if backup:
                rotate_backup(path)
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=True)
            db = Database(conn)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA busy_timeout = 5000")
        except sqlite3.DatabaseError as err:
            raise WorkspaceCorrupt(path, str(err), list_backups(path)) from None
        ws = cls(path, db)
        newer = migrations.newer_than_app(db)
        if newer:
            ws.close()
            raise WorkspaceError(f"工作区文件 {path} 由更新版本的程序创建（{', '.join(newer)}），"
                                 "请升级本程序后再打开。")
        with ws.atomic():
            migrations.apply(db)
        return ws

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """One user action = one transaction (nests as savepoints)."""
        with self.db.atomic():
            yield self.db

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("select value from workspace_settings where key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.atomic():
            self.db["workspace_settings"].upsert({"key": key, "value": value}, pk="key")

    # -- backups -------------------------------------------------------------------------------
    def backup_to(self, target: Path | str) -> Path:
        """A consistent copy via SQLite's online backup (safe while the workspace is open)."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(str(target))
        try:
            self.db.conn.backup(dest)
        finally:
            dest.close()
        return target


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def list_backups(path: Path) -> list[Path]:
    """Backups of this workspace, newest first, that pass an integrity check."""
    folder = backup_dir(path)
    if not folder.exists():
        return []
    good = []
    for p in sorted(folder.glob("*.db"), key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            _check_integrity(p)
            good.append(p)
        except WorkspaceCorrupt:
            continue
    return good


def rotate_backup(path: Path, keep: int = KEEP_BACKUPS) -> Path | None:
    """Copy the workspace into its .backups folder unless the newest backup is already current."""
    folder = backup_dir(path)
    folder.mkdir(exist_ok=True)
    existing = sorted(folder.glob("auto-*.db"))
    mtime = max(p.stat().st_mtime for p in _db_files(path))
    if existing:
        newest = existing[-1].stat().st_mtime
        if newest >= mtime or time.time() - newest < AUTO_BACKUP_INTERVAL_S:
            return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"auto-{stamp}.db"
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(str(target))
        src.backup(dest)
        dest.close()
    finally:
        src.close()
    for old in sorted(folder.glob("auto-*.db"))[:-keep]:
        old.unlink(missing_ok=True)
    return target


def restore(path: Path | str, backup_file: Path | str) -> Path:
    """Replace the workspace with a backup; the current file is kept beside it as *.before-restore."""
    path, backup_file = Path(path), Path(backup_file)
    if not backup_file.exists():
        raise WorkspaceError(f"备份文件不存在：{backup_file}")
    _check_integrity(backup_file)
    if path.exists():
        keep = path.with_name(path.name + f".before-restore-{datetime.now():%Y%m%d-%H%M%S}")
        shutil.move(str(path), keep)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup_file, path)
    return path


def _db_files(path: Path) -> list[Path]:
    return [p for p in (path, Path(str(path) + "-wal")) if p.exists()]


def _check_integrity(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise WorkspaceCorrupt(path, _explain(err), list_backups(path)) from None
    if result != "ok":
        raise WorkspaceCorrupt(path, f"完整性检查未通过：{result}", list_backups(path))


def _explain(err: sqlite3.DatabaseError) -> str:
    text = str(err)
    if "not a database" in text:
        return "不是有效的工作区文件"
    if "malformed" in text:
        return "文件结构已损坏"
    return text
