"""SQL for item decisions (层级待确认 → 纳入 / 不适用): who decided, when and why — an item's history."""
from __future__ import annotations

from catalog.storage.workspace import Workspace

TABLE = "item_decisions"


class DecisionStore:
    """Reads and writes decision records of one workspace. Callers wrap writes in ws.atomic()."""

    def __init__(self, ws: Workspace):
        self.db = ws.db

    def add_many(self, rows: list[dict]) -> None:
        self.db.table(TABLE).insert_all(rows)

    def delete_batch(self, batch: str) -> None:
        self.db.execute(f"delete from {TABLE} where batch = ?", [batch])

    def history(self, uid: str) -> list[dict]:
        """One item's decisions, oldest first."""
        return [dict(r) for r in self.db.query(
            f"select decided_at, decided_by, decision, reason, how, evidence, previous_status from {TABLE} "
            "where uid = ? order by decided_at, id", [uid])]

    def count(self) -> int:
        return int(self.db.execute(f"select count(*) from {TABLE}").fetchone()[0])
