"""The list of a project's what-if scenarios: name, what differs from Current, and plan status.

The name is edited in place; the edit goes through a ``renamer`` callable (the panel,
which validates the name and pushes an undoable command), never straight into the project.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from planner.analyses.scenarios import describe_changes
from planner.model.plan import PlanStatus
from planner.model.project import Project
from planner.model.scenario import Scenario
from planner.wording import plan_status_text

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
NAME_ROLE = Qt.ItemDataRole.UserRole + 1

NOT_SOLVED = "Not solved yet"
NO_CHANGES = "same settings as Current"


class ScenarioColumn(IntEnum):
    NAME = 0
    CHANGES = 1
    STATUS = 2


HEADERS = {ScenarioColumn.NAME: "Scenario", ScenarioColumn.CHANGES: "What differs", ScenarioColumn.STATUS: "Status"}
HEADER_TIPS = {
    ScenarioColumn.NAME: "Double-click or press F2 to rename",
    ScenarioColumn.CHANGES: "Settings that differ from the current setup in the editor",
    ScenarioColumn.STATUS: "The scenario's last solve",
}


def scenario_status(scenario: Scenario) -> str:
    """``Not solved yet`` or the plan's status in words."""
    return NOT_SOLVED if scenario.plan is None else plan_status_text(scenario.plan)


class ScenarioListModel(QAbstractTableModel):
    """One row per scenario of the project (in the project's order)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._scenarios: tuple[Scenario, ...] = ()
        self._changes: list[str] = []
        self._renamer: Callable[[str, str], bool] | None = None

    def set_renamer(self, renamer: Callable[[str, str], bool]) -> None:
        """``renamer(old, new)`` renames (undoably) and says whether it accepted the name."""
        self._renamer = renamer

    def set_project(self, project: Project | None) -> None:
        self._project = project
        self.refresh()

    def refresh(self) -> None:
        """Re-read the project's scenarios (after any change).

        The model keeps its own tuple of the scenarios it shows, so views never ask for a
        row the project has just lost before the model has been told.
        """
        project = self._project
        scenarios = tuple(project.scenarios) if project is not None else ()
        changes = ["; ".join(describe_changes(project, s)) or NO_CHANGES for s in scenarios if project is not None]
        if len(scenarios) == len(self._scenarios):
            # Same shape (a rename, an update, a solve): update in place, keeping selection and editors.
            self._scenarios, self._changes = scenarios, changes
            if scenarios:
                self.dataChanged.emit(self.index(0, 0), self.index(len(scenarios) - 1, len(ScenarioColumn) - 1))
            return
        self.beginResetModel()
        self._scenarios, self._changes = scenarios, changes
        self.endResetModel()

    def scenario(self, row: int) -> Scenario:
        return self._scenarios[row]

    def row_of(self, name: str) -> int:
        for row, scenario in enumerate(self._scenarios):
            if scenario.name == name:
                return row
        return -1

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._scenarios)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(ScenarioColumn)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        scenario = self.scenario(index.row())
        column = ScenarioColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column is ScenarioColumn.NAME:
                return scenario.name
            if column is ScenarioColumn.CHANGES:
                return self._changes[index.row()]
            return scenario_status(scenario)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is ScenarioColumn.CHANGES:
                return "\n".join(self._changes[index.row()].split("; "))
            if column is ScenarioColumn.STATUS:
                return scenario_status(scenario)
            return f"{scenario.name} (double-click to rename)"
        if role == NAME_ROLE:
            return scenario.name
        if role == Qt.ItemDataRole.ForegroundRole and column is ScenarioColumn.STATUS:
            if scenario.plan is not None and scenario.plan.status is PlanStatus.INFEASIBLE:
                return QBrush(QColor("#c9302c"))
            return None
        if role == Qt.ItemDataRole.FontRole and column is ScenarioColumn.STATUS and scenario.plan is None:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() != ScenarioColumn.NAME:
            return False
        if self._renamer is None:
            return False
        old = self.scenario(index.row()).name
        new = str(value).strip()
        if new == old:
            return False
        # The renamer's command refreshes (resets) this model, which also repaints the cell.
        return self._renamer(old, new)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ScenarioColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[ScenarioColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[ScenarioColumn(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ScenarioColumn.NAME and self._renamer is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags
