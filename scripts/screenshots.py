"""Take the README/docs screenshots offscreen: `.venv/bin/python scripts/screenshots.py [NAME ...]`.

Each scene prepares the main window (default font size, throw-away settings, a demo workspace: 某镇
compiled from all guides, a few items decided, 涉农补贴 updated by an imported table) and is saved twice:
docs/screenshots/NAME.png with the window a 1366×768 screen gives, docs/screenshots/1024x768/NAME.png
with the window of a 1024×768 screen (both less a 40 px task bar and the window frame). Add a scene
function for each new page; a scene may return the widget to grab (a dialog), else the window is grabbed.
"""
from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SCREENS = {"": (1366, 768), "1024x768": (1024, 768)}    # folder under docs/screenshots → screen size
TASK_BAR = 40


def guides(window) -> None:
    """标准指引: 涉农补贴 selected, its first item's details shown."""
    page = window.show_page("guides")
    page.select_domain(17)
    page.select_item("17-001")


def editor(window) -> None:
    """目录编制: 涉农补贴 open, a confirmed item in the form, its findings below."""
    page = window.show_page("compile")
    page.show_item("17-002")


def decisions(window):
    """目录编制 › 批量决定层级: the undecided items with why and the suggestion, 医疗卫生 shown."""
    page = window.show_page("compile")
    dialog = page.open_decisions()
    dialog.resize(1180, 660)
    dialog.domain.setCurrentIndex(max(0, dialog.domain.findData(19)))
    dialog.table.selectRow(4)
    dialog.reason.setCurrentText("")
    return dialog, dialog.close


def checks(window) -> None:
    """目录检查: the score per domain and the findings, errors first."""
    window.show_page("check")


def guide_changes(window) -> None:
    """标准指引 › 指引变化: what the imported 涉农补贴 table changes in the catalog."""
    page = window.show_page("guides")
    page.select_domain(17)
    page.tabs.setCurrentWidget(page.changes)


def wizard(window):
    """First run: the wizard's profile page, typed in, on an empty workspace."""
    from PySide6.QtWidgets import QApplication
    actions = window.workspace_actions
    demo = actions.session.path
    actions.switch_workspace(new=True, path=demo.with_name("empty.gkml.db"))
    for _ in range(3):
        QApplication.processEvents()
    w = actions.wizard
    p = w.profile
    for field, text in ((p.name, "城关镇"), (p.county, "某某县"), (p.code, "420102001000"),
                        (p.contact, "王明"), (p.supervise, "0710-1234567")):
        field.setText(text)
    w.resize(760, 580)

    def back() -> None:
        w.reject()
        actions.switch_workspace(new=False, path=demo)
    return w, back


SCENES: dict[str, Callable] = {"guides": guides, "editor": editor, "decisions": decisions, "checks": checks,
                               "guide_changes": guide_changes, "wizard": wizard}

from screenshot_pages import SCENES as PAGE_SCENES  # noqa: E402  (导出上报, 公示打印, 县级汇总, 公开台账, 设置)

SCENES.update(PAGE_SCENES)


def demo_workspace(folder: Path) -> Path:
    """某镇 with villages, compiled from all guides; some items decided; 涉农补贴 updated by an official
    table."""
    from dataclasses import replace

    from catalog.guides.importer import export_guide, import_guide_file
    from catalog.guides.shipped import load_guides
    from catalog.model import ItemText
    from catalog.township.commands import AddLocalItem, EditItem, mark_not_applicable
    from catalog.township.items import ADOPTED
    from catalog.township.profile import Township, Village
    from catalog.township.service import TownshipCatalog
    path = folder / "demo.gkml.db"
    cat = TownshipCatalog.open(path, load_guides())
    cat.save_township(Township("城关镇", "某某县", "420102001000", contact="王明",
                               supervise_phone="0710-1234567",
                               villages=(Village("张家村"), Village("李家村"), Village("王家湾社区"))))
    cat.compile()
    for uid in ("17-001", "17-002", "17-003", "17-004", "16-001", "16-002"):
        cat.do(EditItem(uid, {"status": ADOPTED, "township": True}))
    cat.do(EditItem("17-002", {"channels": ["政府网站", "便民服务站", "社区/企事业单位/村公示栏(电子屏)"]}))
    cat.do(mark_not_applicable("17-005", "本镇无动物防疫补助发放"))
    cat.do(AddLocalItem(17, ItemText("村级惠农资金公示", "发放名单", subject="城关镇人民政府")))
    cat.publish("首次发布")
    guide = cat.guides.by_no(17)
    items = list(guide.active_items)
    changed = replace(items[1], text=replace(items[1].text, time_limit="每季度结束后10个工作日内"))
    new = replace(items[0], id="17-900", seq=900, text=replace(items[0].text, level2="农业保险保费补贴"))
    table = export_guide(replace(guide, items=(items[0], changed, *items[2:], new)),
                         folder / "某某县涉农补贴目录.xlsx")
    import_guide_file(cat, table, domain="涉农补贴", source="某某县2026年版")
    cat.close()
    return path


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from gui.app import parse_args, start_gui
    names = argv or list(SCENES)
    unknown = [n for n in names if n not in SCENES]
    if unknown:
        print(f"unknown scene(s): {', '.join(unknown)}; known: {', '.join(SCENES)}", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_workspace(Path(tmp))
        started = start_gui(parse_args(["--settings", str(Path(tmp) / "settings.ini"), "--db", str(db)]))
        if started is None:
            return 2
        _app, window = started
        for folder, screen in SCREENS.items():
            window.setGeometry(window_on(screen))
            (OUT / folder).mkdir(parents=True, exist_ok=True)
            for name in names:
                shown = SCENES[name](window)
                widget, after = shown if isinstance(shown, tuple) else (shown or window, None)
                if widget is not window and widget.width() > window.width():     # a dialog fits the screen
                    widget.resize(window.width(), min(widget.height(), window.height()))
                window.statusBar().clearMessage()       # (a message left by the scene before)
                for _ in range(3):
                    QApplication.processEvents()
                path = OUT / folder / f"{name}.png"
                widget.grab().save(str(path))
                print("wrote", path.relative_to(ROOT))
                if after is not None:
                    after()
    return 0


def window_on(screen: tuple[int, int]):
    """The window's geometry on a screen of this size (as MainWindow.fit_to_screen makes it)."""
    from PySide6.QtCore import QRect

    from gui.main_window import fitted
    width, height = screen
    return fitted(QRect(0, 0, width, height), QRect(0, 0, width, height - TASK_BAR))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
