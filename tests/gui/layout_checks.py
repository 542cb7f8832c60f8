"""Find text a widget cuts: header sections and combo boxes narrower than their text.

Used by the layout tests at the window's default size. A header section elides when its widest
line (titles may wrap onto several lines) plus the style's margins is wider than the section; a
combo box elides when its current text is wider than the room its style gives the text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHeaderView, QStyle, QStyleOptionComboBox, QStyleOptionHeader, QWidget

SORT_ARROW = 16  # room Qt keeps for a sort indicator


def _header_needs(header: QHeaderView, section: int) -> int:
    text = str(header.model().headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole) or "")
    font = header.font()
    model_font = header.model().headerData(section, header.orientation(), Qt.ItemDataRole.FontRole)
    if model_font is not None:
        font = model_font
    metrics = QFontMetrics(font)
    widest = max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)
    option = QStyleOptionHeader()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, option, header)
    arrow = SORT_ARROW if header.isSortIndicatorShown() and header.sortIndicatorSection() == section else 0
    return widest + 2 * margin + arrow


def elided_headers(root: QWidget) -> list[str]:
    """``"<header owner>: 'Research' needs 64 px, has 52"`` for every cut horizontal header section."""
    out = []
    for header in root.findChildren(QHeaderView):
        if not header.isVisibleTo(root) or header.orientation() != Qt.Orientation.Horizontal or header.model() is None:
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            need, have = _header_needs(header, section), header.sectionSize(section)
            if need > have:
                text = header.model().headerData(section, header.orientation())
                owner = header.parent().objectName() or type(header.parent()).__name__
                out.append(f"{owner}: {text!r} needs {need} px, has {have}")
    return out


def elided_combos(root: QWidget) -> list[str]:
    """``"<combo>: 'Visualization Languages' needs 170 px, has 140"`` for every combo box that cuts its text."""
    out = []
    for combo in root.findChildren(QComboBox):
        if not combo.isVisibleTo(root) or not combo.currentText():
            continue
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        need = combo.fontMetrics().horizontalAdvance(combo.currentText())
        if need > field.width():
            name = combo.accessibleName() or combo.objectName() or combo.toolTip()[:30]
            out.append(f"{name}: {combo.currentText()!r} needs {need} px, has {field.width()}")
    return out
