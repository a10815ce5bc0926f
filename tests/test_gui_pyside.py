"""Guards against Qt binding bugs the app cannot work around (checked again on every PySide6 upgrade)."""
from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

pytestmark = pytest.mark.gui


class _Emitter(QObject):
    value = Signal(object)
    pair = Signal(int, int)
    bare = Signal()


def test_emitting_signals_keeps_reference_counts():
    # PySide6 6.12.0 dropped one reference to True per emit: the process aborted (bool_dealloc) after
    # a few hundred emits, e.g. a long import's progress signals.
    e = _Emitter()
    received = []
    e.value.connect(received.append)
    before = {name: sys.getrefcount(obj) for name, obj in (("True", True), ("False", False), ("None", None))}
    for i in range(200):
        e.value.emit(None)
        e.pair.emit(i, 200)
        e.bare.emit()
    after = {name: sys.getrefcount(obj) for name, obj in (("True", True), ("False", False), ("None", None))}
    assert len(received) == 200
    for name in ("True", "False"):
        assert abs(after[name] - before[name]) < 20, (name, before[name], after[name])
