"""The installed Qt binding keeps Python's reference counts straight (PySide6 6.12.0 did not)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_calls_do_not_leak_references_to_none() -> None:
    # PySide6 6.12.0 on Python 3.11 returned None from void methods without a new reference,
    # so the app aborted ("none_dealloc") after a few hundred repaints. pyproject pins < 6.12.
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(200):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 5
