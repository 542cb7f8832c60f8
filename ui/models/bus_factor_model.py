"""The bus-factor table: for each requirement, which team members cover it and how many are needed.

Rows are :class:`planner.analyses.robustness.BusFactor` objects. A row is red when fewer members
cover it than it needs (none at all, or one where a critical skill needs two), amber when
exactly as many as needed (one departure uncovers it), plain when there is a spare. The
last column's checkbox marks the requirement critical (needs 2); the model does not change
itself: it hands the wish to a ``toggler`` (the panel, which emits a signal for an undoable
constraint change) and shows the new state when it is given the next report.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum, StrEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from planner.analyses.robustness import BusFactor
from planner.model.catalog import Catalog
from planner.wording import count_text, level_text, number_text
from ui.models.coverage_model import text_color_for

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RISK_ROLE = Qt.ItemDataRole.UserRole + 2  # a Risk
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # (task, skill)
FILTER_ROLE = Qt.ItemDataRole.UserRole + 4  # "risk" when the row is red or amber, else "spare"


class BusColumn(IntEnum):
    TASK = 0
    SKILL = 1
    LEVEL = 2
    MEMBERS = 3
    COUNT = 4
    CRITICAL = 5


HEADERS = {
    BusColumn.TASK: "Task",
    BusColumn.SKILL: "Skill",
    BusColumn.LEVEL: "Level",
    BusColumn.MEMBERS: "Covered by",
    BusColumn.COUNT: "Bus factor",
    BusColumn.CRITICAL: "Critical",
}
HEADER_TIPS = {
    BusColumn.MEMBERS: "Team members on the task whose rating reaches the level",
    BusColumn.COUNT: "How many members cover it, of how many it needs",
    BusColumn.CRITICAL: "Tick to require two members for this requirement (an undoable constraint change)",
}


class Risk(StrEnum):
    SPARE = "spare"  # more members than needed: one departure is fine
    AT_RISK = "at_risk"  # exactly as many as needed: one departure uncovers it
    SHORT = "short"  # fewer than needed (none, or one where two are needed)


RISK_COLORS = {Risk.AT_RISK: QColor("#f3cd6a"), Risk.SHORT: QColor("#ef958d")}
RISK_WORDS = {
    Risk.SPARE: "one person can leave without uncovering it",
    Risk.AT_RISK: "one departure uncovers it",
    Risk.SHORT: "not covered by as many members as it needs",
}


def risk_of(bus: BusFactor) -> Risk:
    if bus.count < bus.needed:
        return Risk.SHORT
    return Risk.AT_RISK if bus.at_risk else Risk.SPARE


class BusFactorModel(QAbstractTableModel):
    """One row per requirement; see the module docstring."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._rows: tuple[BusFactor, ...] = ()
        self._critical: frozenset[tuple[str, str]] = frozenset()
        self._toggler: Callable[[tuple[str, str], bool], None] | None = None

    def set_toggler(self, toggler: Callable[[tuple[str, str], bool], None]) -> None:
        """``toggler(key, critical)`` is called when the user ticks or unticks a Critical box."""
        self._toggler = toggler

    def set_rows(
        self, rows: tuple[BusFactor, ...], critical: frozenset[tuple[str, str]], catalog: Catalog | None = None
    ) -> None:
        same_shape = [b.requirement.key for b in rows] == [b.requirement.key for b in self._rows]
        if catalog is not None and catalog is not self._catalog:
            same_shape = False
            self._catalog = catalog
        if same_shape:
            self._rows, self._critical = rows, critical
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(BusColumn) - 1))
            return
        self.beginResetModel()
        self._rows, self._critical = rows, critical
        self.endResetModel()

    def bus_factor(self, row: int) -> BusFactor:
        return self._rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(BusColumn)

    def _name(self, getter: Callable[[str], object], item_id: str) -> str:
        try:
            return str(getattr(getter(item_id), "name", item_id))
        except KeyError:
            return item_id

    def _display(self, bus: BusFactor, column: BusColumn) -> str:
        requirement = bus.requirement
        if column is BusColumn.TASK:
            return self._name(self._catalog.task, requirement.task)
        if column is BusColumn.SKILL:
            text = self._name(self._catalog.skill, requirement.skill)
            return text if requirement.must_have else f"{text} (nice to have)"
        if column is BusColumn.LEVEL:
            return f"≥ {level_text(self._catalog, requirement.level)}"
        if column is BusColumn.MEMBERS:
            return ", ".join(bus.members) or "nobody"
        if column is BusColumn.COUNT:
            return f"{number_text(bus.count)} (needs {number_text(bus.needed)})"
        return ""

    def _sort_value(self, bus: BusFactor, column: BusColumn) -> object:
        if column is BusColumn.LEVEL:
            return bus.requirement.level
        if column is BusColumn.COUNT:
            return bus.count - bus.needed  # most at risk first when ascending
        if column is BusColumn.CRITICAL:
            return int(bus.requirement.key in self._critical)
        return self._display(bus, column).casefold()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        bus = self._rows[index.row()]
        column = BusColumn(index.column())
        risk = risk_of(bus)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(bus, column)
        if role == Qt.ItemDataRole.CheckStateRole and column is BusColumn.CRITICAL:
            critical = bus.requirement.key in self._critical
            return Qt.CheckState.Checked if critical else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            color = RISK_COLORS.get(risk)
            if color is None or column is BusColumn.CRITICAL:
                return None
            return QBrush(color if role == Qt.ItemDataRole.BackgroundRole else text_color_for(color))
        if role == Qt.ItemDataRole.ToolTipRole:
            members = ", ".join(bus.members) or "nobody"
            return (
                f"{self._display(bus, BusColumn.TASK)} · {self._display(bus, BusColumn.SKILL)} "
                f"{self._display(bus, BusColumn.LEVEL)}\nCovered by: {members}\n"
                f"{count_text(bus.count, 'member')} cover it, {number_text(bus.needed)} needed: {RISK_WORDS[risk]}"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column is BusColumn.COUNT:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SORT_ROLE:
            return self._sort_value(bus, column)
        if role == RISK_ROLE:
            return risk
        if role == FILTER_ROLE:
            return "spare" if risk is Risk.SPARE else "risk"
        if role == KEY_ROLE:
            return bus.requirement.key
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != BusColumn.CRITICAL:
            return False
        if self._toggler is None:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if isinstance(value, (int, Qt.CheckState)) else False
        self._toggler(self._rows[index.row()].requirement.key, checked)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(BusColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[BusColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(BusColumn(section))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == BusColumn.CRITICAL and self._toggler is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags
