"""公开目录助手 domain: guides, township catalogs, checks, exports and noticeboards (no Qt here)."""

__version__ = "0.1.0"
APP_NAME = "公开目录助手"
APP_NAME_EN = "GKML Desk"
