"""The coverage heatmap: each required (task, skill) coloured met / thin / missing.

A ``QTableView`` over :class:`ui.models.coverage_model.CoverageModel` with a delegate
that paints rounded tiles and outlines the cells a selected member covers. Clicking a
cell emits ``requirementClicked(task, skill)``.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from planner.analyses.coverage import CoverageMatrix
from planner.model.catalog import Catalog
from ui.header_fit import widest_word
from ui.models.coverage_model import STATE_COLORS, CellState, CoverageModel

Index = QModelIndex | QPersistentModelIndex
ROW_MIN, ROW_MAX = 24, 44  # pixels per skill row


class CoverageDelegate(QStyledItemDelegate):
    """Paints a cell as a rounded tile in its state colour, outlined when highlighted.

    Reads the Python model directly rather than through ``index.data()``: it is faster, and
    PySide6 6.12 on Python 3.11 mishandles the reference count of a ``None`` returned that way.
    """

    def __init__(self, model: CoverageModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(2, 2, -2, -2)
        palette = option.palette
        data = self._model.data
        background = data(index, Qt.ItemDataRole.BackgroundRole)
        highlighted = bool(data(index, CoverageModel.HighlightRole))
        if isinstance(background, QBrush):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(rect, 4, 4)
        if highlighted:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        foreground = data(index, Qt.ItemDataRole.ForegroundRole)
        if isinstance(foreground, QBrush):
            painter.setPen(foreground.color())
        else:
            faint = QColor(palette.color(QPalette.ColorRole.Text))
            faint.setAlphaF(0.45)
            painter.setPen(faint)
        font = data(index, Qt.ItemDataRole.FontRole)
        if isinstance(font, QFont):
            painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(data(index, Qt.ItemDataRole.DisplayRole) or ""))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width() + 16, 72), max(size.height() + 8, ROW_MIN))


class CoverageHeatmap(QTableView):
    """Skills down, tasks across; see the module docstring."""

    requirementClicked = Signal(str, str)  # task id, skill id

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = CoverageModel(catalog, self)
        self.setModel(self._model)
        self.setItemDelegate(CoverageDelegate(self._model, self))
        self.setShowGrid(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setWordWrap(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(72)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(27)
        self.setToolTip("")
        self.clicked.connect(self._emit_requirement)
        self.activated.connect(self._emit_requirement)
        self._model.modelReset.connect(self._fit_rows)
        self._model.modelReset.connect(self._fit_header_words)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_header_words(self) -> None:
        """Task columns are never narrower than their longest word: a title wraps, it is not cut."""
        header = self.horizontalHeader()
        titles = [
            str(self._model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(self._model.columnCount())
        ]
        header.setMinimumSectionSize(max(72, widest_word(header, titles)))

    def _fit_rows(self) -> None:
        """Rows share the height the view has (within a readable range), so no space is left empty
        and a dozen skills fit without scrolling."""
        rows = self._model.rowCount()
        if rows:
            size = int(self.viewport().height() // rows)
            self.verticalHeader().setDefaultSectionSize(max(ROW_MIN, min(ROW_MAX, size)))

    def sizeHint(self) -> QSize:
        """Tall enough to show every skill row without scrolling."""
        frame = 2 * self.frameWidth()
        height = self.horizontalHeader().sizeHint().height() + self.verticalHeader().length() + frame + 2
        width = self.verticalHeader().sizeHint().width() + 110 * max(1, self._model.columnCount()) + frame
        return QSize(width, max(height, 120))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 120)

    def coverage_model(self) -> CoverageModel:
        return self._model

    def set_catalog(self, catalog: Catalog) -> None:
        self._model.set_catalog(catalog)

    def show_coverage(self, matrix: CoverageMatrix) -> None:
        self._model.set_matrix(matrix)

    def highlight_member(self, member: str | None) -> None:
        """Outline the cells ``member`` covers; None clears."""
        self._model.set_highlight(member)

    def _emit_requirement(self, index: QModelIndex) -> None:
        if index.isValid():
            task, skill = index.data(CoverageModel.KeyRole)
            self.requirementClicked.emit(task, skill)


def coverage_legend(parent: QWidget | None = None) -> QLabel:
    """A one-line key to the heatmap's colours."""

    def swatch(state: CellState) -> str:
        return f"<span style='color:{STATE_COLORS[state].name()}'>■</span>"

    label = QLabel(
        f"{swatch(CellState.MET)} Met by 2+ people &nbsp; {swatch(CellState.THIN)} Thin: one person &nbsp; "
        f"{swatch(CellState.MISSING)} Missing &nbsp; <i>cell: best rating on the task (≥ required)</i>",
        parent,
    )
    label.setWordWrap(True)
    label.setToolTip(
        "Met: at least two people on the task (or as many as the redundancy setting asks) reach the level.\n"
        "Thin: only one person reaches it (a single point of failure), or fewer than the redundancy asks.\n"
        "Missing: nobody on the task reaches the level.\n"
        "Grey numbers: skills the task does not require."
    )
    return label
