"""Screenshot scenes of 导出上报, 公示打印 (table, mapping step, preview), 县级汇总, 公开台账 and 设置.

Used by scripts/screenshots.py (SCENES). Every person in the generated roster is made up; IDs are
checksum-valid but belong to nobody.
"""
from __future__ import annotations

import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

_TMP = tempfile.TemporaryDirectory(prefix="gkml-shots-")
TMP = Path(_TMP.name)
SURNAMES = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉海"
HEADERS = ["序号", "户主姓名", "身份证号码", "村(社区)", "村民小组", "补贴项目", "面积（亩）", "补贴标准",
           "补贴金额（元）", "一卡通账号", "发放日期"]


def settle(window, seconds: float = 30.0) -> None:
    """Let background tasks finish and the window repaint."""
    runner = window._ctx.runner
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        if not runner.active:
            break
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()


def make_roster(path: Path, *, rows: int = 36, amount_header: str = "补贴金额（元）",
                bad_row: int | None = 4) -> Path:
    """A county-style roster of made-up people in the demo's three villages."""
    from openpyxl import Workbook

    from catalog.privacy.pii import id_check_char
    rnd = random.Random(3)
    villages = ["张家村", "李家村", "王家湾社区"]
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    ws.append(["城关镇2026年度耕地地力保护补贴发放花名册"])
    ws.append([amount_header if h == "补贴金额（元）" else h for h in HEADERS])
    for i in range(rows):
        body = f"420102{rnd.randint(1950, 1995)}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}{i:03d}"
        check = id_check_char(body)
        if i == bad_row:
            check = "0" if check != "0" else "1"       # one wrong check digit: its village is blocked
        qty = rnd.randint(20, 160) / 10
        ws.append([i + 1, rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2))),
                   body + check, villages[i * 3 // rows], f"{i % 5 + 1}组", "耕地地力保护补贴", qty, 105.5,
                   round(qty * 105.5, 2), "6228480402" + f"{rnd.randrange(10 ** 9):09d}", "2026-11-10"])
    wb.save(path)
    return path


def export(window) -> None:
    """导出上报: the published version exported as the county file, the result with its buttons."""
    from gui import settings as S
    window._ctx.settings.set(S.EXPORT_FOLDER, str(TMP))
    page = window.show_page("export")
    page.refresh()
    page.version.setCurrentIndex(1)
    page.set_kind("package")
    page.export()
    settle(window)
    page.set_kind("xlsx")


def noticeboard(window) -> None:
    """公示打印: a roster checked, one wrong ID blocks 张家村 (greyed), the row selected with its error."""
    page = window.show_page("noticeboard")
    settle(window)
    page.import_file(make_roster(TMP / "耕地地力保护补贴花名册.xlsx"))
    settle(window)
    row = next(r for r in range(page.model.rowCount()) if page.model.issues_of(page.model.row_at(r).no))
    page.table.scrollTo(page.model.index(row, 0))


def notice_mapping(window):
    """公示打印 › 指定列对应关系: a roster whose amount column is called 实发数."""
    page = window.show_page("noticeboard")
    page.import_file(make_roster(TMP / "实发名册.xlsx", amount_header="实发数", bad_row=None))
    settle(window)
    dialog = page.mapping_dialog
    dialog.resize(560, 520)

    def close() -> None:
        dialog.reject()
    return dialog, close


def notice_preview(window) -> None:
    """公示打印 › 打印预览: the sheets of the villages that can be printed, rendered in the app."""
    page = window.show_page("noticeboard")
    if page.roster is None:
        noticeboard(window)
    page.show_preview()
    settle(window)
    page.preview._request_visible()
    settle(window)


