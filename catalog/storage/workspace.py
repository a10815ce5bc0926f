"""The workspace: one SQLite file (WAL, foreign keys), migrated on open, backed up on rotation.

All SQL of the app lives under catalog/storage and the feature `store` modules; widgets and CLI
handlers ask these objects, never the database.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from catalog.errors import KnownError, WorkspaceError
from catalog.storage import migrations
from catalog.storage.faults import WorkspaceBusy, WorkspaceReadOnly, explain

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


class WorkspaceMissing(WorkspaceCorrupt):
    """The workspace is missing or empty (0 bytes) but good backups lie beside it: never start afresh."""

    def __init__(self, path: Path, detail: str, backups: list[Path]):
        self.path, self.backups = path, backups
        WorkspaceError.__init__(
            self, f"工作区文件 {path} {detail}，但旁边有 {len(backups)} 个可用的备份，"
                  f"为避免丢失数据没有新建工作区。最新的备份是 {backups[0]}，"
                  f"可以恢复：python main.py --db \"{path}\" restore \"{backups[0]}\"")


class _WorkspaceDB(Database):
    """sqlite-utils Database whose outermost transaction is BEGIN IMMEDIATE: the write lock is taken up
    front, so a second program waits (busy timeout) instead of failing at once with "database is locked"."""

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")


class Workspace:
    """An open workspace file. Use `Workspace.open(path)`; close() when done (or use `with`)."""

    def __init__(self, path: Path, db: Database):
        self.path = path
        self.db = db

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, backup: bool = True, create: bool = True) -> Workspace:
        """Open (or, with create and nothing to lose, create) the workspace; KnownError for every fault."""
        path = Path(path)
        try:
            return cls._open(path, backup=backup, create=create)
        except (sqlite3.Error, OSError) as err:
            known = explain(err, where=str(path))
            if known is None:
                raise
            raise known from None

    @classmethod
    def _open(cls, path: Path, *, backup: bool, create: bool) -> Workspace:
        _check_before_open(path, backup=backup, create=create)
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=True, timeout=10)
            db = _WorkspaceDB(conn)
            db.execute("PRAGMA busy_timeout = 10000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.OperationalError as err:
            if explain(err) is not None:
                raise
            raise WorkspaceCorrupt(path, str(err), list_backups(path)) from None
        except sqlite3.DatabaseError as err:
            raise WorkspaceCorrupt(path, str(err), list_backups(path)) from None
        ws = cls(path, db)
        newer = migrations.newer_than_app(db)
        if newer:
            ws.close()
            raise WorkspaceError(f"工作区文件 {path} 由更新版本的程序创建（{', '.join(newer)}），"
                                 "请升级本程序后再打开。")
        try:
            if migrations.pending(db):      # no write lock taken when there is nothing to migrate
                with ws.atomic():
                    migrations.apply(db)
        except BaseException:
            ws.close()
            raise
        return ws

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
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
            self.db.table("workspace_settings").upsert({"key": key, "value": value}, pk="key")

    # -- backups -------------------------------------------------------------------------------
    def backup_to(self, target: Path | str) -> Path:
        """A consistent copy via SQLite's online backup (safe while the workspace is open), written to a
        temporary file and renamed when complete (a full disk leaves no partial backup)."""
        target = Path(target)
        if target.is_dir():
            raise WorkspaceError(f"「{target}」是一个文件夹，请给出备份文件名。")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.part")
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                self.db.conn.backup(dest)
            finally:
                dest.close()
            _fsync(tmp)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        return target


def insert_row(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert one row into a table keyed by an integer id; that id."""
    pk = db.table(table).insert(row).last_pk
    assert pk is not None           # sqlite gives every inserted row a rowid
    return pk


