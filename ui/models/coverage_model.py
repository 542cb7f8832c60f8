"""The table model the coverage heatmap shows (the matrix itself is :mod:`planner.analyses.coverage`).

``CoverageModel`` shows skills as rows and tasks as columns (five task columns read
better than twelve skill columns), coloured met / thin / missing.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from planner.analyses.coverage import CoverageCell, CoverageMatrix, CoverageStatus
from planner.model.catalog import Catalog
from planner.model.money import USD, Currency, format_money
from planner.model.plan import TrainingAction
from planner.wording import count_text
from ui.header_fit import two_lines

__all__ = ["CellState", "CoverageCell", "CoverageMatrix", "CoverageModel"]

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


CellState = CoverageStatus  # the views' name for the domain's coverage status


STATE_COLORS = {
    CellState.MET: QColor("#8fd19e"),
    CellState.THIN: QColor("#f3cd6a"),
    CellState.MISSING: QColor("#ef958d"),
}
STATE_WORDS = {
    CellState.MET: "Met",
    CellState.THIN: "Thin",
    CellState.MISSING: "Missing",
    CellState.NOT_REQUIRED: "Not required",
}


def text_color_for(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    luminance = 0.299 * background.redF() + 0.587 * background.greenF() + 0.114 * background.blueF()
    return QColor("#111111") if luminance > 0.55 else QColor("#ffffff")


class CoverageModel(QAbstractTableModel):
    """Skills as rows, tasks as columns; each cell "best (≥required)" coloured by state."""

    StateRole = Qt.ItemDataRole.UserRole + 1
    HighlightRole = Qt.ItemDataRole.UserRole + 2
    KeyRole = Qt.ItemDataRole.UserRole + 3  # (task, skill)

    def __init__(self, catalog: Catalog, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._catalog = catalog
        self._matrix = CoverageMatrix((), (), {})
        self._highlight: str | None = None
        self._training: dict[tuple[str, str], TrainingAction] = {}
        self._currency: Currency = USD

    def set_training(self, training: dict[tuple[str, str], TrainingAction]) -> None:
        """The plan's training by (member, skill): a tooltip says when a member covers a cell thanks to it."""
        self._training = dict(training)

    def set_currency(self, currency: Currency) -> None:
        self._currency = currency

    def set_catalog(self, catalog: Catalog) -> None:
        self.beginResetModel()
        self._catalog = catalog
        self.endResetModel()

    def set_matrix(self, matrix: CoverageMatrix) -> None:
        """Show ``matrix``; keeps the model's shape when tasks and skills are unchanged (no flicker)."""
        if matrix.tasks == self._matrix.tasks and matrix.skills == self._matrix.skills:
            self._matrix = matrix
            if matrix.tasks and matrix.skills:
                self.dataChanged.emit(self.index(0, 0), self.index(len(matrix.skills) - 1, len(matrix.tasks) - 1))
            return
        self.beginResetModel()
        self._matrix = matrix
        self.endResetModel()

    def matrix(self) -> CoverageMatrix:
        return self._matrix

    def set_highlight(self, member: str | None) -> None:
        """Mark the cells ``member`` covers (None clears)."""
        self._highlight = member
        if self._matrix.tasks and self._matrix.skills:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._matrix.skills) - 1, len(self._matrix.tasks) - 1),
                [self.HighlightRole, Qt.ItemDataRole.FontRole],
            )

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._matrix.skills)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._matrix.tasks)

    def index_of(self, task: str, skill: str) -> QModelIndex:
        """The cell of (task, skill); invalid when the view does not show it (gaps only)."""
        if task not in self._matrix.tasks or skill not in self._matrix.skills:
            return QModelIndex()
        return self.index(self._matrix.skills.index(skill), self._matrix.tasks.index(task))

    def skill_order(self) -> tuple[str, ...]:
        """The skills as the rows show them (gaps first)."""
        return self._matrix.skills

    def cell_at(self, index: Index) -> CoverageCell:
        return self._matrix.cell(self._matrix.tasks[index.column()], self._matrix.skills[index.row()])

    def _skill_name(self, skill: str) -> str:
        try:
            return self._catalog.skill(skill).name
        except KeyError:
            return skill

    def _task_name(self, task: str) -> str:
        try:
            return self._catalog.task(task).name
        except KeyError:
            return task

    def _level(self, value: float) -> str:
        return f"{value:g} ({self._catalog.scale.name_of(value)})"

    def tooltip(self, cell: CoverageCell) -> str:
        lines = [f"{self._task_name(cell.task)} · {self._skill_name(cell.skill)}"]
        if cell.required is None:
            lines.append("Not required for this task")
        else:
            kind = "" if cell.must_have else " (nice to have)"
            lines.append(f"Required: {self._level(cell.required)}{kind}")
            lines.append(f"{STATE_WORDS[cell.state]}")
        if not cell.on_task:
            lines.append("Nobody on the team works on this task")
            return "\n".join(lines)
        lines.append(f"Best on the task: {self._level(cell.best)}")
        if cell.required is not None:
            who = ", ".join(
                self._who(name, rating, cell.skill) for name, rating in cell.on_task if name in cell.covered_by
            )
            lines.append(f"Covered by: {who or 'nobody'}")
            below = ", ".join(f"{name} ({rating:g})" for name, rating in cell.on_task if name not in cell.covered_by)
            if below:
                lines.append(f"On the task but below the level: {below}")
        return "\n".join(lines)

    def _who(self, name: str, rating: float, skill: str) -> str:
        """``Mei Ortiz (4)``, or ``Mei Ortiz (3 → 4 after training, 2 weeks, $2,000)``."""
        action = self._training.get((name, skill))
        if action is None or action.to_level != rating:
            return f"{name} ({rating:g})"
        weeks = count_text(action.weeks, "week")
        cost = format_money(action.cost, self._currency)
        return f"{name} ({action.from_level:g} → {action.to_level} after training, {weeks}, {cost})"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        cell = self.cell_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if cell.required is None:
                return f"{cell.best:g}" if cell.on_task and cell.best > 0 else ""
            best = f"{cell.best:g}" if cell.on_task else "–"
            return f"{best} (≥{cell.required})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            color = STATE_COLORS.get(cell.state)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            color = STATE_COLORS.get(cell.state)
            return QBrush(text_color_for(color)) if color is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and self._is_highlighted(cell):
            font = QFont()
            font.setBold(True)
            return font
        if role == self.StateRole:
            return cell.state
        if role == self.HighlightRole:
            return self._is_highlighted(cell)
        if role == self.KeyRole:
            return (cell.task, cell.skill)
        return None

    def _is_highlighted(self, cell: CoverageCell) -> bool:
        return self._highlight is not None and self._highlight in cell.covered_by

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal
        items = self._matrix.tasks if horizontal else self._matrix.skills
        if not 0 <= section < len(items):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return two_lines(self._task_name(items[section])) if horizontal else self._skill_name(items[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            if horizontal:
                task = self._catalog.task(items[section]) if items[section] in self._catalog.task_ids else None
                return task.summary if task else None
            skill = self._catalog.skill(items[section]) if items[section] in self._catalog.skill_ids else None
            return skill.description if skill else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
