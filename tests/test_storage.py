"""Workspace file safety: migrations from stored old versions, corruption, backups, restore, kills."""
from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from catalog.errors import WorkspaceError
from catalog.storage import Workspace, WorkspaceCorrupt, list_backups, restore
from catalog.storage.migrations import all_migrations
from catalog.township.service import TownshipCatalog
from tests.helpers import new_catalog, shipped

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


def test_new_workspace_is_wal_with_foreign_keys(tmp_path):
    with Workspace.open(tmp_path / "w.db") as ws:
        assert ws.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert ws.schema_version == len(all_migrations())


def test_migrates_stored_v1_file_without_losing_data(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "workspace_v1.db", path)
    cat = TownshipCatalog.open(path, shipped())
    try:
        assert cat.ws.schema_version == len(all_migrations())
        assert cat.township().name == "旧镇"
        assert cat.township().village_names() == ["张家村"]
        item = cat.item("17-001")
        assert item.text.time_limit == "每季度" and item.text.marks.county is None
        cat.ws.set_setting("title_year", "2026")     # the v2 table works
        assert cat.ws.setting("title_year") == "2026"
    finally:
        cat.close()
    assert list_backups(path), "opening an older file must back it up first"


def test_file_from_newer_program_is_refused(tmp_path):
    path = tmp_path / "w.db"
    Workspace.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("insert into _migrations values ('core_9999_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceError, match="更新版本"):
        Workspace.open(path)


def test_garbage_file_is_refused_and_offers_backup(tmp_path):
    cat = new_catalog(tmp_path)
    path = cat.ws.path
    cat.ws.backup_to(path.with_name(path.name + ".backups") / "manual-1.db")
    cat.close()
    path.write_bytes(b"this is not a database at all" * 100)
    Path(str(path) + "-wal").unlink(missing_ok=True)
    with pytest.raises(WorkspaceCorrupt) as err:
        Workspace.open(path)
    assert "已损坏" in str(err.value) and "restore" in str(err.value)
    assert err.value.backups
    restore(path, err.value.backups[0])
    cat = TownshipCatalog.open(path, shipped())
    try:
        assert len(cat.items()) > 100
    finally:
        cat.close()
    assert list(path.parent.glob("ws.db.before-restore-*")), "the damaged file is kept, not deleted"


def test_truncated_file_is_detected(tmp_path):
    cat = new_catalog(tmp_path)
    path = cat.ws.path
    cat.ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cat.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(WorkspaceCorrupt):
        Workspace.open(path)


def test_automatic_backups_rotate(tmp_path, monkeypatch):
    from catalog.storage import workspace as wsmod
    monkeypatch.setattr(wsmod, "AUTO_BACKUP_INTERVAL_S", 0)
    path = tmp_path / "w.db"
    for i in range(wsmod.KEEP_BACKUPS + 4):
        with Workspace.open(path) as ws:
            ws.set_setting("n", str(i))
        time.sleep(0.01)
    autos = list((tmp_path / "w.db.backups").glob("auto-*.db"))
    assert len(autos) == wsmod.KEEP_BACKUPS


def test_missing_workspace_without_create(tmp_path):
    with pytest.raises(WorkspaceError, match="不存在"):
        Workspace.open(tmp_path / "none.db", create=False)


KILL_SCRIPT = r"""
import sys, time
sys.path.insert(0, {root!r})
from dataclasses import replace
from catalog.guides.shipped import GuideSet, load_guides
from catalog.township.service import TownshipCatalog
from catalog.township.profile import Township
base = load_guides()
# Make the compile long: every domain gets thousands of synthetic items.
guides = GuideSet([replace(g, items=tuple(
    replace(g.items[0], id=f"{{g.no:02d}}-{{i:03d}}", seq=i) for i in range(1, 1000))) for g in base])
cat = TownshipCatalog.open({db!r}, guides)
cat.save_township(Township("某镇", "某县", "420102001000"))
print("ready", flush=True)
while True:
    cat.compile()
    cat.ws.db.execute("delete from items")
"""


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.05, 0.2, 0.6])
def test_sigkill_during_compile_leaves_consistent_file(tmp_path, delay):
    db = tmp_path / "w.db"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT.format(root=str(ROOT), db=str(db))],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with Workspace.open(db) as ws:
        assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = ws.db.execute("select count(*) from items").fetchone()[0]
        # one compile is one transaction: all of it or none of it
        assert count in (0, 26 * 999), count
        assert ws.db.execute("select name from township").fetchone()[0] == "某镇"