def _check_before_open(path: Path, *, backup: bool, create: bool) -> None:
    """Refuse what must not be opened (or created) and back up what will be: never a new workspace where
    one is expected, never a damaged, read-only or foreign file taken for a workspace."""
    if path.is_dir():
        raise WorkspaceError(f"「{path}」是一个文件夹，不是工作区文件。")
    existed = path.exists() and path.stat().st_size > 0
    if not existed:
        backups = list_backups(path)
        if backups:
            raise WorkspaceMissing(path, "是空的（0 字节）" if path.exists() else "不存在", backups)
        if not create:
            raise WorkspaceError(f"工作区文件不存在：{path}。请先用 init 命令创建。")
    path.parent.mkdir(parents=True, exist_ok=True)
    if existed:
        _check_intact_and_ours(path)
        _check_writable(path)
        if backup:
            rotate_backup(path)


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def _by_time(paths: Iterator[Path] | list[Path]) -> list[Path]:
    """Oldest first, by modification time (names can lie: a copied or renamed backup)."""
    return sorted(paths, key=lambda p: (p.stat().st_mtime, p.name))


def list_backups(path: Path) -> list[Path]:
    """Backups of this workspace, newest first, that are good: not empty, intact, and a workspace."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    return [p for p in reversed(_by_time(list(folder.glob("*.db")))) if _is_good_backup(p)]


def _is_good_backup(p: Path) -> bool:
    """Not 0 bytes, passes the integrity check, and is one of this program's workspaces."""
    try:
        if p.stat().st_size == 0:
            return False
        conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            names = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return False
    return ok and "_migrations" in names


def _has_data(p: Path) -> bool:
    """Whether a good backup holds anything a clerk entered (a row outside the bookkeeping tables)."""
    try:
        conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        try:
            names = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' and "
                                                "name not like 'sqlite_%' and name != '_migrations'")]
            return any(conn.execute(f'select exists(select 1 from "{n}")').fetchone()[0] for n in names)
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return False


def rotate_backup(path: Path, keep: int = KEEP_BACKUPS) -> Path | None:
    """Copy the workspace into its .backups folder unless the newest backup is already current.

    The copy is written under a temporary name and renamed when complete (a full disk leaves nothing);
    empty (0-byte) backups neither count as current nor survive; the newest backup holding data is
    never rotated away, however many newer ones follow."""
    folder = backup_dir(path)
    if folder.exists() and not folder.is_dir():
        raise KnownError(f"备份文件夹 {folder} 的位置上有一个同名文件，无法创建自动备份。"
                         "请改名或移走这个文件后重试。")
    folder.mkdir(exist_ok=True)
    existing = _by_time([p for p in folder.glob("auto-*.db") if p.stat().st_size > 0])
    mtime = max(p.stat().st_mtime for p in _db_files(path))
    if existing:
        newest = existing[-1].stat().st_mtime
        if newest >= mtime or time.time() - newest < AUTO_BACKUP_INTERVAL_S:
            return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"auto-{stamp}.db"
    _copy_db(f"file:{path}?mode=ro", target)
    _prune(folder, keep)
    return target


def _copy_db(source_uri: str, target: Path) -> None:
    """SQLite online backup of source into target via a temporary file, fsync'd, then renamed."""
    tmp = target.with_name(f".{target.name}.part")
    try:
        src = sqlite3.connect(source_uri, uri=True)
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _prune(folder: Path, keep: int) -> None:
    autos = _by_time(list(folder.glob("auto-*.db")))
    for empty in [p for p in autos if p.stat().st_size == 0]:
        empty.unlink(missing_ok=True)
    autos = [p for p in autos if p.exists()]
    old = autos[:-keep] if keep > 0 else autos
    if not old:
        return
    keep_one = next((p for p in reversed(autos) if _is_good_backup(p) and _has_data(p)), None)
    for p in old:
        if p != keep_one:
            p.unlink(missing_ok=True)


def restore(path: Path | str, backup_file: Path | str) -> Path:
    """Replace the workspace with a backup; the current file is kept beside it as *.before-restore-….

    Refused while another program holds the workspace. The current file is checkpointed (its -wal holds
    committed changes) and copied aside first; the backup is copied to a temporary file, fsync'd and
    renamed over the workspace in one step, so a crash leaves either the old or the new workspace."""
    path, backup_file = Path(path), Path(backup_file)
    try:
        return _restore(path, backup_file)
    except (sqlite3.Error, OSError) as err:
        known = explain(err, where=str(path))
        if known is None:
            raise
        raise known from None