def county(window) -> None:
    """县级汇总: twelve townships' files imported, the coverage matrix, one township drilled into."""
    import sys

    from gui import settings as S
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "bench"))
    from bench_county import generate_townships

    from catalog.exchange.export import export_catalog
    from catalog.township.service import TownshipCatalog
    session = window._ctx.session
    cat = TownshipCatalog.open(session.path, session.shipped, create=False)
    template = export_catalog(cat, TMP / "template.gkml", kind="package")
    cat.close()
    folder = TMP / "各乡镇报送"
    folder.mkdir(exist_ok=True)
    generate_townships(template, folder, 12)
    window._ctx.settings.set(S.COUNTY_WORKSPACE, str(TMP / "county.gkml.db"))
    page = window.show_page("county")
    settle(window)
    page.import_paths([folder])
    settle(window)
    page.matrix.selectRow(2)
    settle(window)


def ledger(window) -> None:
    """公开台账: statuses of the tracked items, the dashboard counts."""
    from catalog.ledger import Ledger, LedgerEntry
    from catalog.township.commands import EditItem
    cat = window._ctx.session.require()
    today = date.today()
    limit = "信息形成或者变更之日起20个工作日内"
    for uid in ("17-001", "17-003", "17-004", "16-001"):
        cat.do(EditItem(uid, {"time_limit": limit}))
    ledger = Ledger(cat.ws)
    entries = [
        LedgerEntry("17-001", "2026年耕地地力保护补贴发放名单", formed=today - timedelta(days=50)),
        LedgerEntry("17-003", "2026年第三季度农机购置补贴公示", formed=today - timedelta(days=12)),
        LedgerEntry("17-004", "稻谷补贴标准", formed=today - timedelta(days=40),
                    published=today - timedelta(days=2), channels=("政府网站",), review_by="李审",
                    review_on=today - timedelta(days=3), review_result="同意公开"),
        LedgerEntry("16-001", "户口迁移办理指南", formed=today - timedelta(days=20),
                    published=today - timedelta(days=15), channels=("便民服务站",),
                    where="镇便民服务中心公开栏", review_by="李审", review_on=today - timedelta(days=16),
                    review_result="同意公开"),
    ]
    for e in entries:
        ledger.add_entry(e)
    window._ctx.session.reload()
    window.show_page("ledger")
    settle(window)


def tasks(window) -> None:
    """工作台账: a county task list imported, some tasks done or in progress, evidence, coverage warnings."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from task_helpers import SECTIONS, build_task_list

    from catalog.ledger.model import LedgerEntry
    from catalog.ledger.store import LedgerStore
    from catalog.tasks import TaskLedger
    cat = window._ctx.session.require()
    today = date.today()
    tl = TaskLedger(cat.ws, history=cat.history)
    # replace: the scene runs once per screen size on the same demo workspace
    tl.import_file(build_task_list(TMP / f"{today.year}年某某县政务公开工作要点分工.xlsx", sections=SECTIONS,
                                   title=f"{today.year}年某某县政务公开工作要点任务分工清单"), replace=True)
    ids = [t.id for t in tl.tasks()]
    tl.set_status(ids[0], "已完成", note="已按26个领域编制", on=today - timedelta(days=30))
    tl.set_status(ids[2], "推进中", note="第三季度已核对")
    tl.set_status(ids[6], "不涉及", note="由县政务公开办负责")
    tl.add_evidence(ids[3], "item", ref="17-002")
    tl.add_evidence(ids[3], "note", note="各村公开栏已张贴，照片存档")
    LedgerStore(cat.ws).add(LedgerEntry("17-004", "稻谷补贴标准", published=today - timedelta(days=3),
                                        channels=("政府网站",)))
    window._ctx.session.reload()
    page = window.show_page("tasks")
    settle(window)
    page.select_task(ids[3])
    settle(window)


def settings(window) -> None:
    """设置: the holiday table (next year not known yet: the warning), print defaults, font size."""
    window.show_page("settings")
    settle(window)


SCENES = {"export": export, "noticeboard": noticeboard, "notice_mapping": notice_mapping,
          "notice_preview": notice_preview, "county": county, "ledger": ledger, "tasks": tasks,
          "settings": settings}
