"""Every GUI setting in one place (key, type, default), stored with QSettings in an ini file.

Add a setting by declaring a `Setting` constant below; read and write it through a `Settings`
object passed in through constructors (there is no global settings instance).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T
    doc: str


# --- the declarations ------------------------------------------------------------------------
WINDOW_GEOMETRY = Setting("window/geometry", bytes, b"", "main window size and position (saveGeometry)")
WINDOW_STATE = Setting("window/state", bytes, b"", "main window toolbars/docks (saveState)")
CURRENT_PAGE = Setting("window/page", str, "guides", "key of the page shown last")
FONT_POINT_SIZE = Setting("view/font_point_size", float, 10.5, "application font size in points")
LAST_WORKSPACE = Setting("workspace/last", str, "", "workspace database opened last (empty: default)")
RECENT_WORKSPACES: Setting[list[str]] = Setting("workspace/recent", list, [],
                                                "recently opened workspace files, newest first")
GUIDES_DOMAIN = Setting("guides/domain", int, 0, "domain number selected in 标准指引 (0: all domains)")
GUIDES_LEVEL = Setting("guides/level", str, "all", "level filter in 标准指引 (catalog.guides.filter.LEVELS)")
GUIDES_SPLITTER = Setting("guides/splitter", bytes, b"", "标准指引 splitter sizes (saveState)")
GUIDES_DETAIL_SPLITTER = Setting("guides/detail_splitter", bytes, b"", "标准指引 table/detail splitter")
COMPILE_SPLITTER = Setting("compile/splitter", bytes, b"", "目录编制 tree/editor splitter")
COMPILE_DETAIL_SPLITTER = Setting("compile/detail_splitter", bytes, b"",
                                  "目录编制 editor/findings splitter")
COMPILE_STATUS = Setting("compile/status", str, "all",
                         "目录编制 status filter (gui.pages.compile.tree_filter)")
CHECK_SPLITTER = Setting("check/splitter", bytes, b"", "目录检查 chart/findings splitter")

# 导出上报, 公示打印, 县级汇总, 公开台账 and 设置
EXPORT_FOLDER = Setting("export/folder", str, "", "folder of the last catalog export (empty: Documents)")
EXPORT_KIND = Setting("export/kind", str, "xlsx", "export kind chosen last: xlsx | pdf | package")
EXPORT_INCLUDE_NA = Setting("export/include_na", bool, True,
                            "list 不适用 items (with their reason) in exports")
EXPORT_PAPER = Setting("export/paper", str, "A4", "catalog PDF paper, landscape: A4 | A3")
NOTICE_FOLDER = Setting("notice/folder", str, "", "folder rosters were imported from / sheets saved to last")
NOTICE_TEMPLATE = Setting("notice/template", str, "huimin_butie", "公示 template used for the next import")
NOTICE_LARGE_PRINT = Setting("notice/large_print", bool, False, "print default: 大字版")
NOTICE_LANDSCAPE = Setting("notice/landscape", bool, False, "print default: A4 横向")
NOTICE_MASK_NAMES = Setting("notice/mask_names", bool, False, "print default: mask names too (张*三)")
NOTICE_PERIOD_DAYS = Setting("notice/period_days", int, 7, "print default: 公示期 length in days (≥ 7)")
NOTICE_SPLITTER = Setting("notice/splitter", bytes, b"", "公示打印 table/options splitter")
COUNTY_WORKSPACE = Setting("county/workspace", str, "", "county workspace file (empty: the default one)")
COUNTY_FOLDER = Setting("county/folder", str, "", "folder township files were imported from last")
COUNTY_SPLITTER = Setting("county/splitter", bytes, b"", "县级汇总 matrix/drill-down splitter")
DUE_WITHIN = Setting("ledger/within", int, 7, "days before a deadline an item counts as 即将到期")

ALL_SETTINGS: tuple[Setting, ...] = tuple(v for v in list(globals().values()) if isinstance(v, Setting))


class Settings:
    """Typed access to the declared settings over one QSettings ini file."""

    def __init__(self, store: QSettings):
        self._store = store

    @classmethod
    def at(cls, path: Path) -> Settings:
        """Settings kept in the ini file `path` (created on first write)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @classmethod
    def default(cls) -> Settings:
        """The user's settings: settings.ini in the app data folder (beside the program when portable)."""
        from catalog.paths import data_dir
        return cls.at(data_dir() / "settings.ini")

    @property
    def path(self) -> str:
        return self._store.fileName()

    def get(self, setting: Setting[T]) -> T:
        """The stored value converted to the declared type; the default when missing or unreadable."""
        raw = self._store.value(setting.key)
        if raw is None:
            return _copy(setting.default)
        try:
            return _convert(raw, setting.type)
        except (TypeError, ValueError):
            return _copy(setting.default)   # a hand-edited or old ini file must never stop the app

    def set(self, setting: Setting[T], value: T) -> None:
        if setting.type is bytes:
            raw: Any = value     # a bytes setting: bytes, or anything with the buffer protocol (QByteArray)
            self._store.setValue(setting.key, QByteArray(bytes(raw)))
        else:
            self._store.setValue(setting.key, value)

    def reset(self, setting: Setting) -> None:
        self._store.remove(setting.key)

    def sync(self) -> None:
        """Write pending changes to disk now (QSettings also does it on its own)."""
        self._store.sync()


def _convert(raw: Any, kind: type) -> Any:
    if kind is bytes:
        return bytes(raw.data() if isinstance(raw, QByteArray) else raw)
    if kind is bool:
        if isinstance(raw, str):
            if raw.lower() in ("true", "1", "yes"):
                return True
            if raw.lower() in ("false", "0", "no", ""):
                return False
            raise ValueError(raw)
        return bool(raw)
    if kind is list:
        # QSettings returns a one-element list as a plain string in ini files.
        return [raw] if isinstance(raw, str) else list(raw)
    if kind in (int, float, str):
        return kind(raw)
    raise TypeError(f"unsupported setting type {kind}")


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value
