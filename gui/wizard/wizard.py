"""The first-run wizard (QWizard): township profile, villages, domains, then compile from the guides."""
from __future__ import annotations

from functools import partial
from html import escape
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from catalog.errors import KnownError
from catalog.township.compile import CompilePlan, plan_compile
from catalog.township.profile import read_villages_file
from gui.context import AppContext
from gui.filedialogs import ask_open_file, documents_folder
from gui.ops import import_guide_pack, run_op, setup_township
from gui.wizard.pages import DomainsPage, ProfilePage, SummaryPage, VillagesPage

VILLAGE_FILTER = "村名单 (*.xlsx *.xlsm *.xls *.txt *.csv);;所有文件 (*)"
PACKAGE_FILTER = "县里下发的指引包 (*.gkmlg);;所有文件 (*)"


class SetupWizard(QWizard):
    """Creates (or updates) the township profile and domain choices, then compiles.

    `compiled(plan)` is emitted after a successful finish; the caller shows the editor."""
    compiled = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        assert ctx.session is not None
        self._ctx = ctx
        self._session = ctx.session
        catalog = self._session.require()
        existing = catalog.township()
        self.setObjectName("setupWizard")
        self.setWindowTitle("新建乡镇目录" if existing is None else "乡镇信息与领域")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)    # the same look on every Windows version
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "编制目录")
        self.setMinimumSize(720, 560)
        self.profile = ProfilePage(existing)
        self.villages_page = VillagesPage(self.profile, existing.villages if existing else ())
        self.domains = DomainsPage(self._session.guides, catalog.domain_choices())
        self.summary = SummaryPage(self._summary_html)
        for page in (self.profile, self.villages_page, self.domains, self.summary):
            self.addPage(page)
        self.villages_page.import_requested.connect(self._choose_villages_file)
        self.profile.package_requested.connect(self._choose_package)
        self.plan: CompilePlan | None = None

    # --- villages from a file (read on the worker: xlsx parsing is file work) ---------------------
    def _choose_villages_file(self) -> None:
        chosen = ask_open_file(self, "导入村（社区）名单", documents_folder(), VILLAGE_FILTER)
        if chosen is not None:
            self.import_villages(chosen)

    def import_villages(self, path: Path) -> None:
        """Read a village list in a background task and put it into the text box."""
        self._ctx.runner.run(partial(read_villages_file, path), title="导入村名单",
                             label=f"正在读取 {path.name}…", parent=self, with_progress=False,
                             on_done=self.villages_page.set_villages)

    # --- the county's guide package (verified and stored on the worker) ---------------------------
    def _choose_package(self) -> None:
        chosen = ask_open_file(self, "选择县里下发的指引包", documents_folder(), PACKAGE_FILTER)
        if chosen is not None:
            self.import_package(chosen)

    def import_package(self, path: Path):
        """Import a .gkmlg into the workspace (an op on the worker); the guides in force change at once."""
        op = partial(import_guide_pack, self._session.shipped, path)
        return run_op(self._ctx, op, title="导入指引包", label=f"正在校验并导入 {path.name}…", parent=self,
                      with_progress=False, on_done=self._package_imported)

    def _package_imported(self, result) -> None:
        self.domains.set_guides(self._session.guides)
        parts = [f"已导入{result.county}下发的指引包（{result.issued}）："]
        parts.append(f"{len(result.imported)} 个领域使用县里的指引" + (
            f"（{'、'.join(result.imported)}）" if result.imported else ""))
        if result.unchanged:
            parts.append(f"，{len(result.unchanged)} 个领域与随软件提供的相同")
        self.profile.package_imported("".join(parts) + "。第 3 步可以看到每个领域的完整程度。", result.county)

    # --- the summary and the finish ---------------------------------------------------------------
    def _preview(self) -> CompilePlan:
        choices = self.domains.choices()
        guides = [g for g in self._session.guides if choices[g.no][0]]
        catalog = self._session.require()
        return plan_compile(guides, self.profile.township(), existing_uids=catalog.store.uids())

    def _summary_html(self) -> str:
        t = self.profile.township(self.villages_page.villages())
        choices = self.domains.choices()
        out = [f"<p><b>{escape(t.government)}</b>（{escape(t.county)}，区划代码 {escape(t.code)}）</p>",
               f"<p>村（社区）：{len(t.villages)} 个"
               + (f"　监督电话：{escape(t.supervise_phone)}" if t.supervise_phone else "") + "</p>"]
        no_list = [f"{self._session.guides.by_no(no).domain}（{escape(r)}）"
                   for no, (a, r) in choices.items() if not a]
        out.append(f"<p>涉及 {sum(1 for a, _ in choices.values() if a)} 个领域"
                   + (f"；不涉及：{'、'.join(no_list)}" if no_list else "") + "</p>")
        plan = self._preview()
        pending = len(plan.pending)
        out.append(f"<p>将从标准指引纳入 <b>{len(plan.added) - pending}</b> 项乡级事项，"
                   f"另有 <b>{pending}</b> 项指引未写明层级，列为「层级待确认」，"
                   "可在目录编制页用「批量决定层级…」按建议一次决定；"
                   f"{len(plan.county_only)} 项只由县级公开，不纳入。"
                   + (f"目录中已有的 {plan.already} 项保持不变。" if plan.already else "") + "</p>")
        partial_domains = [g.domain for g in self._session.guides
                           if choices[g.no][0] and g.completeness.status == "partial"]
        if partial_domains:
            out.append(f"<p style='color:#8a5a00'>注意：{len(partial_domains)} 个领域"
                       "随软件提供的指引数据不完整，"
                       "编制后请对照正式文件补充，或在「标准指引」页导入完整的正式表格。</p>")
        return "".join(out)

    def accept(self) -> None:
        """Save the profile and domain choices and compile, in one transaction; stay open on a bad value."""
        try:
            profile = self.profile.township(self.villages_page.villages())
        except KnownError as err:
            self._ctx.runner.reporter.known(self, "编制目录", err)
            return
        op = partial(setup_township, self._session.shipped, profile, self.domains.choices())
        handle = run_op(self._ctx, op, title="编制目录", parent=self, with_progress=False,
                        on_done=self._compiled)
        if handle.running:     # on the worker: one 完成 at a time
            finish = self.button(QWizard.WizardButton.FinishButton)
            finish.setEnabled(False)
            handle.done.connect(lambda: finish.setEnabled(True))

    def _compiled(self, plan: CompilePlan) -> None:
        """TownshipCatalog.setup committed (a bad value: its dialog was shown and the wizard stays open)."""
        self.plan = plan
        self._session.undo_stack.clear()     # the wizard's work is not an undoable edit
        super().accept()
        self.compiled.emit(self.plan)


def open_wizard(ctx: AppContext, parent: QWidget | None = None) -> SetupWizard:
    """Show the wizard window-modal (not blocking); after 编制目录 the main window shows the editor."""
    wizard = SetupWizard(ctx, parent)

    def compiled(_plan) -> None:
        window = parent.window() if parent is not None else None
        show_page = getattr(window, "show_page", None)
        if show_page is not None:
            show_page("compile")

    wizard.compiled.connect(compiled)
    wizard.finished.connect(wizard.deleteLater)
    wizard.open()
    return wizard
