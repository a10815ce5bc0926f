"""Where the workspace lives: the per-OS user data folder, or beside the program in portable mode."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "GKMLDesk"


def program_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Per-OS standard location; a file `portable.txt` beside the program keeps data there instead
    (a clerk can carry the whole folder on a USB stick)."""
    if (program_dir() / "portable.txt").exists():
        return program_dir() / "data"
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def default_workspace() -> Path:
    return data_dir() / "workspace.gkml.db"