def _restore(path: Path, backup_file: Path) -> Path:
    if not backup_file.is_file():
        raise WorkspaceError(f"备份文件不存在：{backup_file}")
    if path.exists() and os.path.samefile(path, backup_file):
        raise WorkspaceError(f"不能用工作区文件自己恢复自己：{backup_file}。"
                             "请选择 .backups 文件夹里的备份文件。")
    if not _is_good_backup(backup_file):
        _quick_check(backup_file)
        raise WorkspaceError(f"{backup_file} 不是本程序的工作区备份（空文件或其他程序的数据库），"
                             "没有恢复。")
    tmp = path.with_name(f".{path.name}.restore.part")
    tmp.unlink(missing_ok=True)
    if path.exists() and path.stat().st_size > 0:
        _set_aside(path)
    _copy_db(f"file:{backup_file}?mode=ro", tmp)
    try:
        _quick_check(tmp)
        for suffix in ("-wal", "-shm"):   # empty after the checkpoint; never replayed onto the backup
            Path(str(path) + suffix).unlink(missing_ok=True)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _set_aside(path: Path) -> Path:
    """Checkpoint the workspace (refusing if another program has it open) and copy it beside itself;
    a damaged file is kept byte for byte (with its -wal)."""
    keep = path.with_name(path.name + f".before-restore-{datetime.now():%Y%m%d-%H%M%S-%f}")
    part = keep.with_name(f".{keep.name}.part")
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=0.5)
        try:
            _checkpoint_alone(conn, path)
            dest = sqlite3.connect(str(part))
            try:
                conn.backup(dest)
            finally:
                dest.close()
        finally:
            conn.close()
    except WorkspaceBusy:
        part.unlink(missing_ok=True)
        raise
    except sqlite3.DatabaseError:
        if Path(str(path) + "-wal").exists():
            shutil.copyfile(str(path) + "-wal", str(keep) + "-wal")
        shutil.copyfile(path, part)
    _fsync(part)
    os.replace(part, keep)
    return keep


def _checkpoint_alone(conn: sqlite3.Connection, path: Path) -> None:
    """Take the workspace for this connection alone, then write its -wal into the main file."""
    busy_text = f"工作区 {path} 正被其他程序或窗口打开，恢复前请先关闭它（避免丢失未保存的修改）。"
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "busy" in str(err):
            raise WorkspaceBusy(busy_text) from None
        raise
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        if conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
            raise WorkspaceBusy(busy_text)


def _fsync(p: Path) -> None:
    fd = os.open(p, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        _fsync(folder)


def _check_writable(path: Path) -> None:
    """A read-only file or folder is not damage: say so before SQLite fails to create its -wal."""
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise WorkspaceReadOnly(f"工作区文件 {path} 或它所在的文件夹是只读的（文件未损坏）。"
                                "请取消“只读”属性，或把工作区复制到可写的文件夹（如“文档”）后再打开。")


def _db_files(path: Path) -> list[Path]:
    return [p for p in (path, Path(str(path) + "-wal")) if p.exists()]


def _check_intact_and_ours(path: Path) -> None:
    """Before opening: intact, and not another program's SQLite file (whose tables must not be touched)."""
    names = _quick_check(path)
    if names and "_migrations" not in names:
        raise WorkspaceError(f"{path} 不是本程序的工作区文件（是其他程序的 SQLite 数据库），"
                             "为避免改动它没有打开。")


def _quick_check(path: Path) -> set[str]:
    """WorkspaceCorrupt unless SQLite's quick_check passes; the file's table names (one read-only look)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            names = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise WorkspaceCorrupt(path, _explain(err), list_backups(path)) from None
    if result != "ok":
        raise WorkspaceCorrupt(path, f"完整性检查未通过：{result}", list_backups(path))
    return names


def _explain(err: sqlite3.DatabaseError) -> str:
    text = str(err)
    if "not a database" in text:
        return "不是有效的工作区文件"
    if "malformed" in text:
        return "文件结构已损坏"
    return text
