"""Issue 13 #4, #5, #6, #10: empty or missing workspaces, safe restore, environment faults, rotation."""
from __future__ import annotations

import errno
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

from catalog.errors import KnownError, WorkspaceError
from catalog.storage import workspace as wsmod
from catalog.storage.faults import DiskFull, WorkspaceBusy, WorkspaceReadOnly, explain
from catalog.storage.workspace import Workspace, WorkspaceCorrupt, WorkspaceMissing, list_backups, restore


def _workspace(path: Path, rows: int = 3) -> Path:
    with Workspace.open(path, backup=False) as ws:
        for i in range(rows):
            ws.set_setting(f"k{i}", f"v{i}")
    return path


def _settings(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("select key, value from workspace_settings").fetchall())
    finally:
        conn.close()


def _good_backup(path: Path, name: str = "auto-20260101-000000-000000.db") -> Path:
    target = wsmod.backup_dir(path) / name
    with Workspace.open(path, backup=False) as ws:
        ws.backup_to(target)
    return target


# -- #4 a zero-byte or missing workspace with good backups beside it ----------------------------------
@pytest.mark.parametrize("state", ["zero-byte", "missing"])
def test_empty_or_missing_workspace_with_backups_is_not_recreated(tmp_path, state):
    path = _workspace(tmp_path / "w.db")
    backup = _good_backup(path)
    path.unlink()
    if state == "zero-byte":
        path.write_bytes(b"")
    with pytest.raises(WorkspaceMissing) as err:
        Workspace.open(path)                              # create=True, as the GUI and `init` open
    assert err.value.backups == [backup] and "restore" in str(err.value)
    assert isinstance(err.value, WorkspaceCorrupt)        # the GUI offers 恢复最新备份
    assert (path.stat().st_size == 0) if state == "zero-byte" else not path.exists()
    code = run_cli("--db", str(path), "init", "--township", "某镇", "--county", "某县",
                   "--code", "420102001000")
    assert code.returncode == 2 and "备份" in code.stderr and "Traceback" not in code.stderr
    restore(path, backup)
    assert _settings(path)["k2"] == "v2"


def test_zero_byte_backups_do_not_count(tmp_path):
    path = tmp_path / "w.db"
    folder = wsmod.backup_dir(path)
    folder.mkdir()
    (folder / "auto-1.db").write_bytes(b"")
    assert list_backups(path) == []
    with Workspace.open(path) as ws:                      # nothing to lose: a new workspace is fine
        assert ws.schema_version > 0


def test_other_programs_sqlite_file_is_refused_untouched(tmp_path):
    other = tmp_path / "wechat.db"
    conn = sqlite3.connect(other)
    conn.execute("create table contacts(name text)")
    conn.execute("insert into contacts values ('张三')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(WorkspaceError, match="不是本程序的工作区"):
        Workspace.open(other)
    assert other.read_bytes() == before and not wsmod.backup_dir(other).exists()


def test_rotation_never_removes_the_last_backup_holding_data(tmp_path, monkeypatch):
    monkeypatch.setattr(wsmod, "AUTO_BACKUP_INTERVAL_S", 0)
    path = _workspace(tmp_path / "w.db")
    good = _good_backup(path, "auto-00000000-old.db")
    os.utime(good, (1, 1))                                # the oldest of all
    path.unlink()
    fresh = tmp_path / "fresh.db"
    with Workspace.open(fresh, backup=False):
        pass                                              # an empty workspace (schema, no data)
    for i in range(wsmod.KEEP_BACKUPS + 3):
        path.write_bytes(fresh.read_bytes())
        os.utime(path, (time.time() + i + 10, time.time() + i + 10))
        wsmod.rotate_backup(path)
    autos = list(wsmod.backup_dir(path).glob("auto-*.db"))
    assert good in autos and len(autos) == wsmod.KEEP_BACKUPS + 1


# -- #10 rotation by time; an empty backup does not suppress the next one ------------------------------
def test_rotation_orders_by_time_not_name(tmp_path, monkeypatch):
    monkeypatch.setattr(wsmod, "AUTO_BACKUP_INTERVAL_S", 0)
    path = _workspace(tmp_path / "w.db")
    folder = wsmod.backup_dir(path)
    folder.mkdir()
    names = [f"auto-9{i:02d}.db" for i in range(wsmod.KEEP_BACKUPS)]   # sort after any new stamp
    for i, name in enumerate(names):
        _good_backup(path, name)
        os.utime(folder / name, (1000 + i, 1000 + i))
    new = wsmod.rotate_backup(path)
    autos = {p.name for p in folder.glob("auto-*.db")}
    assert new is not None and new.name in autos
    assert names[0] not in autos and names[-1] in autos


def test_zero_byte_backup_does_not_suppress_a_new_one(tmp_path):
    path = _workspace(tmp_path / "w.db")
    folder = wsmod.backup_dir(path)
    folder.mkdir()
    (folder / "auto-99999999.db").write_bytes(b"")        # newest by name and time, but empty
    new = wsmod.rotate_backup(path)
    assert new is not None and new.stat().st_size > 0
    assert not (folder / "auto-99999999.db").exists()


# -- #5 restore ------------------------------------------------------------------------------------------
WAL_WRITER = r"""
import os, sys
sys.path.insert(0, {root!r})
from catalog.storage.workspace import Workspace
ws = Workspace.open({db!r}, backup=False)
ws.db.execute("PRAGMA wal_autocheckpoint = 0")
with ws.atomic():
    for i in range(200):
        ws.db["workspace_settings"].insert({{"key": f"row{{i}}", "value": "x"}})
os._exit(0)          # killed: the 200 committed rows live only in the -wal
"""


def test_restore_keeps_committed_changes_that_live_in_the_wal(tmp_path):
    path = _workspace(tmp_path / "w.db")
    backup = _good_backup(path)
    subprocess.run([sys.executable, "-c", WAL_WRITER.format(root=str(ROOT), db=str(path))], check=True)
    assert Path(str(path) + "-wal").stat().st_size > 0
    restore(path, backup)
    kept = next(tmp_path.glob("w.db.before-restore-*"))
    assert sum(k.startswith("row") for k in _settings(kept)) == 200
    assert "row0" not in _settings(path)


def test_restore_onto_itself_is_refused_and_keeps_the_workspace(tmp_path):
    path = _workspace(tmp_path / "w.db")
    with pytest.raises(WorkspaceError, match="自己恢复自己"):
        restore(path, path)
    assert _settings(path)["k0"] == "v0" and not list(tmp_path.glob("w.db.before-restore-*"))
    code = run_cli("--db", str(path), "restore", str(path))
    assert code.returncode == 2 and "Traceback" not in code.stderr


def test_restore_is_refused_while_another_program_holds_the_workspace(tmp_path):
    path = _workspace(tmp_path / "w.db")
    backup = _good_backup(path)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(path)!r}); c.execute('select * from workspace_settings').fetchall()\n"
        "print('ready', flush=True); time.sleep(30)")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(WorkspaceBusy, match="正被其他程序"):
            restore(path, backup)
    finally:
        holder.kill()
        holder.wait()
    assert _settings(path)["k0"] == "v0"


