"""The township catalog service: one object the CLI and GUI use for profile, compile, edits and versions."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path

from catalog.errors import KnownError
from catalog.guides.shipped import Guide, GuideSet, load_guides
from catalog.guides.store import guides_in_force, import_guide_rows
from catalog.guides.sync import AcceptGuideChange, GuideChange, pending_changes
from catalog.model import ItemText
from catalog.storage import Workspace
from catalog.storage.catalog_store import CatalogStore
from catalog.township.commands import AddItems, Command, History, SetDomain
from catalog.township.compile import CompilePlan, plan_compile
from catalog.township.items import CatalogItem
from catalog.township.profile import Township, validate_township
from catalog.township.versions import VersionDiff, diff, snapshot


class TownshipCatalog:
    """Owns a workspace and the guides in force; all catalog operations go through here."""

    def __init__(self, ws: Workspace, guides: GuideSet):
        self.ws = ws
        self.guides = guides
        self.store = CatalogStore(ws)
        self.history = History(self.store)

    @classmethod
    def open(cls, path: Path | str, guides: GuideSet | None = None, *,
             create: bool = True) -> TownshipCatalog:
        """Open a workspace; the guides in force are `guides` (default: shipped) with its imports applied."""
        ws = Workspace.open(path, create=create)
        return cls(ws, guides_in_force(ws, guides or load_guides()))

    def close(self) -> None:
        self.ws.close()

    # -- profile -------------------------------------------------------------------------------
    def township(self) -> Township | None:
        return self.store.township()

    def require_township(self) -> Township:
        t = self.store.township()
        if t is None:
            raise KnownError("工作区还没有乡镇信息。请先用 init 命令（或图形界面的向导）填写乡镇名称、"
                             "所属县和区划代码。")
        return t

    def save_township(self, township: Township) -> Township:
        township = validate_township(township)
        with self.ws.atomic():
            self.store.save_township(township)
        return township

    # -- domains and compile -------------------------------------------------------------------
    def domain_choices(self) -> dict[int, tuple[bool, str]]:
        return self.store.domain_choices()

    def applicable_guides(self) -> list[Guide]:
        """Guides of domains not marked 不涉及 (default: all 26)."""
        choices = self.store.domain_choices()
        return [g for g in self.guides if choices.get(g.no, (True, ""))[0]]

    def compile(self, domains: list[str] | None = None) -> CompilePlan:
        """Add what is new in the guides (idempotent: existing items and edits are never touched).
        `domains` limits the compile to these and marks them 涉及."""
        township = self.require_township()
        if domains:
            chosen = self.guides.resolve(domains)
        else:
            chosen = self.applicable_guides()
        positions = {g.no: self.store.next_position(g.no) for g in chosen}
        plan = plan_compile(chosen, township, existing_uids=self.store.uids(), next_positions=positions)
        with self.ws.atomic():
            if domains:
                for g in chosen:
                    if not self.store.domain_choices().get(g.no, (True, ""))[0]:
                        self.history.do(SetDomain(g.no, True))
            if plan.added:
                self.history.do(AddItems(plan.added, label=f"从标准指引编制目录（{len(plan.added)} 项）"))
        return plan

    # -- edits ---------------------------------------------------------------------------------
    def setup(self, profile: Township, choices: Mapping[int, tuple[bool, str]]) -> CompilePlan:
        """The first-use wizard's 编制目录: save the profile, set each domain 涉及 or 不涉及 (with the
        reason), compile — one transaction, so a bad value leaves the workspace as it was.

        choices: domain no → (applies, reason). Returns the compile plan (what was added)."""
        with self.ws.atomic():
            self.save_township(profile)
            before = self.domain_choices()
            for no, (applies, reason) in choices.items():
                old = before.get(no)
                if applies and old is not None and not old[0]:
                    self.do(SetDomain(no, True))
                elif not applies and old != (False, reason):
                    self.do(SetDomain(no, False, reason))
            return self.compile()

    def do(self, cmd: Command) -> Command:
        return self.history.do(cmd)

    def undo(self) -> Command | None:
        return self.history.undo()

    def redo(self) -> Command | None:
        return self.history.redo()

    def items(self, domain_no: int | None = None) -> list[CatalogItem]:
        return self.store.items(domain_no)

    def item(self, uid: str) -> CatalogItem | None:
        return self.store.item(uid)

    def decision_history(self, uid: str) -> list[str]:
        """An item's 纳入/不适用 decisions, oldest first, as readable lines (who, when, why)."""
        from catalog.storage.decision_store import DecisionStore
        from catalog.township.decisions import history_lines
        return history_lines(DecisionStore(self.ws).history(uid))

    def guide_name(self, no: int) -> str:
        try:
            return self.guides.by_no(no).domain
        except KeyError:
            return str(no)

    # -- guide versions ------------------------------------------------------------------------
    def import_guide(self, domain: str, rows: list[ItemText], *, source: str, file: str) -> Guide:
        """Store an official table as the next version of a domain's guide and put it in force."""
        new = import_guide_rows(self.ws, self.guides, self.guides.find(domain), rows,
                                source=source, file=file)
        self.guides = self.guides.replace(new)
        return new

    def guide_versions(self, domain_no: int | None = None) -> list[dict]:
        return self.store.guide_versions(domain_no)

    def guide_changes(self, domain: str) -> list[GuideChange]:
        guide = self.guides.find(domain)
        return pending_changes(guide, self.store.items(guide.no))

    def accept_guide_change(self, domain: str, change: GuideChange) -> Command:
        return self.do(AcceptGuideChange(self.guides.find(domain), change, self.require_township()))

    # -- versions ------------------------------------------------------------------------------
    def current_snapshot(self) -> dict:
        t = self.require_township()
        return snapshot(township={k: v for k, v in asdict(t).items() if k != "villages"},
                        domains=self.store.domain_choices(), items=self.store.items(),
                        guide_names={g.no: g.domain for g in self.guides})

    def publish(self, note: str = "") -> int:
        """Freeze the current catalog as the next numbered version."""
        snap = self.current_snapshot()
        if not snap["items"]:
            raise KnownError("目录是空的，不能发布。请先编制目录"
                             "（文件 › 乡镇信息与领域…；命令行用 compile 命令）。")
        from catalog.checks.rules.privacy import refuse_personal_numbers
        refuse_personal_numbers(snap, action="发布")
        with self.ws.atomic():
            return self.store.add_version(snap, note)

    def versions(self) -> list[dict]:
        return self.store.versions()

    def version(self, ref: str | int) -> dict:
        """A version's snapshot by number; 'current' means the unpublished working copy."""
        if str(ref) in ("current", "当前"):
            return self.current_snapshot()
        try:
            no = int(ref)
        except ValueError:
            raise KnownError(f"版本号应为数字或 current，实际是「{ref}」") from None
        snap = self.store.version_snapshot(no)
        if snap is None:
            have = "、".join(str(v["no"]) for v in self.store.versions()) or "（尚未发布任何版本）"
            raise KnownError(f"没有第 {no} 版。已发布的版本：{have}")
        return snap

    def diff(self, a: str | int, b: str | int) -> VersionDiff:
        return diff(self.version(a), self.version(b))
