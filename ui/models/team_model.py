"""The team table of a plan: member, role, tasks, cost, role fit, and current staff or a hire."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner.model.catalog import Catalog
from planner.model.plan import Member, Plan
from planner.wording import count_text, staff_or_hire

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2


class TeamColumn(IntEnum):
    MEMBER = 0
    ROLE = 1
    TASKS = 2
    COST = 3
    FIT = 4
    STAFF = 5


HEADERS = {
    TeamColumn.MEMBER: "Member",
    TeamColumn.ROLE: "Role",
    TeamColumn.TASKS: "Tasks",
    TeamColumn.COST: "Cost",
    TeamColumn.FIT: "Fit",  # short: the tooltip says "role fit" in full, and Role and Tasks get the width
    TeamColumn.STAFF: "Staff or hire",
}
HEADER_TIPS = {
    TeamColumn.COST: "Annual cost from the candidate list",
    TeamColumn.FIT: "How closely the member's ratings match the role's Playbook profile (100% is a perfect match)",
    TeamColumn.STAFF: "Current staff already work here (on the payroll); a hire is an applicant to make an offer to",
}


def format_cost(cost: float | None) -> str:
    """``170,000`` (no currency: the candidate list decides it); ``—`` when unknown."""
    if cost is None:
        return "—"
    return f"{cost:,.0f}" if float(cost).is_integer() or cost >= 100 else f"{cost:,.2f}"


def format_fit(fit: float) -> str:
    return f"{round(fit * 100)}%"


class TeamModel(QAbstractTableModel):
    """One row per team member of the shown plan."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._team: tuple[Member, ...] = ()
        self._pinned: frozenset[str] = frozenset()

    def set_catalog(self, catalog: Catalog) -> None:
        self.beginResetModel()
        self._catalog = catalog
        self.endResetModel()

    def set_plan(self, plan: Plan | None) -> None:
        """Show ``plan``'s team (None empties the table)."""
        team = plan.team if plan is not None else ()
        pinned = frozenset(plan.settings.must_hire) if plan is not None else frozenset()
        if [m.candidate for m in team] == [m.candidate for m in self._team]:
            self._team, self._pinned = team, pinned  # same people: update in place, keep selection
            if team:
                self.dataChanged.emit(self.index(0, 0), self.index(len(team) - 1, len(TeamColumn) - 1))
            return
        self.beginResetModel()
        self._team, self._pinned = team, pinned
        self.endResetModel()

    def member(self, row: int) -> Member:
        return self._team[row]

    def row_of(self, name: str) -> int:
        for row, member in enumerate(self._team):
            if member.candidate == name:
                return row
        return -1

    def role_name(self, role_id: str) -> str:
        try:
            return self._catalog.role(role_id).name
        except KeyError:
            return role_id

    def task_names(self, member: Member) -> str:
        names = []
        for task in member.tasks:
            try:
                names.append(self._catalog.task(task).name)
            except KeyError:
                names.append(task)
        return ", ".join(names)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._team)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(TeamColumn)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        member = self._team[index.row()]
        column = TeamColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is TeamColumn.MEMBER:
                return member.candidate + (" (must hire)" if member.candidate in self._pinned else "")
            if column is TeamColumn.ROLE:
                return self.role_name(member.role)
            if column is TeamColumn.TASKS:
                return self.task_names(member).replace(", ", "\n")  # one task a line: names stay whole
            if column is TeamColumn.COST:
                return format_cost(member.cost)
            if column is TeamColumn.STAFF:
                return staff_or_hire(member.employee).capitalize()
            return format_fit(member.fit)
        if role == SORT_ROLE:
            if column is TeamColumn.MEMBER:
                return member.candidate.casefold()
            if column is TeamColumn.ROLE:
                return self.role_name(member.role).casefold()
            if column is TeamColumn.TASKS:
                return self.task_names(member).casefold()
            if column is TeamColumn.COST:
                return -1.0 if member.cost is None else float(member.cost)
            if column is TeamColumn.STAFF:
                return 0 if member.employee else 1
            return float(member.fit)
        if role == NAME_ROLE:
            return member.candidate
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TeamColumn.COST, TeamColumn.FIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            role_name = self.role_name(member.role)
            covers = count_text(len(member.covers), "requirement")
            tasks = self.task_names(member) or "no task"
            return f"{member.candidate}: {role_name} on {tasks}, covers {covers}. Click for details."
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(TeamColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[TeamColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(TeamColumn(section))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
