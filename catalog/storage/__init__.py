"""Workspace storage (sqlite-utils): opening, migrations, backups."""
from catalog.storage.workspace import Workspace, WorkspaceCorrupt, list_backups, restore, rotate_backup

__all__ = ["Workspace", "WorkspaceCorrupt", "list_backups", "restore", "rotate_backup"]
