"""gui.settings: every setting declared once, typed round trips, bad ini values fall back to defaults."""
from __future__ import annotations

import pytest

from gui import settings as S
from gui.settings import ALL_SETTINGS, Settings

pytestmark = pytest.mark.gui


def test_declarations_are_unique_and_typed():
    keys = [s.key for s in ALL_SETTINGS]
    assert len(keys) == len(set(keys)) and len(keys) >= 8
    for s in ALL_SETTINGS:
        assert isinstance(s.default, s.type), s.key
        assert s.doc


def test_defaults_when_empty(gui_settings):
    for s in ALL_SETTINGS:
        assert gui_settings.get(s) == s.default


def test_round_trip_through_the_ini_file(tmp_path):
    path = tmp_path / "settings.ini"
    first = Settings.at(path)
    first.set(S.WINDOW_GEOMETRY, b"\x00\x01\xffgeo")
    first.set(S.GUIDES_DOMAIN, 17)
    first.set(S.FONT_POINT_SIZE, 12.5)
    first.set(S.LAST_WORKSPACE, "D:/政务公开/某镇.gkml.db")
    first.set(S.RECENT_WORKSPACES, ["a.db"])
    first.sync()
    again = Settings.at(path)
    assert again.get(S.WINDOW_GEOMETRY) == b"\x00\x01\xffgeo"
    assert again.get(S.GUIDES_DOMAIN) == 17
    assert again.get(S.FONT_POINT_SIZE) == 12.5
    assert again.get(S.LAST_WORKSPACE) == "D:/政务公开/某镇.gkml.db"
    assert again.get(S.RECENT_WORKSPACES) == ["a.db"]


def test_a_hand_edited_bad_value_falls_back_to_the_default(tmp_path):
    path = tmp_path / "settings.ini"
    path.write_text("[guides]\ndomain=seventeen\n[view]\nfont_point_size=big\n", encoding="utf-8")
    s = Settings.at(path)
    assert s.get(S.GUIDES_DOMAIN) == 0 and s.get(S.FONT_POINT_SIZE) == S.FONT_POINT_SIZE.default


def test_defaults_are_not_shared_between_reads(gui_settings):
    gui_settings.get(S.RECENT_WORKSPACES).append("x")
    assert gui_settings.get(S.RECENT_WORKSPACES) == []


def test_reset(gui_settings):
    gui_settings.set(S.CURRENT_PAGE, "check")
    gui_settings.reset(S.CURRENT_PAGE)
    assert gui_settings.get(S.CURRENT_PAGE) == "guides"
