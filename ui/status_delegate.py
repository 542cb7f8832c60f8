"""An item delegate for a candidate's type: a combo box with Employee and Applicant.

The model's edit role gives and takes the status value (``employee``/``applicant``); the
combo shows the words the table shows (:func:`planner.wording.status_word`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from planner.model.candidates import CandidateStatus
from planner.wording import status_word

Index = QModelIndex | QPersistentModelIndex


class StatusDelegate(QStyledItemDelegate):
    """Edits Employee / Applicant with a combo box; one pick is one (undoable) edit."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        for status in CandidateStatus:
            editor.addItem(status_word(status), status.value)
        editor.setToolTip("Employee: current staff, already on the payroll. Applicant: someone to make an offer to.")
        editor.activated.connect(lambda _i: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        chosen = editor.currentData()
        if chosen is not None and chosen != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, chosen, Qt.ItemDataRole.EditRole)
