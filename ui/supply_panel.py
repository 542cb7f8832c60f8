"""The supply check: before a solve, how many candidates qualify for each requirement.

Zero (nobody can cover it: the plan will have a gap) is red, one (a single point of
failure) amber; the summary line names both kinds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from planner.model.catalog import Catalog, default_catalog
from planner.model.requirements import Requirement
from planner.wording import count_text, number_text, requirement_text
from ui.models.supply_model import SORT_ROLE, SupplyColumn, SupplyModel

if TYPE_CHECKING:  # the solver package loads OR-Tools; only its types are needed here
    from planner.solver.supply import SupplyReport

EMPTY_TEXT = "Choose tasks and add candidates to see how many candidates qualify for each requirement."
MAX_NAMED = 4


class SupplyPanel(QWidget):
    """A summary line over a sortable table of requirements (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None, catalog: Catalog | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog or default_catalog()
        self._report: SupplyReport | None = None
        self.summary_label = QLabel(EMPTY_TEXT)
        self.summary_label.setObjectName("supplySummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = SupplyModel(self._catalog, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Supply check: qualified candidates per requirement")
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(SupplyColumn.TASK, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SupplyColumn.WHO, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.view, 1)

    def set_catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self.model.set_catalog(catalog)
        self.show_report(self._report)

    def report(self) -> SupplyReport | None:
        return self._report

    def summary_text(self) -> str:
        return self.summary_label.text()

    def show_report(self, report: SupplyReport | None) -> None:
        """Show ``report`` (None: the empty hint)."""
        self._report = report
        self.model.set_report(report)
        if report is None:
            self.summary_label.setText(EMPTY_TEXT)
            self.summary_label.setStyleSheet("")
        else:
            self.summary_label.setText(self._summary(report))
            level = "#ef958d" if report.unmeetable else "#f3cd6a" if report.single_points else ""
            style = f"background:{level}; color:#111; border-radius:4px; padding:6px;" if level else "padding:6px;"
            self.summary_label.setStyleSheet(style)

    def _names(self, requirements: tuple[Requirement, ...]) -> str:
        shown = "; ".join(requirement_text(self._catalog, r) for r in requirements[:MAX_NAMED])
        more = len(requirements) - MAX_NAMED
        return shown + (f"; and {number_text(more)} more" if more > 0 else "")

    def _summary(self, report: SupplyReport) -> str:
        if not report.rows:
            return "No requirements: choose at least one task with subtasks."
        parts = []
        if report.unmeetable:
            n = len(report.unmeetable)
            parts.append(
                f"{count_text(n, 'requirement')} cannot be met by these candidates: {self._names(report.unmeetable)}."
            )
        if report.single_points:
            n = len(report.single_points)
            counts = {row.count for row in report.rows if row.requirement in report.single_points}
            plural = n > 1
            if counts == {1}:
                what = "requirements depend" if plural else "requirement depends"
                what += " on a single candidate"
            else:
                what = "requirements have" if plural else "requirement has"
                what += " no spare candidate"
            parts.append(f"{number_text(n)} {what}: {self._names(report.single_points)}.")
        if not parts:
            n = len(report.rows)
            subject = "The requirement has" if n == 1 else f"All {number_text(n)} requirements have"
            fewest = min(row.count for row in report.rows)
            parts.append(f"{subject} at least {count_text(fewest, 'qualified candidate')}.")
        return " ".join(parts)
