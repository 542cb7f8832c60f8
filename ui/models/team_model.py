"""The team table of a plan: one row per member and per open position.

A member row shows the person, role, tasks, cost, role fit, and current staff or a hire.
An open position is a team row of its own style: "Position 1" in italics on a tinted row
with a "+" badge, the job title (the Playbook variant's name where one applies), its tasks,
its first-year cost (annual plus recruiting) and "Open position" with the weeks to fill, so
it reads as a position without relying on colour. Rows sort together; a
position's name in :data:`NAME_ROLE` is its label among the members
(:func:`planner.analyses.coverage.position_label`), the name the heatmap knows it by.
"""

from __future__ import annotations

from enum import IntEnum
from functools import cache

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap

from planner.analyses.coverage import position_label
from planner.model.catalog import Catalog
from planner.model.money import USD, Currency, format_money
from planner.model.plan import Member, OpenPosition, Plan
from planner.model.project import Problem
from planner.wording import count_text, min_ratings_text, position_title, staff_or_hire

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
POSITION_ROLE = Qt.ItemDataRole.UserRole + 3  # True on an open position's row
POSITION_TINT = QColor(150, 110, 220, 40)  # translucent violet: reads on light and dark palettes, unlike selection


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
    TeamColumn.COST: "Annual cost from the candidate list; an open position's first-year cost (annual + recruiting)",
    TeamColumn.FIT: "How closely the member's ratings match the role's Playbook profile (100% is a perfect match)",
    TeamColumn.STAFF: "Current staff already work here (on the payroll); a hire is an applicant to make an offer to; "
    "an open position is a hire still to recruit on the market, with the weeks it takes to fill",
}


def format_cost(cost: float | None, currency: Currency | None = None) -> str:
    """``$170,000`` in ``currency``; without one, the bare number (``170,000``); ``—`` when unknown."""
    if cost is None:
        return "—"
    if currency is not None:
        return format_money(cost, currency)
    return f"{cost:,.0f}" if float(cost).is_integer() or cost >= 100 else f"{cost:,.2f}"


def format_fit(fit: float) -> str:
    return f"{round(fit * 100)}%"


@cache
def position_icon() -> QIcon:
    """A "+" in a circle: the badge of an open position's row (shape, not only colour)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor("#3d63c9")
    painter.setPen(QPen(colour, 1.5))
    painter.drawEllipse(QRectF(1.5, 1.5, 13, 13))
    painter.drawLine(QPointF(8, 4.5), QPointF(8, 11.5))
    painter.drawLine(QPointF(4.5, 8), QPointF(11.5, 8))
    painter.end()
    return QIcon(pixmap)


def position_style(role: int, first_column: bool) -> object | None:
    """What an open position's row shows for ``role`` beyond its text: italic, tinted, badged (None: nothing)."""
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setItalic(True)
        return font
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(POSITION_TINT)
    if role == Qt.ItemDataRole.DecorationRole and first_column:
        return position_icon()
    return None


TeamRow = Member | OpenPosition


