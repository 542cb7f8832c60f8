"""The Robustness view: how many people each requirement hangs on, and what if someone leaves.

Left, the bus-factor table (from :func:`planner.analyses.robustness.robustness`): every requirement
with the members who cover it, amber where one departure would uncover it and red where
it is already short; its Critical box (or the "Mark critical" button) asks the main window
to require two members for that requirement, as an undoable constraint change
(:attr:`RobustnessPanel.criticalToggled`). Right, one row per member: what their leaving
would uncover, which tasks would be left with nobody, and who could step in: candidates from
the pool first, then (where the constraints allow one more position) the positions the market
could fill instead, "open a position: <role> (<variant>)", cheapest first.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.analyses.robustness import DepartureImpact, RobustnessReport, robustness
from planner.model.catalog import Catalog, default_catalog
from planner.model.money import Currency
from planner.model.plan import Plan, PlanStatus
from planner.model.project import Problem
from planner.wording import count_text, number_text, plural, requirement_text
from ui.models.bus_factor_model import (
    FILTER_ROLE,
    KEY_ROLE,
    RISK_COLORS,
    BusColumn,
    BusFactorModel,
    Risk,
)
from ui.models.bus_factor_model import SORT_ROLE as BUS_SORT_ROLE
from ui.models.departure_model import (
    NAME_ROLE,
    SORT_ROLE,
    DepartureModel,
    ReplacementModel,
    stand_in_title,
    stand_ins_text,
)
from ui.models.team_model import format_cost

EMPTY_HINT = "No plan yet.\nSolve (Ctrl+R) to see how many people each requirement depends on."


def _table(model: object, sort_role: int) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)  # type: ignore[arg-type]
    proxy.setSortRole(sort_role)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # model order until the user sorts
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


def _box(title: str, *items: QWidget | QHBoxLayout) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    for item in items:
        if isinstance(item, QHBoxLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
    return box


class RobustnessPanel(QWidget):
    """See the module docstring."""

    criticalToggled = Signal(object, bool)  # ((task, skill), critical)
    memberActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = default_catalog()
        self._problem: Problem | None = None
        self._plan: Plan | None = None
        self._report: RobustnessReport | None = None

        self.summary_label = QLabel("")
        self.summary_label.setObjectName("robustnessSummary")
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)

        self.bus_model = BusFactorModel(self._catalog, self)
        self.bus_model.set_toggler(self.criticalToggled.emit)
        self.bus_view, self.bus_proxy = _table(self.bus_model, BUS_SORT_ROLE)
        self.bus_proxy.setParent(self)
        self.bus_proxy.setFilterRole(FILTER_ROLE)
        self.bus_view.setObjectName("busFactors")
        self.bus_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bus_view.horizontalHeader().setSectionResizeMode(BusColumn.MEMBERS, QHeaderView.ResizeMode.Stretch)
        self.bus_view.horizontalHeader().setStretchLastSection(False)
        self.bus_view.selectionModel().selectionChanged.connect(self._update_critical_button)
        self.only_risky = QCheckBox("Only requirements at risk")
        self.only_risky.setToolTip("Hide the requirements that one departure would not uncover")
        self.only_risky.toggled.connect(self._filter_changed)
        self.critical_button = QPushButton("Mark critical (needs 2)")
        self.critical_button.setToolTip("Require two members for the selected requirement (undoable)")
        self.critical_button.clicked.connect(self._toggle_selected_critical)
        bus_tools = QHBoxLayout()
        bus_tools.addWidget(self.only_risky)
        bus_tools.addStretch(1)
        bus_tools.addWidget(self.critical_button)
        legend = QLabel(
            f"<span style='color:{RISK_COLORS[Risk.AT_RISK].name()}'>■</span> one departure uncovers it &nbsp; "
            f"<span style='color:{RISK_COLORS[Risk.SHORT].name()}'>■</span> fewer members than it needs"
        )
        legend.setWordWrap(True)

        self.departure_model = DepartureModel(self._catalog, self)
        self.departure_view, self.departure_proxy = _table(self.departure_model, SORT_ROLE)
        self.departure_proxy.setParent(self)
        self.departure_view.setObjectName("departures")
        self.departure_view.selectionModel().selectionChanged.connect(self._departure_selected)
        self.departure_view.activated.connect(self._departure_activated)
        self.impact_text = QTextBrowser()
        self.impact_text.setObjectName("impact")
        self.impact_text.setPlaceholderText("Click a member to see what their departure would uncover.")
        self.replacement_model = ReplacementModel(self._catalog, self)
        self.replacement_view, self.replacement_proxy = _table(self.replacement_model, SORT_ROLE)
        self.replacement_proxy.setParent(self)
        self.replacement_view.setObjectName("replacements")
        self.replacement_label = QLabel("Could step in (cheapest first)")

        bus_box = _box("Bus factor: members covering each requirement", bus_tools, self.bus_view, legend)
        departures_box = _box("If … leaves", self.departure_view)
        impact_box = _box("Impact", self.impact_text, self.replacement_label, self.replacement_view)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(departures_box)
        right.addWidget(impact_box)
        right.setSizes([220, 380])
        content = QSplitter(Qt.Orientation.Horizontal)
        content.addWidget(bus_box)
        content.addWidget(right)
        content.setSizes([640, 520])
        for splitter in (right, content):
            splitter.setChildrenCollapsible(False)

        self.empty_label = QLabel(EMPTY_HINT)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.stack, 1)
        self.show_plan(None, None)

    # --- public API -------------------------------------------------------------------

    def show_plan(self, problem: Problem | None, plan: Plan | None) -> None:
        """Analyse ``plan`` against ``problem`` (the candidates' ratings and the constraints)."""
        selected = self.selected_member()
        self._problem, self._plan = problem, plan
        if problem is not None:
            self._catalog = problem.catalog
        if problem is None or plan is None or plan.status is PlanStatus.INFEASIBLE:
            self._report = None
            self.bus_model.set_rows((), frozenset(), self._catalog)
            self.departure_model.set_rows((), self._catalog)
            self.replacement_model.set_rows((), self._catalog)
            self.impact_text.clear()
            self.summary_label.setText("")
            self.summary_label.hide()
            infeasible = plan is not None and plan.status is PlanStatus.INFEASIBLE
            self.empty_label.setText(
                "The plan is infeasible: there is no team to analyse." if infeasible else EMPTY_HINT
            )
            self.stack.setCurrentIndex(0)
            self._update_critical_button()
            return
        report = robustness(problem, plan)
        self._report = report
        self.bus_model.set_rows(report.bus_factors, problem.constraints.critical, problem.catalog)
        self.departure_model.set_rows(report.departures, problem.catalog)
        self.summary_label.setText(self._summary(report))
        self.summary_label.show()
        self.stack.setCurrentIndex(1)
        if not selected or self.departure_model.row_of(selected) < 0:
            # Open on the departure that hurts most, so the right side is never blank.
            worst = max(report.departures, key=lambda d: len(d.lost), default=None)
            selected = worst.member if worst is not None and worst.lost else None
        self.select_member(selected)
        self._show_impact(self._impact(self.selected_member()))
        self._update_critical_button()

    def set_currency(self, currency: Currency) -> None:
        """Show the stand-ins' costs in the project's currency."""
        self.replacement_model.currency = currency

    def report(self) -> RobustnessReport | None:
        return self._report

    def summary_text(self) -> str:
        return self.summary_label.text()

    def impact_plain_text(self) -> str:
        return self.impact_text.toPlainText()

    def selected_member(self) -> str | None:
        rows = self.departure_view.selectionModel().selectedRows()
        return str(rows[0].data(NAME_ROLE)) if rows else None

    def select_member(self, name: str | None) -> None:
        row = self.departure_model.row_of(name) if name else -1
        if row < 0:
            self.departure_view.clearSelection()
            return
        self.departure_view.selectRow(self.departure_proxy.mapFromSource(self.departure_model.index(row, 0)).row())

    def select_requirement(self, task: str, skill: str) -> bool:
        """Select the bus-factor row of (task, skill); False when it is not shown."""
        for row in range(self.bus_proxy.rowCount()):
            if self.bus_proxy.index(row, 0).data(KEY_ROLE) == (task, skill):
                self.bus_view.selectRow(row)
                return True
        return False

    # --- summary and details -------------------------------------------------------------

    def _summary(self, report: RobustnessReport) -> str:
        short = [b for b in report.bus_factors if b.count < b.needed]
        single = report.single_points
        parts = []
        if single:
            parts.append(f"{count_text(len(single), 'requirement')} would be uncovered by one departure")
        else:
            parts.append("No single departure uncovers a requirement")
        if short:
            parts.append(f"{number_text(len(short))} already {plural(len(short), 'has')} fewer members than needed")
        worst = max(report.departures, key=lambda d: len(d.lost), default=None)
        if worst is not None and worst.lost:
            parts.append(f"losing {worst.member} would uncover {len(worst.lost)}")
        return "; ".join(parts) + "."

    def _impact(self, member: str | None) -> DepartureImpact | None:
        if self._report is None or member is None:
            return None
        for impact in self._report.departures:
            if impact.member == member:
                return impact
        return None

    def _show_impact(self, impact: DepartureImpact | None) -> None:
        if impact is None:
            self.impact_text.clear()
            self.replacement_model.set_rows((), self._catalog)
            self.replacement_label.setText("Could step in (cheapest first)")
            return
        catalog: Catalog = self._catalog
        parts = [f"<p><b>If {escape(impact.member)} leaves</b></p>"]
        if impact.lost:
            items = "".join(f"<li>{escape(requirement_text(catalog, r))}</li>" for r in impact.lost)
            parts.append(f"<p>{count_text(len(impact.lost), 'requirement')} would be uncovered:</p><ul>{items}</ul>")
        else:
            parts.append("<p>Every requirement stays covered.</p>")
        if impact.orphaned_tasks:
            names = ", ".join(escape(self._task_name(t)) for t in impact.orphaned_tasks)
            parts.append(f"<p>Left with nobody: {names}.</p>")
        if not impact.replacements:
            parts.append(
                "<p>Nobody in the pool can take all of their tasks and cover what would be lost"
                " (within the budget and tasks-per-person limit).</p>"
            )
        if impact.positions:
            first = impact.positions[0]
            cost = format_cost(first.cost, self.replacement_model.currency)
            parts.append(
                f"<p>Or open a position: {escape(stand_in_title(catalog, first))}, {cost} in the first year, "
                f"about {count_text(first.weeks_to_fill, 'week')} to fill"
                + (f" ({count_text(len(impact.positions), 'option')} below)" if len(impact.positions) > 1 else "")
                + ".</p>"
            )
        self.impact_text.setHtml("".join(parts))
        self.replacement_model.set_rows(impact.replacements, catalog, impact.positions)
        if impact.replacements or impact.positions:
            self.replacement_label.setText(
                f"Could step in (the pool, then positions; cheapest first): {stand_ins_text(impact)}"
            )
        else:
            self.replacement_label.setText("Could step in: nobody in the pool, and no position to open")

    def _task_name(self, task: str) -> str:
        try:
            return self._catalog.task(task).name
        except KeyError:
            return task

    # --- slots -------------------------------------------------------------------------

    def _filter_changed(self, only_risky: bool) -> None:
        self.bus_proxy.setFilterFixedString("risk" if only_risky else "")

    def _departure_selected(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._show_impact(self._impact(self.selected_member()))

    def _departure_activated(self, index: QModelIndex) -> None:
        name = index.data(NAME_ROLE)
        if name:
            self.memberActivated.emit(str(name))

    def _selected_key(self) -> tuple[str, str] | None:
        rows = self.bus_view.selectionModel().selectedRows()
        if not rows:
            return None
        key = rows[0].data(KEY_ROLE)
        return (str(key[0]), str(key[1])) if key else None

    def _is_critical(self, key: tuple[str, str]) -> bool:
        return self._problem is not None and key in self._problem.constraints.critical

    def _update_critical_button(self, *_args: object) -> None:
        key = self._selected_key()
        self.critical_button.setEnabled(key is not None)
        critical = key is not None and self._is_critical(key)
        self.critical_button.setText("Unmark critical" if critical else "Mark critical (needs 2)")

    def _toggle_selected_critical(self) -> None:
        key = self._selected_key()
        if key is not None:
            self.criticalToggled.emit(key, not self._is_critical(key))
