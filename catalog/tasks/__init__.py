"""工作台账: received 工作要点 task lists, each task's 状态 and evidence, due dates and coverage warnings.

model (Task, statuses), deadlines (from text), reader (the received workbook), store (SQL), commands
(undoable changes), due (states and the coverage report), service (TaskLedger),
export (完成情况 written back).
"""
from catalog.tasks.commands import AddEvidence, RemoveEvidence, SetTaskStatus
from catalog.tasks.deadlines import Deadline, find_deadline
from catalog.tasks.due import STATE_LABELS, STATES, TaskDue, TaskReport, task_report
from catalog.tasks.model import DONE, IN_PROGRESS, NOT_RELEVANT, NOT_STARTED, STATUSES, Evidence, Task
from catalog.tasks.service import Imported, TaskLedger, TaskSnapshot, load_task_snapshot

__all__ = ["DONE", "IN_PROGRESS", "NOT_RELEVANT", "NOT_STARTED", "STATES", "STATE_LABELS", "STATUSES",
           "AddEvidence", "Deadline", "Evidence", "Imported", "RemoveEvidence", "SetTaskStatus", "Task",
           "TaskDue", "TaskLedger", "TaskReport", "TaskSnapshot", "find_deadline", "load_task_snapshot",
           "task_report"]
