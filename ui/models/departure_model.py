""" "If X leaves": one row per team member with what their departure costs, and who could step in.

:class:`DepartureModel` lists :class:`planner.analyses.robustness.DepartureImpact` rows (red when
requirements would be lost and nobody in the pool can step in and no position could be opened,
amber when someone or a position can); :class:`ReplacementModel` lists one member's stand-ins:
the pool's candidates first, then the positions that could be opened instead, in the open
positions' own style (italic on a tinted row with the "+" badge, "Open a position" in words).
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from planner.analyses.robustness import DepartureImpact, Replacement
from planner.model.catalog import Catalog
from planner.model.money import USD, Currency
from planner.model.plan import OpenPosition
from planner.wording import count_text, min_ratings_text
from ui.models.coverage_model import text_color_for
from ui.models.team_model import format_cost, format_fit, position_style

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2

LOST_NO_REPLACEMENT = QColor("#ef958d")
LOST_REPLACEABLE = QColor("#f3cd6a")


def _name(catalog: Catalog, kind: str, item_id: str) -> str:
    try:
        return str(getattr(catalog, kind)(item_id).name)
    except KeyError:
        return item_id


def stand_ins_text(impact: DepartureImpact) -> str:
    """``2 candidates``, ``2 candidates, 3 positions``, ``1 position`` or ``nobody``."""
    parts = []
    if impact.replacements:
        parts.append(count_text(len(impact.replacements), "candidate"))
    if impact.positions:
        parts.append(count_text(len(impact.positions), "position"))
    return ", ".join(parts) or "nobody"


def stand_in_title(catalog: Catalog, position: OpenPosition) -> str:
    """``Software Engineer – Machine Learning (Software Engineer – Deep Learning)``; ``Senior …`` with the uplift."""
    title = _name(catalog, "role", position.role)
    if position.variant:
        title += f" ({position.variant})"
    return f"Senior {title}" if position.senior else title


class DepartureColumn(IntEnum):
    MEMBER = 0
    LOST = 1
    ORPHANED = 2
    REPLACEMENTS = 3


DEPARTURE_HEADERS = {
    DepartureColumn.MEMBER: "If … leaves",
    DepartureColumn.LOST: "Requirements lost",
    DepartureColumn.ORPHANED: "Tasks left with nobody",
    DepartureColumn.REPLACEMENTS: "Could step in",
}


class DepartureModel(QAbstractTableModel):
    """One row per team member; see the module docstring."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._rows: tuple[DepartureImpact, ...] = ()

    def set_rows(self, rows: tuple[DepartureImpact, ...], catalog: Catalog | None = None) -> None:
        self.beginResetModel()
        self._rows = rows
        if catalog is not None:
            self._catalog = catalog
        self.endResetModel()

    def impact(self, row: int) -> DepartureImpact:
        return self._rows[row]

    def row_of(self, member: str) -> int:
        for row, impact in enumerate(self._rows):
            if impact.member == member:
                return row
        return -1

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(DepartureColumn)

    def _color(self, impact: DepartureImpact) -> QColor | None:
        if not impact.lost and not impact.orphaned_tasks:
            return None
        return LOST_REPLACEABLE if impact.replacements or impact.positions else LOST_NO_REPLACEMENT

    def _display(self, impact: DepartureImpact, column: DepartureColumn) -> str:
        if column is DepartureColumn.MEMBER:
            return impact.member
        if column is DepartureColumn.LOST:
            return str(len(impact.lost))
        if column is DepartureColumn.ORPHANED:
            return ", ".join(_name(self._catalog, "task", t) for t in impact.orphaned_tasks) or "none"
        return stand_ins_text(impact)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        impact = self._rows[index.row()]
        column = DepartureColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(impact, column)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            color = self._color(impact)
            if color is None:
                return None
            return QBrush(color if role == Qt.ItemDataRole.BackgroundRole else text_color_for(color))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"If {impact.member} leaves: {count_text(len(impact.lost), 'requirement')} lost. Click for details."
        if role == Qt.ItemDataRole.TextAlignmentRole and column is DepartureColumn.LOST:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            if column is DepartureColumn.LOST:
                return len(impact.lost)
            if column is DepartureColumn.REPLACEMENTS:
                return len(impact.replacements) + len(impact.positions)
            return self._display(impact, column).casefold()
        if role == NAME_ROLE:
            return impact.member
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(DepartureColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return DEPARTURE_HEADERS[DepartureColumn(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ReplacementColumn(IntEnum):
    CANDIDATE = 0
    ROLE = 1
    COST = 2
    FIT = 3


REPLACEMENT_HEADERS = {
    ReplacementColumn.CANDIDATE: "Candidate",
    ReplacementColumn.ROLE: "Role",
    ReplacementColumn.COST: "Cost",
    ReplacementColumn.FIT: "Role fit",
}


StandIn = Replacement | OpenPosition


class ReplacementModel(QAbstractTableModel):
    """Who in the pool could take a departing member's place (cheapest first), then the positions."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._rows: tuple[StandIn, ...] = ()
        self.currency: Currency = USD  # the project's; the robustness panel sets it

    def set_rows(
        self, rows: tuple[Replacement, ...], catalog: Catalog | None = None, positions: tuple[OpenPosition, ...] = ()
    ) -> None:
        """The pool's candidates, then the positions that could be opened instead."""
        self.beginResetModel()
        self._rows = (*rows, *positions)
        if catalog is not None:
            self._catalog = catalog
        self.endResetModel()

    def replacement(self, row: int) -> StandIn:
        return self._rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(ReplacementColumn)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        replacement = self._rows[index.row()]
        column = ReplacementColumn(index.column())
        if isinstance(replacement, OpenPosition):
            return self._position_data(replacement, column, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is ReplacementColumn.CANDIDATE:
                return replacement.candidate
            if column is ReplacementColumn.ROLE:
                return _name(self._catalog, "role", replacement.role)
            if column is ReplacementColumn.COST:
                return format_cost(replacement.cost, self.currency)
            return format_fit(replacement.fit)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ReplacementColumn.COST, ReplacementColumn.FIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            if column is ReplacementColumn.COST:
                return -1.0 if replacement.cost is None else float(replacement.cost)
            if column is ReplacementColumn.FIT:
                return replacement.fit
            return str(self.data(index)).casefold()
        if role == NAME_ROLE:
            return replacement.candidate
        return None

    def _position_data(self, position: OpenPosition, column: ReplacementColumn, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column is ReplacementColumn.CANDIDATE:
                return "Open a position"
            if column is ReplacementColumn.ROLE:  # the variant's name alone (the tooltip names the role too)
                name = position.variant or _name(self._catalog, "role", position.role)
                return f"Senior {name}" if position.senior else name
            if column is ReplacementColumn.COST:
                return format_cost(position.cost, self.currency)
            return "—"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ReplacementColumn.COST, ReplacementColumn.FIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            if column is ReplacementColumn.COST:
                return float(position.cost)
            if column is ReplacementColumn.FIT:
                return -1.0
            return str(self._position_data(position, column, Qt.ItemDataRole.DisplayRole)).casefold()
        style = position_style(role, column is ReplacementColumn.CANDIDATE)
        if style is not None:
            return style
        if role == Qt.ItemDataRole.ToolTipRole:
            annual = format_cost(position.annual_cost, self.currency)
            recruiting = format_cost(position.recruiting_cost, self.currency)
            brings = min_ratings_text(self._catalog, position.min_ratings) or "the role's profile"
            return (
                f"Open a position: {stand_in_title(self._catalog, position)}, bringing {brings}; "
                f"{annual} a year + {recruiting} recruiting, about {count_text(position.weeks_to_fill, 'week')} to fill"
            )
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ReplacementColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return REPLACEMENT_HEADERS[ReplacementColumn(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