class TeamModel(QAbstractTableModel):
    """One row per team member and per open position of the shown plan."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self.currency: Currency = USD
        self._rows: tuple[TeamRow, ...] = ()
        self._names: tuple[str, ...] = ()
        self._pinned: frozenset[str] = frozenset()

    def set_catalog(self, catalog: Catalog) -> None:
        self.beginResetModel()
        self._catalog = catalog
        self.endResetModel()

    def set_currency(self, currency: Currency) -> None:
        self.currency = currency
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(TeamColumn) - 1))

    def set_plan(self, plan: Plan | None, problem: Problem | None = None) -> None:
        """Show ``plan``'s members and open positions (None empties the table)."""
        rows: tuple[TeamRow, ...] = (*plan.team, *plan.open_positions) if plan is not None else ()
        names = tuple(m.candidate for m in plan.team) if plan is not None else ()
        if plan is not None:
            names += tuple(position_label(problem, p, i) for i, p in enumerate(plan.open_positions, start=1))
        pinned = frozenset(plan.settings.must_hire) if plan is not None else frozenset()
        if names == self._names:
            self._rows, self._pinned = rows, pinned  # same people: update in place, keep selection
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(TeamColumn) - 1))
            return
        self.beginResetModel()
        self._rows, self._names, self._pinned = rows, names, pinned
        self.endResetModel()

    def member(self, row: int) -> TeamRow:
        return self._rows[row]

    def name(self, row: int) -> str:
        """The row's name: the member's, or the position's label ("Open position 1: Data Scientist")."""
        return self._names[row]

    def row_of(self, name: str) -> int:
        return self._names.index(name) if name in self._names else -1

    def role_name(self, role_id: str) -> str:
        try:
            return self._catalog.role(role_id).name
        except KeyError:
            return role_id

    def task_names(self, member: TeamRow) -> str:
        names = []
        for task in member.tasks:
            try:
                names.append(self._catalog.task(task).name)
            except KeyError:
                names.append(task)
        return ", ".join(names)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(TeamColumn)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = TeamColumn(index.column())
        if isinstance(row, OpenPosition):
            return self._position_data(index.row(), row, column, role)
        return self._member_data(row, column, role)

    def _member_data(self, member: Member, column: TeamColumn, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column is TeamColumn.MEMBER:
                return member.candidate + (" (must hire)" if member.candidate in self._pinned else "")
            if column is TeamColumn.ROLE:
                return self.role_name(member.role)
            if column is TeamColumn.TASKS:
                return self.task_names(member).replace(", ", "\n")  # one task a line: names stay whole
            if column is TeamColumn.COST:
                return format_cost(member.cost, self.currency)
            if column is TeamColumn.STAFF:
                trained = "\ntrained" if member.training else ""
                return staff_or_hire(member.employee).capitalize() + trained
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
        if role == POSITION_ROLE:
            return False
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TeamColumn.COST, TeamColumn.FIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            role_name = self.role_name(member.role)
            covers = count_text(len(member.covers), "requirement")
            tasks = self.task_names(member) or "no task"
            training = f", trained in {count_text(len(member.training), 'skill')}" if member.training else ""
            return f"{member.candidate}: {role_name} on {tasks}, covers {covers}{training}. Click for details."
        return None

    def _position_data(self, row: int, position: OpenPosition, column: TeamColumn, role: int) -> object:
        name = self._names[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column is TeamColumn.MEMBER:
                return name.split(":", 1)[0].removeprefix("Open ").capitalize()  # "Position 1": the title is in Role
            if column is TeamColumn.ROLE:  # the variant's name, or the role's; the details give both
                return name.split(": ", 1)[-1]
            if column is TeamColumn.TASKS:
                return self.task_names(position).replace(", ", "\n")
            if column is TeamColumn.COST:
                return format_cost(position.cost, self.currency)
            if column is TeamColumn.STAFF:
                return f"Open position\n{count_text(position.weeks_to_fill, 'week')}"  # to fill (the header tip says)
            return "—"  # nobody is hired yet: no fit to show
        if role == SORT_ROLE:
            if column is TeamColumn.MEMBER:
                return name.casefold()
            if column is TeamColumn.ROLE:
                return position_title(self._catalog, position).casefold()
            if column is TeamColumn.TASKS:
                return self.task_names(position).casefold()
            if column is TeamColumn.COST:
                return float(position.cost)
            if column is TeamColumn.STAFF:
                return 2
            return -1.0
        if role == NAME_ROLE:
            return name
        if role == POSITION_ROLE:
            return True
        style = position_style(role, column is TeamColumn.MEMBER)
        if style is not None:
            return style
        if role == Qt.ItemDataRole.AccessibleTextRole and column is TeamColumn.MEMBER:
            return f"Open position: {name.split(': ', 1)[-1]}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TeamColumn.COST, TeamColumn.FIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            annual = format_money(position.annual_cost, self.currency)
            recruiting = format_money(position.recruiting_cost, self.currency)
            brings = min_ratings_text(self._catalog, position.min_ratings) or "the role's profile"
            return (
                f"Open position: {position_title(self._catalog, position)}, to recruit on the market for "
                f"{self.task_names(position) or 'no task'}: must bring "
                f"{brings}; {annual} a year + {recruiting} recruiting, about "
                f"{count_text(position.weeks_to_fill, 'week')} to fill. Click for details."
            )
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
