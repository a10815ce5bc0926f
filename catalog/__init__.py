"""公开目录助手 domain: guides, township catalogs, checks, exports and noticeboards (no Qt here)."""
from __future__ import annotations

APP_NAME = "公开目录助手"
APP_NAME_EN = "GKML Desk"
DIST_NAME = "gkml-desk"


def _version() -> str:
    """The one version, written only in pyproject.toml.

    Read through importlib.metadata when the project is installed as a distribution; a source checkout
    and the pyinstaller bundle (which ships pyproject.toml as data) read the file itself."""
    import sys
    import tomllib
    from pathlib import Path
    root = Path(getattr(sys, "_MEIPASS", "") or Path(__file__).resolve().parent.parent)
    try:
        with open(root / "pyproject.toml", "rb") as f:
            return str(tomllib.load(f)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        from importlib import metadata
        try:
            return metadata.version(DIST_NAME)
        except metadata.PackageNotFoundError:
            return "0+unknown"


__version__ = _version()
