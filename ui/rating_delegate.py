"""An item delegate for 0–5 ratings: a tinted cell, and a combo box editor with level names.

The editor lists "0 — None", "1 — Beginning" … "5 — Accomplished" from the catalog's
scale, so the manager picks a level by its Playbook name. A fractional rating (3.5 from
an import) is left untouched unless the manager picks a different level.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from planner.model.catalog import Scale

Index = QModelIndex | QPersistentModelIndex


def level_label(scale: Scale, value: int) -> str:
    """ "3 — Developing"."""
    return f"{value} — {scale.name_of(value)}"


class RatingDelegate(QStyledItemDelegate):
    """Paints a rating cell with a tint that deepens with the level; edits with a combo box."""

    def __init__(self, scale: Callable[[], Scale], parent: Any = None) -> None:
        super().__init__(parent)
        self._scale = scale

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        scale = self._scale()
        if (
            isinstance(value, (int, float))
            and value > scale.min
            and not (option.state & QStyle.StateFlag.State_Selected)
        ):
            tint = QColor(option.palette.highlight().color())
            tint.setAlphaF(0.12 + 0.5 * (value - scale.min) / (scale.max - scale.min))
            painter.fillRect(option.rect, tint)
        super().paint(painter, option, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        scale = self._scale()
        for value in range(scale.min, scale.max + 1):
            editor.addItem(level_label(scale, value), value)
        editor.setToolTip("Rating on the Playbook scale")
        # Commit as soon as a level is picked, so one click is one edit.
        editor.activated.connect(lambda _i: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        number = round(float(value)) if isinstance(value, (int, float)) else 0
        position = editor.findData(number)
        editor.setCurrentIndex(max(0, position))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        chosen = editor.currentData()
        value = index.data(Qt.ItemDataRole.EditRole)
        current = round(float(value)) if isinstance(value, (int, float)) else None
        if chosen is not None and chosen != current:
            model.setData(index, float(chosen), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = option.rect
        editor.setGeometry(rect.x(), rect.y(), max(rect.width(), 150), rect.height())