def test_restore_of_a_damaged_workspace_keeps_its_bytes(tmp_path):
    path = _workspace(tmp_path / "w.db")
    backup = _good_backup(path)
    path.write_bytes(b"garbage" * 1000)
    restore(path, backup)
    assert next(tmp_path.glob("w.db.before-restore-*")).read_bytes() == b"garbage" * 1000
    assert _settings(path)["k1"] == "v1"


RESTORE_KILLER = r"""
import os, signal, sys
sys.path.insert(0, {root!r})
from catalog.storage import workspace
target, n = workspace.__file__, {n}
def tracer(frame, event, arg):
    global n
    if frame.f_code.co_filename == target and event == "line":
        n -= 1
        if n <= 0:
            os.kill(os.getpid(), signal.SIGKILL)
    return tracer
sys.settrace(tracer)
workspace.restore({db!r}, {backup!r})
print("done", flush=True)
"""


@pytest.mark.slow
def test_restore_killed_at_random_points_leaves_old_or_new_workspace(tmp_path):
    """Fault injection: SIGKILL after a random number of executed lines of the restore code."""
    rng = random.Random(13)
    old, new = {"k0": "old"}, {"k0": "new"}
    points = [*sorted(rng.sample(range(1, 130), 30)), 10_000]   # restore runs ~120 lines
    outcomes = set()
    for n in points:
        case = tmp_path / f"c{n}"
        case.mkdir()
        path, backup = case / "w.db", case / "b.db"
        for p, values in ((path, old), (backup, new)):
            with Workspace.open(p, backup=False) as ws:
                ws.set_setting("k0", values["k0"])
                pads = ({"key": f"pad{i}", "value": "x" * 500} for i in range(300))
                ws.db["workspace_settings"].insert_all(pads)
        proc = subprocess.run([sys.executable, "-c", RESTORE_KILLER.format(root=str(ROOT), n=n, db=str(path),
                                                                           backup=str(backup))],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode in (0, -9), proc.stderr
        with Workspace.open(path, backup=False) as ws:
            assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            value = ws.setting("k0")
        assert value in ("old", "new"), n
        outcomes.add((proc.returncode, value))
        assert path.stat().st_size > 0
        assert not [p for p in case.glob("w.db.before-restore-*") if p.stat().st_size == 0]
    assert (0, "new") in outcomes and (-9, "old") in outcomes


# -- #6 environment faults ------------------------------------------------------------------------------
def test_second_writer_waits_for_the_lock_instead_of_failing(tmp_path):
    path = _workspace(tmp_path / "w.db")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, time\n"
        f"c = sqlite3.connect({str(path)!r}, isolation_level=None); c.execute('begin immediate')\n"
        "c.execute(\"insert into workspace_settings values ('held', '1')\")\n"
        "print('ready', flush=True); time.sleep(1.5); c.execute('commit')")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with Workspace.open(path, backup=False) as ws:
            ws.db.execute("select count(*) from workspace_settings").fetchone()
            ws.set_setting("mine", "1")                  # BEGIN IMMEDIATE waits out the holder
    finally:
        holder.wait(timeout=30)
    assert _settings(path)["mine"] == "1" and _settings(path)["held"] == "1"


