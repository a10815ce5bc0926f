"""Where shipped data lives, from source and from a pyinstaller bundle (one helper for both)."""
from __future__ import annotations

import sys
from pathlib import Path


def base_dir() -> Path:
    """The folder holding standards/ and resources/: the repo root, or the bundle's data folder."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def standards_dir() -> Path:
    return base_dir() / "standards"


def resource_path(*parts: str) -> Path:
    return base_dir().joinpath("resources", *parts)


def font_path() -> Path:
    """The shipped CJK font (TrueType outlines, so reportlab can embed it)."""
    return resource_path("fonts", "wqy-microhei.ttc")
