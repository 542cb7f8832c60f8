"""Playbook roles ranked by how well one candidate fits them, with the skills to raise for each.

Rows come from :func:`planner.analyses.growth.growth_paths` (ranked like
:func:`planner.model.fit.ranked_roles`); the growth column lists the skills to raise, from → to.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from planner.analyses.growth import GrowthPath, growth_paths
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog, Role
from planner.wording import growth_steps_text
from ui.models.team_model import format_fit

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
FIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the fit as a float in [0, 1] (the bar delegate draws it)
ROLE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class FitColumn(IntEnum):
    ROLE = 0
    FIT = 1
    GROWTH = 2
    TASKS = 3


HEADERS = {
    FitColumn.ROLE: "Role",
    FitColumn.FIT: "Fit",
    FitColumn.TASKS: "Main tasks",
    FitColumn.GROWTH: "To grow into it",
}


class RoleFitModel(QAbstractTableModel):
    """One row per role, best fit first; the top row is bold."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog: Catalog | None = None
        self._rows: list[tuple[Role, float]] = []
        self._paths: list[GrowthPath] = []

    def set_candidate(
        self, candidate: Candidate | None, catalog: Catalog, needed: frozenset[str] = frozenset()
    ) -> None:
        """Rank the roles for ``candidate``; ``needed`` (the project's skills) orders the growth steps."""
        self.beginResetModel()
        self._catalog = catalog
        self._paths = list(growth_paths(candidate, catalog, needed)) if candidate is not None else []
        self._rows = [(catalog.role(p.role), p.fit) for p in self._paths]
        self.endResetModel()

    def ranking(self) -> list[tuple[Role, float]]:
        return list(self._rows)

    def growth(self, row: int) -> GrowthPath:
        return self._paths[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(FitColumn)

    def _tasks(self, role: Role) -> str:
        catalog = self._catalog
        if catalog is None:
            return ""
        primary = [t for t in catalog.task_ids if role.is_primary(t)]
        return ", ".join(catalog.task(t).name for t in primary)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        playbook_role, fit = self._rows[index.row()]
        column = FitColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is FitColumn.ROLE:
                return playbook_role.name
            if column is FitColumn.FIT:
                return format_fit(fit)
            if column is FitColumn.GROWTH:
                return growth_steps_text(self._catalog, self._paths[index.row()].steps) if self._catalog else ""
            return self._tasks(playbook_role)
        if role == FIT_ROLE:
            return fit
        if role == ROLE_ID_ROLE:
            return playbook_role.id
        if role == Qt.ItemDataRole.FontRole and index.row() == 0 and column in (FitColumn.ROLE, FitColumn.FIT):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not self._paths[index.row()].open_to:
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not self._paths[index.row()].open_to and column is FitColumn.ROLE:
                return f"{playbook_role.name}: not among the roles this person is open to (the solver never gives it)"
            if column is FitColumn.TASKS:
                return f"Main responsibilities of a {playbook_role.name}: {self._tasks(playbook_role)}"
            if column is FitColumn.GROWTH:
                steps = growth_steps_text(self._catalog, self._paths[index.row()].steps) if self._catalog else ""
                return (
                    f"To grow into {playbook_role.name}: {steps}.\nThe project's skills first, biggest gap first; "
                    "(inferred) marks a profile level the catalog infers rather than reads off a Playbook chart."
                )
            return (
                f"{playbook_role.name}: {format_fit(fit)} fit (1 − mean distance between the ratings and the "
                "role's Playbook profile, over the profile skills)"
            )
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(FitColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[FitColumn(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
