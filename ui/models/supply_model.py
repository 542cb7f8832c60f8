"""The supply-check table: each requirement and how many candidates could cover it."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from planner.model.catalog import Catalog
from planner.model.requirements import Requirement
from planner.wording import count_text, number_text, plural

if TYPE_CHECKING:  # the solver package loads OR-Tools; only its types are needed here
    from planner.solver.supply import SupplyReport, SupplyRow

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_NAMES_SHOWN = 6

NONE_COLOR = QColor("#ef958d")  # nobody qualifies
ONE_COLOR = QColor("#f3cd6a")  # a single point of failure


class SupplyColumn(IntEnum):
    TASK = 0
    SKILL = 1
    LEVEL = 2
    COUNT = 3
    WHO = 4


HEADERS = {
    SupplyColumn.TASK: "Task",
    SupplyColumn.SKILL: "Skill",
    SupplyColumn.LEVEL: "Level",
    SupplyColumn.COUNT: "Qualify",
    SupplyColumn.WHO: "Who",
}


class SupplyModel(QAbstractTableModel):
    """One row per requirement of the supply report; 0 qualified is red, 1 amber."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._rows: tuple[SupplyRow, ...] = ()
        self._unmeetable: frozenset[Requirement] = frozenset()
        self._single: frozenset[Requirement] = frozenset()

    def set_catalog(self, catalog: Catalog) -> None:
        self.beginResetModel()
        self._catalog = catalog
        self.endResetModel()

    def set_report(self, report: SupplyReport | None) -> None:
        self.beginResetModel()
        self._rows = report.rows if report is not None else ()
        self._unmeetable = frozenset(report.unmeetable) if report is not None else frozenset()
        self._single = frozenset(report.single_points) if report is not None else frozenset()
        self.endResetModel()

    def severity(self, row: SupplyRow) -> int:
        """2 when the requirement cannot be met, 1 when it has no spare candidate, else 0.

        Follows the report (which knows the redundancy); without it, 0 qualified is 2 and 1 is 1.
        """
        if row.requirement in self._unmeetable or row.count == 0:
            return 2
        if row.requirement in self._single or row.count == 1:
            return 1
        return 0

    def supply_row(self, row: int) -> SupplyRow:
        return self._rows[row]

    def _task(self, task: str) -> str:
        try:
            return self._catalog.task(task).name
        except KeyError:
            return task

    def _skill(self, skill: str) -> str:
        try:
            return self._catalog.skill(skill).name
        except KeyError:
            return skill

    def _who(self, names: tuple[str, ...]) -> str:
        if not names:
            return "nobody"
        shown = ", ".join(names[:MAX_NAMES_SHOWN])
        more = len(names) - MAX_NAMES_SHOWN
        return f"{shown} and {number_text(more)} more" if more > 0 else shown

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(SupplyColumn)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        requirement = row.requirement
        column = SupplyColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is SupplyColumn.TASK:
                return self._task(requirement.task)
            if column is SupplyColumn.SKILL:
                return self._skill(requirement.skill) + ("" if requirement.must_have else " (nice to have)")
            if column is SupplyColumn.LEVEL:
                return f"≥ {requirement.level} ({self._catalog.scale.name_of(requirement.level)})"
            if column is SupplyColumn.COUNT:
                return str(row.count)
            return self._who(row.qualified)
        if role == SORT_ROLE:
            if column is SupplyColumn.TASK:
                ids = self._catalog.task_ids
                return ids.index(requirement.task) if requirement.task in ids else len(ids)
            if column is SupplyColumn.SKILL:
                return self._skill(requirement.skill).casefold()
            if column is SupplyColumn.LEVEL:
                return requirement.level
            if column is SupplyColumn.COUNT:
                return row.count
            return ", ".join(row.qualified).casefold()
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = self.severity(row)
            return QBrush(NONE_COLOR) if severity == 2 else QBrush(ONE_COLOR) if severity == 1 else None
        if role == Qt.ItemDataRole.ForegroundRole and self.severity(row):
            return QBrush(QColor("#111111"))  # the highlight colours are light in every palette
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.count == 0:
                return "No candidate reaches this level on a role that does this task."
            who = "\n".join(row.qualified[:40]) + ("\n…" if row.count > 40 else "")
            single = "\nOnly one candidate: a single point of failure." if row.count == 1 else ""
            return f"{count_text(row.count, 'candidate')} {plural(row.count, 'qualifies', 'qualify')}:\n{who}{single}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column is SupplyColumn.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(SupplyColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[SupplyColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole and section == SupplyColumn.COUNT:
            return "How many candidates reach the level (and may take a role that does the task)"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
