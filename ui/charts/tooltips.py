"""Point tooltips for the painted charts: show the nearest point's text, or hide."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip, QWidget


def handle_tooltip(widget: QWidget, event: QEvent, tooltip_at: Callable[[QPointF], str]) -> bool:
    """Handle a ToolTip event with ``tooltip_at``; False for any other event (pass it on)."""
    if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
        return False
    tip = tooltip_at(QPointF(event.pos()))
    if tip:
        QToolTip.showText(event.globalPos(), tip, widget)
    else:
        QToolTip.hideText()
        event.ignore()
    return True
