"""Find text a widget cuts: header sections and combo boxes narrower than their text.

Used by the layout tests at the window's default size. A header section elides when its widest
line (titles may wrap onto several lines) plus the style's margins is wider than the section; a
combo box elides when its current text is wider than the room its style gives the text.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionHeader,
    QTableView,
    QWidget,
)

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


def elided_cells(view: QTableView, columns: Iterable[int] | None = None) -> list[str]:
    """``"'Data Engineering, AI Infrastructure' needs 230 px, has 104"`` for every cell (of ``columns``,
    or all) whose text, wrapped at its spaces onto the lines the row has, does not fit its column."""
    model = view.model()
    out = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()) if columns is None else columns:
            cut = cell_cut(view, row, column)
            if cut:
                out.append(cut)
    return out


def cell_cut(view: QTableView, row: int, column: int) -> str:
    """Why the cell at ``row``, ``column`` cuts its text ("" when it fits)."""
    metrics = view.fontMetrics()
    padding = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    lines_available = max(1, (view.rowHeight(row) - 4) // metrics.lineSpacing())
    text = str(view.model().index(row, column).data() or "")
    width = view.columnWidth(column) - padding
    lines_needed = 0
    for line in text.split("\n"):
        used, lines_needed = 0, lines_needed + 1
        for word in line.split():
            advance = metrics.horizontalAdvance(word if not used else " " + word)
            if used and used + advance > width:
                lines_needed, used = lines_needed + 1, metrics.horizontalAdvance(word)
            else:
                used += advance
            if metrics.horizontalAdvance(word) > width:
                lines_needed = lines_available + 1  # a word wider than the column is cut
    if lines_needed > lines_available:
        return f"{text!r} needs {lines_needed} lines of {width} px, has {lines_available}"
    return ""