def test_reading_does_not_wait_for_another_writer(tmp_path):
    path = _workspace(tmp_path / "w.db")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, time\n"
        f"c = sqlite3.connect({str(path)!r}, isolation_level=None); c.execute('begin immediate')\n"
        "print('ready', flush=True); time.sleep(3); c.execute('commit')")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        start = time.monotonic()
        with Workspace.open(path, backup=False) as ws:     # nothing to migrate: no write lock wanted
            assert ws.setting("k0") == "v0"
        assert time.monotonic() - start < 2
    finally:
        holder.wait(timeout=30)


@pytest.mark.parametrize("error,kind", [
    (sqlite3.OperationalError("database is locked"), WorkspaceBusy),
    (sqlite3.OperationalError("attempt to write a readonly database"), WorkspaceReadOnly),
    (sqlite3.OperationalError("database or disk is full"), DiskFull),
    (OSError(errno.ENOSPC, "No space left on device"), DiskFull),
    (FileExistsError(errno.EEXIST, "File exists", "w.db.backups"), KnownError),
    (IsADirectoryError(errno.EISDIR, "Is a directory", "out"), KnownError),
])
def test_environment_faults_become_chinese_messages_and_exit_2(monkeypatch, tmp_path, error, kind):
    assert isinstance(explain(error), kind)
    import cli.catalog_cmd as cmd

    def boom(args):
        raise error
    monkeypatch.setattr(cmd, "run_show", boom, raising=False)
    from cli import build_parser
    parser = build_parser()
    monkeypatch.setattr("cli.build_parser", lambda: _with_handler(parser, boom))
    code = run_cli("--db", str(tmp_path / "w.db"), "show")
    assert code.returncode == 2 and code.stderr.startswith("错误：") and "Traceback" not in code.stderr


def _with_handler(parser, handler):
    real = parser.parse_args

    def parse(argv):
        args = real(argv)
        args.handler = handler
        return args
    parser.parse_args = parse
    return parser


def test_read_only_workspace_is_not_called_damaged(tmp_path, monkeypatch):
    path = _workspace(tmp_path / "w.db")
    real = os.access
    monkeypatch.setattr(wsmod.os, "access", lambda p, mode: False if Path(p) == path else real(p, mode))
    with pytest.raises(WorkspaceReadOnly) as err:
        Workspace.open(path)
    assert "已损坏" not in str(err.value) and "只读" in str(err.value)


def test_disk_full_during_backup_leaves_no_empty_backup(tmp_path, monkeypatch):
    monkeypatch.setattr(wsmod, "AUTO_BACKUP_INTERVAL_S", 0)
    path = _workspace(tmp_path / "w.db")

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(wsmod.os, "replace", full)
    with pytest.raises(DiskFull):
        Workspace.open(path)
    left = list(wsmod.backup_dir(path).iterdir())
    assert left == []


def test_backup_folder_that_is_a_file(tmp_path):
    path = _workspace(tmp_path / "w.db")
    wsmod.backup_dir(path).write_text("not a folder")
    with pytest.raises(KnownError, match="同名文件"):
        Workspace.open(path)
    code = run_cli("--db", str(path), "show")
    assert code.returncode == 2 and "同名文件" in code.stderr


@pytest.mark.gui
def test_gui_offers_the_backup_for_a_zero_byte_workspace_instead_of_the_wizard(qtbot, guides, gui_settings,
                                                                               tmp_path):
    from helpers import new_catalog
    from test_gui_workspace import answer_box

    from catalog.storage import rotate_backup
    from gui.session import Session
    from gui.workspace_open import open_with_recovery
    cat = new_catalog(tmp_path, domains=["涉农补贴"])
    path = cat.ws.path
    cat.close()
    rotate_backup(path)
    path.write_bytes(b"")
    session = Session(guides, path)
    seen: list = []
    answer_box(qtbot, "restore", seen)
    assert open_with_recovery(session, path, settings=gui_settings)
    assert "空的或不存在" in seen[0][1]
    assert session.require().township().name == "某镇"         # the data is back, no new-township wizard
    session.close()


@pytest.mark.gui
@pytest.mark.parametrize("error,words", [(sqlite3.OperationalError("database is locked"), "正被其他程序"),
                                         (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间已满")])
def test_gui_task_shows_environment_faults_as_messages_not_program_errors(sync_runner, qtbot, error, words):
    def fails(*, progress=None):
        raise error
    handle = sync_runner.run(fails, title="保存", parent=None)
    [(kind, _title, message)] = sync_runner.reporter.shown
    assert kind == "known" and words in message and isinstance(handle.error, KnownError)
